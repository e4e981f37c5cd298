/**
 * @module Worker that re-hashes stored capture Blobs during a pack export, off the export page's thread. Blobs
 * arrive by reference; each is read and hashed in turn (one at a time, so memory holds one capture per worker
 * however many are queued), and only its SHA-256 goes back.
 */
import { BlobHashRequestSchema, type BlobHashRequest, type BlobHashResponse } from '@/src/cases/blob-hash-protocol';
import { sha256Hex } from '@/src/shared/hash';

// The dedicated-worker side of `self` (the project's TypeScript lib is the DOM's, not the worker's).
const scope = self as unknown as {
  onmessage: ((event: MessageEvent<unknown>) => void) | null;
  postMessage: (message: BlobHashResponse) => void;
};

async function hash({ id, blob }: BlobHashRequest): Promise<BlobHashResponse> {
  try {
    return { id, sha256: await sha256Hex(blob) };
  } catch (error) {
    return { id, error: (error instanceof Error ? error.message : String(error)).slice(0, 2000) };
  }
}

let queue: Promise<void> = Promise.resolve();
scope.onmessage = (event: MessageEvent<unknown>) => {
  const request = BlobHashRequestSchema.safeParse(event.data);
  if (!request.success) {
    // Only the export page that started this worker can post to it; a malformed message is a bug, dropped.
    return;
  }
  queue = queue.then(async () => scope.postMessage(await hash(request.data)));
};
