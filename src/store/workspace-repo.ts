/**
 * @module What the user does to cases in the workspace: notes, their own files, facts entered by hand, merge,
 * split and delete. Every change lands with its events in one transaction (repo.ts). A change that concerns
 * two cases writes to both chains atomically, so each chain tells its side of the story on its own.
 *
 * Deletion is a tombstone: the case record (marked `deleted`) and its event log stay, so the chain still
 * verifies and the deletion itself is on record; the captures, chat messages and every blob no other capture
 * refers to are removed (the bytes are gone). Event data keeps what the events always held (order facts,
 * hashes, file names) — said plainly in the interface before the user confirms.
 */
import type { OrderFacts } from '@/src/cases/order';
import { sha256Hex } from '@/src/shared/hash';
import type { EvidenceTime } from '@/src/shared/time';
import type { EvidenceDb } from '@/src/store/db';
import { newBlobRecord, type CaptureRecord, type CaseRecord, type JsonValue } from '@/src/store/records';
import { commitWithEvents, commitWithEventsInCases, ensureCase, type CaseKey } from '@/src/store/repo';
import { messagesOfCase, messagesOfChat } from '@/src/store/chat-repo';

/** Longest note the user can write (a long complaint narrative fits). */
export const MAX_NOTE_LENGTH = 20_000;

/** Largest file the user can attach (a bank statement PDF or a phone screenshot is far smaller). */
export const MAX_FILE_BYTES = 50 * 1024 * 1024;

/** Thrown when an operation targets a case that is deleted, merged away or unknown. */
export class CaseNotWritableError extends Error {}

/** A case the user can still change: it exists, is not deleted and was not merged into another. */
async function writableCase(db: EvidenceDb, caseId: string): Promise<CaseRecord> {
  const record = await db.cases.get(caseId);
  if (record === undefined) {
    throw new CaseNotWritableError(`case ${caseId} not found`);
  }
  if (record.deleted) {
    throw new CaseNotWritableError(`case ${caseId} was deleted`);
  }
  if (record.mergedInto !== null) {
    throw new CaseNotWritableError(`case ${caseId} was merged into ${record.mergedInto}`);
  }
  return record;
}

/** True for a case the list shows and the user can change. */
export function isActiveCase(record: Pick<CaseRecord, 'deleted' | 'mergedInto'>): boolean {
  return !record.deleted && record.mergedInto === null;
}

/**
 * The case that now holds what `caseId` held: follows merges to the surviving case; null for a deleted case.
 * Used where a detected order leads to a case, so new evidence never lands in a hidden case.
 */
export async function liveCaseId(db: EvidenceDb, caseId: string): Promise<string | null> {
  let id = caseId;
  // Merges form a chain at most as long as the number of cases; 50 hops is far beyond any real use.
  for (let hop = 0; hop < 50; hop++) {
    const record = await db.cases.get(id);
    if (record === undefined || record.deleted) {
      return null;
    }
    if (record.mergedInto === null) {
      return id;
    }
    id = record.mergedInto;
  }
  return null;
}

/** The user writes a note: a `note-added` event; the text is also kept on the case for the list's search. */
export async function addNote(db: EvidenceDb, caseId: string, text: string, now: EvidenceTime): Promise<void> {
  const note = text.trim();
  if (note === '' || note.length > MAX_NOTE_LENGTH) {
    throw new Error(`a note has 1 to ${MAX_NOTE_LENGTH} characters`);
  }
  await writableCase(db, caseId);
  await commitWithEvents(db, caseId, [{ type: 'note-added', data: { text: note } }], now.iso, ['cases'], async () => {
    const current = await writableCase(db, caseId);
    await db.cases.put({ ...current, notesText: current.notesText === '' ? note : `${current.notesText}\n${note}`, updatedAtMs: now.epochMs });
  });
}

/** A file the user chose (payment screenshot, bank statement). */
export interface UserFile {
  name: string;
  /** The browser's MIME type; empty when it does not know. */
  mime: string;
  data: Uint8Array;
}

/**
 * Attaches the user's own file: SHA-256 computed now (WebCrypto), bytes content-addressed in `blobs`, a
 * capture of kind `file` carrying the original name, and a `file-attached` event, in one transaction.
 */
export async function attachFile(db: EvidenceDb, caseId: string, file: UserFile, now: EvidenceTime): Promise<CaptureRecord> {
  if (file.data.byteLength > MAX_FILE_BYTES) {
    throw new Error(`a file may have at most ${MAX_FILE_BYTES} bytes`);
  }
  await writableCase(db, caseId);
  const sha256 = await sha256Hex(file.data);
  // The name is data, never a path: the pack names files by number, time and kind (bundle/paths.ts).
  const name = file.name.slice(0, 500);
  const mime = /^[\w.+-]+\/[\w.+-]+$/.test(file.mime) ? file.mime : 'application/octet-stream';
  const record: CaptureRecord = {
    id: crypto.randomUUID(),
    caseId,
    batchId: crypto.randomUUID(),
    kind: 'file',
    mime,
    bytes: file.data.byteLength,
    sha256,
    capturedAt: now.iso,
    capturedAtMs: now.epochMs,
    timeZone: now.timeZone,
    sourceUrl: '',
    frameUrl: null,
    title: name,
    note: name,
  };
  await commitWithEvents(
    db,
    caseId,
    [{ type: 'file-attached', data: { captureId: record.id, name, mime, bytes: record.bytes, sha256 } }],
    now.iso,
    ['captures', 'blobs', 'cases'],
    async () => {
      await writableCase(db, caseId);
      if ((await db.blobs.get(sha256)) === undefined) {
        await db.blobs.add(newBlobRecord(sha256, mime, file.data));
      }
      await db.captures.add(record);
      await db.cases.update(caseId, { updatedAtMs: now.epochMs });
    },
  );
  return record;
}

/** Where the user says an order page's facts belong. */
export type ManualOrderTarget = { kind: 'new' } | { kind: 'existing'; caseId: string };

function titleOf(shopOrigin: string, orderNo: string, order: OrderFacts): string {
  const shop = order.shopName ?? new URL(shopOrigin).host;
  return orderNo === '' ? `${shop} · ${order.orderNo}` : `${shop} · ${orderNo}`;
}

/**
 * The user marks a page the detector missed as an order page, with facts typed by hand: an `order-entered`
 * event (`source: 'user'`, so every view and the pack can say the facts were entered by the user, not read
 * from the page). A new case is keyed by the shop origin and the typed order number (an existing case with
 * that key is reused). On a case that already has extracted facts, typed fields become corrections, so the
 * extracted values stay.
 */
export async function recordManualOrder(
  db: EvidenceDb,
  shopOrigin: string,
  target: ManualOrderTarget,
  order: OrderFacts,
  pageUrl: string,
  now: EvidenceTime,
): Promise<CaseRecord> {
  const key: CaseKey = { shopOrigin, orderNo: order.orderNo };
  const base = target.kind === 'new' ? await ensureCase(db, key, now) : await writableCase(db, target.caseId);
  await writableCase(db, base.id);
  const entered: Record<string, JsonValue> = { ...order };
  return commitWithEvents(db, base.id, [{ type: 'order-entered', data: { url: pageUrl, source: 'user', order: entered } }], now.iso, ['cases'], async () => {
    const current = await writableCase(db, base.id);
    let next: CaseRecord;
    if (current.order === null) {
      next = { ...current, order, status: order.status, title: titleOf(current.shopOrigin, current.orderNo, order), updatedAtMs: now.epochMs };
    } else {
      const corrections = { ...current.corrections };
      for (const [field, value] of Object.entries(order)) {
        if (value !== null && value !== current.order[field as keyof OrderFacts]) {
          corrections[field] = value;
        }
      }
      next = { ...current, corrections, updatedAtMs: now.epochMs };
    }
    await db.cases.put(next);
    return next;
  });
}

/** Chat keys of a case's messages, each once. */
async function chatKeysOf(db: EvidenceDb, caseId: string): Promise<string[]> {
  const keys = new Set<string>();
  await messagesOfCase(db, caseId).each((m) => {
    keys.add(m.chatKey);
  });
  return [...keys].sort();
}

/**
 * Merges `fromId` into `intoId`: captures and chat messages move to the target; the target's chain gets
 * `case-merged-from` (listing every moved capture with its hash), the absorbed case's chain gets
 * `case-merged-into`; the absorbed case becomes read-only and hidden (`mergedInto`). One transaction.
 */
export async function mergeCases(db: EvidenceDb, fromId: string, intoId: string, now: EvidenceTime): Promise<{ captures: number; messages: number }> {
  if (fromId === intoId) {
    throw new Error('a case cannot be merged into itself');
  }
  await writableCase(db, fromId);
  await writableCase(db, intoId);
  const captures = await db.captures.where('caseId').equals(fromId).toArray();
  const messageIds = await messagesOfCase(db, fromId).primaryKeys();
  const chatKeys = await chatKeysOf(db, fromId);
  const moved = captures.map((c) => ({ captureId: c.id, sha256: c.sha256, kind: c.kind }));
  await commitWithEventsInCases(
    db,
    [
      { caseId: fromId, events: [{ type: 'case-merged-into', data: { intoCaseId: intoId, captures: moved.length, messages: messageIds.length, chatKeys } }] },
      { caseId: intoId, events: [{ type: 'case-merged-from', data: { fromCaseId: fromId, captures: moved, messages: messageIds.length, chatKeys } }] },
    ],
    now.iso,
    ['cases', 'captures', 'messages'],
    async () => {
      const from = await writableCase(db, fromId);
      const into = await writableCase(db, intoId);
      const nowCaptures = await db.captures.where('caseId').equals(fromId).primaryKeys();
      const nowMessages = await messagesOfCase(db, fromId).primaryKeys();
      if (nowCaptures.length !== captures.length || nowMessages.length !== messageIds.length) {
        throw new Error('the case changed while merging; try again');
      }
      await db.captures.where('caseId').equals(fromId).modify({ caseId: intoId });
      await messagesOfCase(db, fromId).modify({ caseId: intoId });
      await db.cases.put({ ...from, mergedInto: intoId, updatedAtMs: now.epochMs });
      const notesText = [into.notesText, from.notesText].filter((n) => n !== '').join('\n');
      await db.cases.put({ ...into, notesText, updatedAtMs: now.epochMs });
    },
  );
  return { captures: captures.length, messages: messageIds.length };
}

/** What the user moves out of a case into a new one. */
export interface SplitSelection {
  captureIds: readonly string[];
  chatKeys: readonly string[];
}

/**
 * Splits the selected captures and chats of `fromId` into a new case of the same shop, keyed by the order
 * number the user gives (which must not name an existing case of that shop: merge instead). The source
 * chain gets `case-split-out`, the new chain `case-opened` + `case-split-from` (with every moved hash).
 */
export async function splitCase(db: EvidenceDb, fromId: string, selection: SplitSelection, orderNo: string, now: EvidenceTime): Promise<CaseRecord> {
  const from = await writableCase(db, fromId);
  const trimmed = orderNo.trim();
  if (trimmed === '' || trimmed.length > 200) {
    throw new Error('the new case needs an order number (1 to 200 characters)');
  }
  if ((await db.cases.where('[shopOrigin+orderNo]').equals([from.shopOrigin, trimmed]).count()) > 0) {
    throw new Error(`this shop already has a case for order ${trimmed}; merge instead`);
  }
  const captures = (await db.captures.bulkGet([...selection.captureIds])).filter((c): c is CaptureRecord => c !== undefined && c.caseId === fromId);
  const messageIds: string[] = [];
  for (const chatKey of selection.chatKeys) {
    messageIds.push(...(await messagesOfChat(db, chatKey).filter((m) => m.caseId === fromId).primaryKeys()));
  }
  if (captures.length === 0 && messageIds.length === 0) {
    throw new Error('nothing selected to split off');
  }
  const record: CaseRecord = {
    id: crypto.randomUUID(),
    shopOrigin: from.shopOrigin,
    orderNo: trimmed,
    title: `${new URL(from.shopOrigin).host} · ${trimmed}`,
    createdAt: now.iso,
    updatedAtMs: now.epochMs,
    order: null,
    corrections: {},
    status: null,
    extras: from.extras,
    deleted: false,
    mergedInto: null,
    notesText: '',
  };
  const moved = captures.map((c) => ({ captureId: c.id, sha256: c.sha256, kind: c.kind }));
  const chatKeys = [...selection.chatKeys].sort();
  await commitWithEventsInCases(
    db,
    [
      { caseId: fromId, events: [{ type: 'case-split-out', data: { toCaseId: record.id, captures: moved, messages: messageIds.length, chatKeys } }] },
      {
        caseId: record.id,
        events: [
          { type: 'case-opened', data: { shopOrigin: record.shopOrigin, orderNo: record.orderNo } },
          { type: 'case-split-from', data: { fromCaseId: fromId, captures: moved, messages: messageIds.length, chatKeys } },
        ],
      },
    ],
    now.iso,
    ['cases', 'captures', 'messages'],
    async () => {
      await writableCase(db, fromId);
      if ((await db.cases.where('[shopOrigin+orderNo]').equals([record.shopOrigin, record.orderNo]).count()) > 0) {
        throw new Error(`this shop already has a case for order ${trimmed}; merge instead`);
      }
      await db.cases.add(record);
      await db.cases.update(fromId, { updatedAtMs: now.epochMs });
      await db.captures.where('id').anyOf(moved.map((m) => m.captureId)).modify({ caseId: record.id });
      await db.messages.where('id').anyOf(messageIds).modify({ caseId: record.id });
    },
  );
  return record;
}

/**
 * Deletes a case after the user confirmed: a `case-deleted` event; captures and chat messages removed; a
 * blob removed only when no capture of another case refers to it; the case record stays as a tombstone
 * (`deleted`) with its whole event log, which still verifies.
 */
export async function deleteCase(db: EvidenceDb, caseId: string, now: EvidenceTime): Promise<{ captures: number; messages: number; blobsRemoved: number }> {
  await writableCase(db, caseId);
  const captures = await db.captures.where('caseId').equals(caseId).toArray();
  const messages = await messagesOfCase(db, caseId).count();
  const hashes = [...new Set(captures.map((c) => c.sha256))];
  const orphaned: string[] = [];
  for (const sha256 of hashes) {
    const elsewhere = await db.captures.where('sha256').equals(sha256).filter((c) => c.caseId !== caseId).count();
    if (elsewhere === 0) {
      orphaned.push(sha256);
    }
  }
  const data = { captures: captures.length, messages, blobsRemoved: orphaned.length };
  await commitWithEvents(db, caseId, [{ type: 'case-deleted', data }], now.iso, ['cases', 'captures', 'messages', 'blobs'], async () => {
    const current = await writableCase(db, caseId);
    for (const sha256 of orphaned) {
      // Checked again inside the transaction: a capture of another case may have arrived meanwhile.
      const elsewhere = await db.captures.where('sha256').equals(sha256).filter((c) => c.caseId !== caseId).count();
      if (elsewhere === 0) {
        await db.blobs.delete(sha256);
      }
    }
    await db.captures.where('caseId').equals(caseId).delete();
    await messagesOfCase(db, caseId).delete();
    await db.cases.put({ ...current, deleted: true, updatedAtMs: now.epochMs });
  });
  return data;
}

/**
 * The shop's case without an order, as a place for new evidence (a capture, a chat, a membership page) where no
 * order case applies: follows a merge to the surviving case, and reopens the case (a `case-reopened` event) if the
 * user had deleted it — new evidence must never land in a case the list hides.
 */
export async function shopCaseForEvidence(db: EvidenceDb, shopOrigin: string, now: EvidenceTime): Promise<string> {
  const shopCase = await ensureCase(db, { shopOrigin, orderNo: '' }, now);
  const live = await liveCaseId(db, shopCase.id);
  if (live !== null) {
    return live;
  }
  // Deleted (directly, or the case it was merged into): the user sees it again, with only the new evidence.
  let target = shopCase;
  for (let hop = 0; hop < 50 && target.mergedInto !== null; hop++) {
    const next = await db.cases.get(target.mergedInto);
    if (next === undefined) {
      break;
    }
    target = next;
  }
  const id = target.id;
  await commitWithEvents(db, id, [{ type: 'case-reopened', data: { reason: 'new evidence for the shop' } }], now.iso, ['cases'], async () => {
    const current = await db.cases.get(id);
    if (current !== undefined && current.deleted) {
      await db.cases.put({ ...current, deleted: false, updatedAtMs: now.epochMs });
    }
  });
  return id;
}
