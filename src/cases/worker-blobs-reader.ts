/**
 * @module A {@link BlobsReader} backed by blob-read.worker.ts, for the export page: reading and re-hashing capture
 * bytes happen on the worker's thread, writing the zip on the page's. Falls back to reading on the page's thread
 * where workers are unavailable.
 */
import type { BlobsReader } from '@/src/bundle';
import { BlobReadResponseSchema, type BlobReadRequest } from '@/src/cases/blob-read-protocol';
import { blobsReader } from '@/src/cases/blobs-reader';
import type { EvidenceDb } from '@/src/store/db';

/** The reader and a way to stop its worker once the export is done. */
export interface ClosableBlobsReader {
  read: BlobsReader;
  close: () => void;
}

export function workerBlobsReader(db: EvidenceDb): ClosableBlobsReader {
  if (typeof Worker === 'undefined') {
    return { read: blobsReader(db), close: () => undefined };
  }
  const worker = new Worker(new URL('./blob-read.worker.ts', import.meta.url), { type: 'module' });
  const pending = new Map<number, { resolve: (items: Awaited<ReturnType<BlobsReader>>) => void; reject: (error: Error) => void }>();
  let nextId = 0;
  const failAll = (error: Error): void => {
    for (const p of pending.values()) {
      p.reject(error);
    }
    pending.clear();
  };
  worker.onmessage = (event: MessageEvent<unknown>) => {
    const response = BlobReadResponseSchema.safeParse(event.data);
    if (!response.success) {
      failAll(new Error('blob reader sent a malformed reply'));
      return;
    }
    const p = pending.get(response.data.id);
    pending.delete(response.data.id);
    if ('error' in response.data) {
      p?.reject(new Error(response.data.error));
    } else {
      p?.resolve(response.data.items);
    }
  };
  worker.onerror = (event) => {
    failAll(new Error(`blob reader stopped: ${event.message}`));
  };
  return {
    read: (sha256s) =>
      new Promise((resolve, reject) => {
        const id = nextId++;
        pending.set(id, { resolve, reject });
        const request: BlobReadRequest = { id, sha256s: [...sha256s] };
        worker.postMessage(request);
      }),
    close: () => {
      worker.terminate();
      failAll(new Error('blob reader closed'));
    },
  };
}
