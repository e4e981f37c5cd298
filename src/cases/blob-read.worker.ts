/**
 * @module Worker that reads capture bytes for a pack export: IndexedDB's copy of each value into memory and the
 * SHA-256 re-hash run here, on a second thread, while the export page's thread writes the zip (on a 2-core
 * machine they took ~350 of its ~1,150 ms per 100 MB). The bytes are transferred back, not copied.
 */
import { BlobReadRequestSchema, type BlobReadResponse } from '@/src/cases/blob-read-protocol';
import { blobsReader } from '@/src/cases/blobs-reader';
import { sha256Hex } from '@/src/shared/hash';
import { createEvidenceDb } from '@/src/store/db';

// Blobs stored before CRC-32s were recorded come back without one; the capture feed computes it then.
const readBlobs = blobsReader(createEvidenceDb());
// The dedicated-worker side of `self` (the project's TypeScript lib is the DOM's, not the worker's).
const scope = self as unknown as {
  onmessage: ((event: MessageEvent<unknown>) => void) | null;
  postMessage: (message: BlobReadResponse, transfer?: Transferable[]) => void;
};

scope.onmessage = (event: MessageEvent<unknown>) => {
  const request = BlobReadRequestSchema.safeParse(event.data);
  if (!request.success) {
    // Only the export page that started this worker can post to it; a malformed message is a bug, dropped.
    return;
  }
  const { id, sha256s } = request.data;
  void (async () => {
    try {
      const stored = await readBlobs(sha256s);
      const items = [];
      for (const { data, crc32 } of stored) {
        // IndexedDB hands back a fresh ArrayBuffer (it cannot store shared memory), so it can be transferred.
        items.push({ data: data as Uint8Array<ArrayBuffer>, crc32, sha256: await sha256Hex(data) });
      }
      const response: BlobReadResponse = { id, items };
      // A blob asked for twice may come back as one buffer; each buffer is transferred once.
      scope.postMessage(response, [...new Set(items.map((item) => item.data.buffer))]);
    } catch (error) {
      const response: BlobReadResponse = { id, error: (error instanceof Error ? error.message : String(error)).slice(0, 2000) };
      scope.postMessage(response);
    }
  })();
};
