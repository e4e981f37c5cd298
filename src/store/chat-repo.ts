/**
 * @module Chat messages in the evidence database. A batch is merged into what is stored (versions kept,
 * recalls never undone), and every batch that changes anything lands with one `chat-messages-saved` event
 * listing each changed message's content hash, so the event chain covers the transcript too. Saving the
 * same batch twice (a retry after a worker restart) changes nothing and adds no event.
 */
import canonicalize from 'canonicalize';
import { Dexie } from 'dexie';
import { mergeChatMessage } from '@/src/chat/merge';
import type { ChatMessageWire } from '@/src/chat/types';
import { sha256Hex } from '@/src/shared/hash';
import type { EvidenceTime } from '@/src/shared/time';
import type { EvidenceDb } from '@/src/store/db';
import type { ChatMessageRecord } from '@/src/store/records';
import { commitWithEvents } from '@/src/store/repo';

/** Where a chat was seen. */
export interface ChatSource {
  chatKey: string;
  widget: string;
  frameUrl: string;
  pageUrl: string;
}

/** Raised when the stored messages are not what the save was prepared from; the save is redone from `current`. */
class StaleReadError extends Error {
  constructor(readonly current: (ChatMessageRecord | undefined)[]) {
    super('stored chat messages changed since they were read');
  }
}

/** The stored id of a message: chat key + the watcher's key. */
export function chatMessageId(chatKey: string, key: string): string {
  return `${chatKey}#${key}`;
}

function toWire(record: ChatMessageRecord, key: string): ChatMessageWire {
  return {
    key,
    position: record.position,
    role: record.role,
    kind: record.kind,
    text: record.text,
    url: record.url,
    fileName: record.fileName,
    shownTime: record.shownTime,
    versions: record.versions,
    recalled: record.recalled,
    recallNotice: record.recallNotice,
    originalKind: record.originalKind,
    firstSeenAt: record.firstSeenAt,
  };
}

function toRecord(wire: ChatMessageWire, caseId: string, source: ChatSource, existing: ChatMessageRecord | undefined): ChatMessageRecord {
  return {
    id: chatMessageId(source.chatKey, wire.key),
    caseId: existing?.caseId ?? caseId,
    chatKey: source.chatKey,
    widget: source.widget,
    frameUrl: existing?.frameUrl ?? source.frameUrl,
    pageUrl: existing?.pageUrl ?? source.pageUrl,
    position: wire.position,
    role: wire.role,
    kind: wire.kind,
    text: wire.text,
    url: wire.url,
    fileName: wire.fileName,
    shownTime: wire.shownTime,
    firstSeenAt: wire.firstSeenAt,
    firstSeenAtMs: Date.parse(wire.firstSeenAt),
    versions: wire.versions,
    recalled: wire.recalled,
    recallNotice: wire.recallNotice,
    originalKind: wire.originalKind,
  };
}

/** Content hash of a message as stored (what the event log vouches for). */
export async function chatMessageHash(record: ChatMessageRecord): Promise<string> {
  const text = canonicalize({
    id: record.id,
    role: record.role,
    kind: record.kind,
    text: record.text,
    url: record.url,
    fileName: record.fileName,
    shownTime: record.shownTime,
    firstSeenAt: record.firstSeenAt,
    versions: record.versions,
    recalled: record.recalled,
    recallNotice: record.recallNotice,
    originalKind: record.originalKind,
  });
  return sha256Hex(text ?? '');
}

/** The messages table's query type (Dexie's, with its insert type). */
type MessageCollection = ReturnType<EvidenceDb['messages']['toCollection']>;

/** A case's chat messages, in conversation order (the `[caseId+position]` index; schema v5 has no `caseId` index). */
export function messagesOfCase(db: EvidenceDb, caseId: string): MessageCollection {
  return db.messages.where('[caseId+position]').between([caseId, Dexie.minKey], [caseId, Dexie.maxKey]);
}

/** One chat's messages, in conversation order (the `[chatKey+position]` index; schema v5 has no `chatKey` index). */
export function messagesOfChat(db: EvidenceDb, chatKey: string): MessageCollection {
  return db.messages.where('[chatKey+position]').between([chatKey, Dexie.minKey], [chatKey, Dexie.maxKey]);
}

/** The case a chat already belongs to, if any of its messages is stored. */
export async function caseOfChat(db: EvidenceDb, chatKey: string): Promise<string | null> {
  const any = await messagesOfChat(db, chatKey).first();
  return any?.caseId ?? null;
}

/** Merges `messages` into the store under `caseId` (messages already stored keep their case). Returns how many changed. */
export async function saveChatMessages(db: EvidenceDb, caseId: string, source: ChatSource, messages: readonly ChatMessageWire[], now: EvidenceTime): Promise<number> {
  const ids = messages.map((m) => chatMessageId(source.chatKey, m.key));
  // Most batches hold only new messages: the first attempt assumes none is stored and lets the write transaction
  // check it, so a new message costs one read, not two (the worker's storage work competes with the page on
  // small machines). When something was stored after all, that transaction's read is what the next attempt merges.
  let existing: (ChatMessageRecord | undefined)[] = ids.map(() => undefined);
  for (let attempt = 0; attempt < 6; attempt++) {
    const changed: ChatMessageRecord[] = [];
    messages.forEach((wire, i) => {
      const before = existing[i];
      const merged = before === undefined ? wire : mergeChatMessage(toWire(before, wire.key), wire);
      const record = toRecord(merged, caseId, source, before);
      if (before === undefined || JSON.stringify(before) !== JSON.stringify(record)) {
        changed.push(record);
      }
    });
    if (changed.length === 0) {
      return 0;
    }
    const hashes = await Promise.all(changed.map(async (r) => ({ id: r.id, sha256: await chatMessageHash(r), edited: r.versions.length > 0, recalled: r.recalled })));
    // Messages of one batch may belong to different cases only if the user moved some; log under each.
    const targetCase = changed[0]?.caseId ?? caseId;
    const expected = existing;
    try {
      await commitWithEvents(
        db,
        targetCase,
        [{ type: 'chat-messages-saved', data: { chatKey: source.chatKey, widget: source.widget, frameUrl: source.frameUrl, messages: hashes } }],
        now.iso,
        ['messages'],
        async () => {
          const current = await db.messages.bulkGet(ids);
          if (JSON.stringify(current) !== JSON.stringify(expected)) {
            throw new StaleReadError(current);
          }
          await db.messages.bulkPut(changed);
        },
      );
      return changed.length;
    } catch (error) {
      if (!(error instanceof StaleReadError)) {
        throw error;
      }
      existing = error.current;
    }
  }
  throw new Error('chat messages kept changing during the save');
}

/**
 * Moves a whole chat to another case (the user knows better than the heuristics): each message's case
 * changes, and both chains record it — `chat-moved-out` in the old case, `chat-moved-in` in the new one.
 */
export async function moveChat(db: EvidenceDb, chatKey: string, toCaseId: string, now: EvidenceTime): Promise<number> {
  const fromCaseId = await caseOfChat(db, chatKey);
  if (fromCaseId === null || fromCaseId === toCaseId) {
    return 0;
  }
  if ((await db.cases.get(toCaseId)) === undefined) {
    throw new Error(`case ${toCaseId} not found`);
  }
  const ids = await messagesOfChat(db, chatKey).primaryKeys();
  await commitWithEvents(db, fromCaseId, [{ type: 'chat-moved-out', data: { chatKey, toCaseId, messages: ids.length } }], now.iso, ['messages'], async () => {
    await messagesOfChat(db, chatKey).modify({ caseId: toCaseId });
  });
  await commitWithEvents(db, toCaseId, [{ type: 'chat-moved-in', data: { chatKey, fromCaseId, messages: ids.length } }], now.iso, [], () => Promise.resolve());
  return ids.length;
}
