/**
 * @module Reads capture data for a pack from the evidence database, a window at a time: stored Blobs as references
 * (no bytes copied into the page), bytes stored by earlier builds as bytes.
 */
import type { StoredBytes } from '@/src/bundle/capture-feed';
import type { EvidenceDb } from '@/src/store/db';

/** Reads blobs in one transaction, in the order asked; a missing blob is an error naming it (a pack never silently lacks a file). */
export function blobsReader(db: EvidenceDb): (sha256s: readonly string[]) => Promise<StoredBytes[]> {
  return async (sha256s) => {
    const records = await db.blobs.bulkGet([...sha256s]);
    return records.map((record, i) => {
      if (record === undefined) {
        throw new Error(`stored bytes missing for ${sha256s[i] ?? '?'}`);
      }
      return { data: record.data, crc32: record.crc32 ?? null };
    });
  };
}
