/**
 * @module Storage taken per case, summed from the database: capture bytes as recorded, chat messages and
 * events by the size of their records (strings count two bytes a character, as browsers hold them).
 * Identical images are stored once (content-addressed), so the sum over cases can exceed the real use.
 */
import type { EvidenceDb } from '@/src/store/db';

/** One contribution to a case's size. */
export interface SizedItem {
  caseId: string;
  bytes: number;
}

/** A case's total. */
export interface CaseSize {
  caseId: string;
  bytes: number;
}

/** Sums items per case, largest case first (ties by id, so the order is stable). */
export function sumCaseSizes(items: Iterable<SizedItem>): CaseSize[] {
  const totals = new Map<string, number>();
  for (const item of items) {
    totals.set(item.caseId, (totals.get(item.caseId) ?? 0) + item.bytes);
  }
  return [...totals.entries()].map(([caseId, bytes]) => ({ caseId, bytes })).sort((a, b) => b.bytes - a.bytes || a.caseId.localeCompare(b.caseId));
}

/** Approximate in-memory size of a stored record (two bytes a character of its JSON). */
export function recordBytes(record: unknown): number {
  return JSON.stringify(record).length * 2;
}

/** Every case's size, read from `db` (captures, chat messages and events). */
export async function readCaseSizes(db: EvidenceDb): Promise<CaseSize[]> {
  const items: SizedItem[] = [];
  await db.captures.each((capture) => {
    items.push({ caseId: capture.caseId, bytes: capture.bytes + recordBytes(capture) });
  });
  await db.messages.each((message) => {
    items.push({ caseId: message.caseId, bytes: recordBytes(message) });
  });
  await db.events.each((event) => {
    items.push({ caseId: event.caseId, bytes: recordBytes(event) });
  });
  return sumCaseSizes(items);
}
