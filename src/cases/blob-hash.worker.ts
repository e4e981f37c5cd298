/**
 * @module Worker that re-hashes stored capture Blobs for the export page, off the page's thread. Blobs arrive by
 * reference and only their SHA-256 goes back. A few are read at once — the next is being read from storage while
 * the last is hashed — but never more than 32 MB of them (at least one), however many are queued (bounded-runner.ts).
 */
import { BlobHashRequestSchema, type BlobHashRequest, type BlobHashResponse } from '@/src/cases/blob-hash-protocol';
import { boundedRunner } from '@/src/cases/bounded-runner';
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

// Measured on the 2-core reference machine (100 MB, two workers, beside the browser writing a pack): one Blob at a
// time, the last hash came ~730 ms after the click; three at a time, ~590 ms. The byte cap keeps a case of large
// captures from filling memory.
const hashing = boundedRunner<BlobHashRequest>({ maxJobs: 3, maxBytes: 32 * 1024 * 1024 }, async (request) => {
  scope.postMessage(await hash(request));
});

scope.onmessage = (event: MessageEvent<unknown>) => {
  const request = BlobHashRequestSchema.safeParse(event.data);
  if (!request.success) {
    // Only the export page that started this worker can post to it; a malformed message is a bug, dropped.
    return;
  }
  hashing.push(request.data, request.data.blob.size);
};
