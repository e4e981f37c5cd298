/**
 * @module Worker that re-hashes stored capture Blobs for the export page, off the page's thread. Blobs arrive by
 * reference and only their SHA-256 goes back. A few are read at once — the next is being read from storage while
 * the last is hashed — but never more than {@link IN_FLIGHT_BYTES} of them (at least one), however many are queued.
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

// Measured on the 2-core reference machine (100 MB, two workers): one Blob at a time, the check ended ~730 ms
// after the click; three at a time, ~590 ms. The byte cap keeps a case of large captures from filling memory.
const IN_FLIGHT = 3;
const IN_FLIGHT_BYTES = 32 * 1024 * 1024;
const waiting: BlobHashRequest[] = [];
let running = 0;
let runningBytes = 0;

function next(): void {
  for (let first = waiting[0]; first !== undefined; first = waiting[0]) {
    if (running > 0 && (running >= IN_FLIGHT || runningBytes + first.blob.size > IN_FLIGHT_BYTES)) {
      return;
    }
    waiting.shift();
    running += 1;
    runningBytes += first.blob.size;
    const request = first;
    void hash(request).then((response) => {
      running -= 1;
      runningBytes -= request.blob.size;
      scope.postMessage(response);
      next();
    });
  }
}

scope.onmessage = (event: MessageEvent<unknown>) => {
  const request = BlobHashRequestSchema.safeParse(event.data);
  if (!request.success) {
    // Only the export page that started this worker can post to it; a malformed message is a bug, dropped.
    return;
  }
  waiting.push(request.data);
  next();
};
