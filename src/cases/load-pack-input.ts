/**
 * @module Reads what a pack needs for the chosen cases from the evidence database (extension pages only).
 */
import type { PackCaseInput, PackDeadline } from '@/src/bundle/index';
import { readStoredDeadlines } from '@/src/cases/stored-deadlines';
import type { EvidenceDb } from '@/src/store/db';
import { messagesOfCase } from '@/src/store/chat-repo';
import { caseCaptures, caseEvents } from '@/src/store/repo';

/** The records of each case, in the order given; unknown ids are skipped. */
export async function loadPackCases(db: EvidenceDb, caseIds: readonly string[]): Promise<PackCaseInput[]> {
  const out: PackCaseInput[] = [];
  for (const id of caseIds) {
    const record = await db.cases.get(id);
    if (record === undefined) {
      continue;
    }
    const captures = await caseCaptures(db, id);
    const messages = await messagesOfCase(db, id).toArray();
    out.push({ record, captures, messages, events: await caseEvents(db, id) });
  }
  return out;
}

/** The deadlines of the chosen cases, as the report and the 12315 draft show them. */
export async function loadPackDeadlines(caseIds: readonly string[]): Promise<PackDeadline[]> {
  const all = await readStoredDeadlines();
  return all.filter((d) => caseIds.includes(d.caseId) && d.state !== 'dismissed').map((d) => ({ rule: d.rule, dueAt: d.dueAt, basis: d.basis.zh }));
}
