/**
 * @module Re-hashes stored Blobs for the export page on a few workers (blob-hash.worker.ts), so the check of every
 * capture's stored bytes (when the page opens, stored-bytes-check.ts, and during an export for what that check did
 * not cover) runs off the page's thread. Falls back to hashing on this thread where workers are unavailable.
 */
import { BlobHashResponseSchema, type BlobHashRequest } from '@/src/cases/blob-hash-protocol';
import { sha256Hex } from '@/src/shared/hash';

/** Hashes Blobs; close() stops the workers (pending hashes then reject). */
export interface BlobHashers {
  hash: (blob: Blob) => Promise<string>;
  close: () => void;
}

interface Pending {
  resolve: (sha256: string) => void;
  reject: (error: Error) => void;
  bytes: number;
}

/** One worker and what it has been asked and not yet answered. */
interface Hasher {
  worker: Worker;
  pending: Map<number, Pending>;
  queuedBytes: number;
}

// Measured on the 2-core reference machine (100 MB, hashed beside the browser writing the pack): with one worker
// the checks ended ~630 ms after the download began, with two ~330–450 ms; four made the export no sooner.
const DEFAULT_WORKERS = 2;

export function blobHashers(count = DEFAULT_WORKERS): BlobHashers {
  if (typeof Worker === 'undefined') {
    return { hash: sha256Hex, close: () => undefined };
  }
  let nextId = 0;
  const hashers: Hasher[] = [];
  const fail = (hasher: Hasher, error: Error): void => {
    for (const p of hasher.pending.values()) {
      p.reject(error);
    }
    hasher.pending.clear();
    hasher.queuedBytes = 0;
  };
  for (let i = 0; i < count; i++) {
    const hasher: Hasher = { worker: new Worker(new URL('./blob-hash.worker.ts', import.meta.url), { type: 'module' }), pending: new Map(), queuedBytes: 0 };
    hasher.worker.onmessage = (event: MessageEvent<unknown>) => {
      const response = BlobHashResponseSchema.safeParse(event.data);
      if (!response.success) {
        fail(hasher, new Error('blob hasher sent a malformed reply'));
        return;
      }
      const p = hasher.pending.get(response.data.id);
      if (p === undefined) {
        return;
      }
      hasher.pending.delete(response.data.id);
      hasher.queuedBytes -= p.bytes;
      if ('error' in response.data) {
        p.reject(new Error(response.data.error));
      } else {
        p.resolve(response.data.sha256);
      }
    };
    hasher.worker.onerror = (event) => {
      fail(hasher, new Error(`blob hasher stopped: ${event.message}`));
    };
    hashers.push(hasher);
  }
  return {
    hash: (blob) =>
      new Promise((resolve, reject) => {
        // The worker with the fewest bytes still to hash takes it.
        const hasher = hashers.reduce((a, b) => (b.queuedBytes < a.queuedBytes ? b : a));
        const id = nextId++;
        hasher.pending.set(id, { resolve, reject, bytes: blob.size });
        hasher.queuedBytes += blob.size;
        const request: BlobHashRequest = { id, blob };
        hasher.worker.postMessage(request);
      }),
    close: () => {
      for (const hasher of hashers) {
        hasher.worker.terminate();
        fail(hasher, new Error('blob hasher closed'));
      }
    },
  };
}
