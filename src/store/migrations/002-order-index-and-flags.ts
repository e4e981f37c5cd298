/**
 * @module Migration 1 → 2. Self-contained: it imports no app code (the v1 shapes are copied here), so
 * later changes to the app's types cannot silently change what this migration does.
 */
import type { Transaction } from 'dexie';

/** A case as version 1 stored it: `deleted` and `updatedAtMs` could be absent. */
interface CaseV1 {
  id: string;
  createdAt: string;
  updatedAtMs?: number;
  deleted?: boolean;
}

/** A capture as version 1 stored it: `note` and `capturedAtMs` could be absent. */
interface CaptureV1 {
  capturedAt: string;
  capturedAtMs?: number;
  note?: string | null;
}

/** Fills the fields version 2 indexes and reads without a fallback. */
export async function upgradeV1ToV2(tx: Transaction): Promise<void> {
  await tx
    .table<CaseV1>('cases')
    .toCollection()
    .modify((record) => {
      record.deleted ??= false;
      record.updatedAtMs ??= Date.parse(record.createdAt);
    });
  await tx
    .table<CaptureV1>('captures')
    .toCollection()
    .modify((record) => {
      record.note ??= null;
      record.capturedAtMs ??= Date.parse(record.capturedAt);
    });
}
