/**
 * @module Migration 3 → 4. Self-contained: it imports no app code (the v3 shape is copied here), so later
 * changes to the app's types cannot silently change what this migration does.
 */
import type { Transaction } from 'dexie';

/** A case as version 3 stored it: no merge target, no denormalised notes. */
interface CaseV3 {
  id: string;
  mergedInto?: string | null;
  notesText?: string;
}

/** Fills the fields version 4 reads without a fallback: no case was merged and no note existed before v4. */
export async function upgradeV3ToV4(tx: Transaction): Promise<void> {
  await tx
    .table<CaseV3>('cases')
    .toCollection()
    .modify((record) => {
      record.mergedInto ??= null;
      record.notesText ??= '';
    });
}
