/**
 * @module Repositories over the evidence database. Every change to a case goes through here, so every
 * change lands together with its hash-chained event in one transaction: a crash, a closed worker or a
 * full disk leaves either both or neither.
 */
import { Dexie } from 'dexie';
import type { EvidenceDb } from '@/src/store/db';
import { computeEventHash, GENESIS_HASH } from '@/src/store/chain';
import type { OrderFacts, ShopExtras } from '@/src/cases/order';
import { newBlobRecord, type CaptureKind, type CaptureRecord, type CaseRecord, type EventRecord, type JsonValue } from '@/src/store/records';
import type { EvidenceTime } from '@/src/shared/time';

/** An event to append: its type and data; seq, hashes and time are filled in. */
export interface NewEvent {
  type: string;
  data: JsonValue;
}

/** Raised inside a transaction when another writer appended to the chain first; the caller retries. */
class ChainMovedError extends Error {}

/** Raised inside a transaction when another page opened the same case first. */
class CaseExistsError extends Error {}

const MAX_CHAIN_RETRIES = 20;

/** The last event of a case, or undefined for a case without events. */
export async function chainHead(db: EvidenceDb, caseId: string): Promise<EventRecord | undefined> {
  return db.events.where('[caseId+seq]').between([caseId, Dexie.minKey], [caseId, Dexie.maxKey]).last();
}

/** Builds chained events after `head`, hashing outside any transaction (WebCrypto would end it). */
async function chainEvents(caseId: string, head: EventRecord | undefined, events: readonly NewEvent[], at: string): Promise<EventRecord[]> {
  const out: EventRecord[] = [];
  let prevHash = head?.hash ?? GENESIS_HASH;
  let seq = head === undefined ? 0 : head.seq + 1;
  for (const event of events) {
    const body = { caseId, seq, type: event.type, at, data: event.data, prevHash };
    const hash = await computeEventHash(body);
    out.push({ ...body, hash });
    prevHash = hash;
    seq += 1;
  }
  return out;
}

/**
 * Appends events to a case's chain together with `write` (the records they describe), atomically.
 * Hashes are computed before the transaction; inside it the head is checked again and, if another writer
 * moved it, everything is recomputed and retried. `[caseId+seq]` is unique, so a fork is impossible.
 */
export async function commitWithEvents<T>(
  db: EvidenceDb,
  caseId: string,
  events: readonly NewEvent[],
  at: string,
  tables: readonly string[],
  write: () => Promise<T>,
): Promise<T> {
  return commitWithEventsInCases(db, [{ caseId, events }], at, tables, write);
}

/** Events to append to one case's chain, for {@link commitWithEventsInCases}. */
export interface CaseEvents {
  caseId: string;
  events: readonly NewEvent[];
}

/**
 * Like {@link commitWithEvents}, for a change that concerns several cases at once (merge, split): every
 * case's events and `write` land in one transaction, or none of them does. Each chain head is checked again
 * inside the transaction; if any moved, everything is recomputed and retried.
 */
export async function commitWithEventsInCases<T>(
  db: EvidenceDb,
  perCase: readonly CaseEvents[],
  at: string,
  tables: readonly string[],
  write: () => Promise<T>,
): Promise<T> {
  for (let attempt = 0; attempt < MAX_CHAIN_RETRIES; attempt++) {
    const heads = await Promise.all(perCase.map((c) => chainHead(db, c.caseId)));
    const chained: EventRecord[] = [];
    for (const [i, c] of perCase.entries()) {
      chained.push(...(await chainEvents(c.caseId, heads[i], c.events, at)));
    }
    try {
      return await db.transaction('rw', [db.events, ...tables.map((t) => db.table(t))], async () => {
        for (const [i, c] of perCase.entries()) {
          const current = await chainHead(db, c.caseId);
          if (current?.hash !== heads[i]?.hash) {
            throw new ChainMovedError();
          }
        }
        const result = await write();
        await db.events.bulkAdd(chained);
        return result;
      });
    } catch (error) {
      const moved = error instanceof ChainMovedError || (error instanceof Dexie.DexieError && error.name === 'ConstraintError');
      if (!moved) {
        throw error;
      }
    }
  }
  const which = perCase.length === 1 ? `event chain of case ${perCase[0]?.caseId ?? ''}` : `event chains of cases ${perCase.map((c) => c.caseId).join(', ')}`;
  throw new Error(`${which} kept moving; gave up after ${MAX_CHAIN_RETRIES} attempts`);
}

/** Appends events that change nothing else (notes, user actions, status observations). */
export async function appendEvents(db: EvidenceDb, caseId: string, events: readonly NewEvent[], at: string): Promise<void> {
  await commitWithEvents(db, caseId, events, at, [], () => Promise.resolve());
}

/** What identifies a case: the shop's origin and the order number (`''` while no order is known). */
export interface CaseKey {
  shopOrigin: string;
  orderNo: string;
}

function caseTitle(key: CaseKey, order: OrderFacts | null): string {
  const shop = order?.shopName ?? new URL(key.shopOrigin).host;
  return key.orderNo === '' ? shop : `${shop} · ${key.orderNo}`;
}

/** What a new case may start with, written in the same transaction as its `case-opened` event. */
interface InitialFacts {
  order: OrderFacts;
  extras: ShopExtras | null;
  pageUrl: string;
}

/**
 * Finds the case for a key, creating it (with a `case-opened` event) when it does not exist yet. With
 * `initial`, a new case is created with its order facts at once, so no reader ever sees it without them.
 */
export async function ensureCase(db: EvidenceDb, key: CaseKey, now: EvidenceTime, initial?: InitialFacts): Promise<CaseRecord> {
  const existing = await db.cases.where('[shopOrigin+orderNo]').equals([key.shopOrigin, key.orderNo]).first();
  if (existing !== undefined) {
    return existing;
  }
  const record: CaseRecord = {
    id: crypto.randomUUID(),
    shopOrigin: key.shopOrigin,
    orderNo: key.orderNo,
    title: caseTitle(key, initial?.order ?? null),
    createdAt: now.iso,
    updatedAtMs: now.epochMs,
    order: initial?.order ?? null,
    corrections: {},
    status: initial?.order.status ?? null,
    extras: initial?.extras ?? null,
    deleted: false,
    mergedInto: null,
    notesText: '',
  };
  const events: NewEvent[] = [{ type: 'case-opened', data: { shopOrigin: key.shopOrigin, orderNo: key.orderNo } }];
  if (initial !== undefined) {
    events.push({ type: 'order-seen', data: { url: initial.pageUrl, order: { ...initial.order } } });
    if (initial.extras !== null) {
      events.push({ type: 'shop-info-seen', data: { url: initial.pageUrl, extras: { ...initial.extras, cardKeys: [...initial.extras.cardKeys] } } });
    }
  }
  try {
    await commitWithEvents(
      db,
      record.id,
      events,
      now.iso,
      ['cases'],
      async () => {
        const raced = await db.cases.where('[shopOrigin+orderNo]').equals([key.shopOrigin, key.orderNo]).count();
        if (raced > 0) {
          throw new CaseExistsError();
        }
        await db.cases.add(record);
      },
    );
    return record;
  } catch (error) {
    // Two pages of the same shop may open the same case at once: the first transaction wins.
    if (!(error instanceof CaseExistsError)) {
      throw error;
    }
    const winner = await db.cases.where('[shopOrigin+orderNo]').equals([key.shopOrigin, key.orderNo]).first();
    if (winner !== undefined) {
      return winner;
    }
    throw error;
  }
}

/** Fields whose change is recorded as its own event (a status change is evidence in itself). */
const ORDER_FIELDS = ['amount', 'currency', 'item', 'quantity', 'orderTime', 'status', 'statusText', 'shopName', 'paymentMethod', 'contact'] as const;

/**
 * Records what an order page showed: the first sighting sets the facts; later sightings that differ are
 * events (`order-changed` with before/after), never silent overwrites. Returns the case and whether it changed.
 */
export async function recordOrderSighting(
  db: EvidenceDb,
  key: CaseKey,
  order: OrderFacts,
  extras: ShopExtras | null,
  pageUrl: string,
  now: EvidenceTime,
): Promise<{ record: CaseRecord; changed: boolean }> {
  const existing = await db.cases.where('[shopOrigin+orderNo]').equals([key.shopOrigin, key.orderNo]).first();
  const base = existing ?? (await ensureCase(db, key, now, { order, extras, pageUrl }));
  if (existing === undefined && base.order !== null && JSON.stringify(base.order) === JSON.stringify(order)) {
    return { record: base, changed: true };
  }
  for (let attempt = 0; attempt < 3; attempt++) {
    const current = (await db.cases.get(base.id)) ?? base;
    const events: NewEvent[] = [];
    if (current.order === null) {
      events.push({ type: 'order-seen', data: { url: pageUrl, order: { ...order } } });
    } else {
      const changes: Record<string, JsonValue> = {};
      for (const field of ORDER_FIELDS) {
        const before = current.order[field];
        const after = order[field];
        if (after !== null && after !== before) {
          changes[field] = { before, after };
        }
      }
      if (Object.keys(changes).length > 0) {
        events.push({ type: 'order-changed', data: { url: pageUrl, changes } });
      }
    }
    // A page without the footer must not erase the shop's licence block seen (or copied, src/membership) earlier.
    const nextExtras = extras === null ? current.extras : keepShopLicence(extras, current.extras);
    if (extras !== null && JSON.stringify(nextExtras) !== JSON.stringify(current.extras)) {
      events.push({ type: 'shop-info-seen', data: { url: pageUrl, extras: { ...extras, cardKeys: [...extras.cardKeys] } } });
    }
    if (events.length === 0) {
      return { record: current, changed: false };
    }
    // Merge: a later page that omits a field (null) keeps the earlier value; the event log has both.
    const merged: OrderFacts = current.order === null ? order : mergeOrder(current.order, order);
    const next: CaseRecord = {
      ...current,
      order: merged,
      status: merged.status,
      title: caseTitle(key, merged),
      extras: nextExtras,
      updatedAtMs: now.epochMs,
    };
    try {
      await commitWithEvents(db, current.id, events, now.iso, ['cases'], async () => {
        const latest = await db.cases.get(current.id);
        if (latest !== undefined && JSON.stringify(latest.order) !== JSON.stringify(current.order)) {
          throw new ChainMovedError();
        }
        await db.cases.put(next);
      });
      return { record: next, changed: true };
    } catch (error) {
      if (!(error instanceof ChainMovedError)) {
        throw error;
      }
    }
  }
  throw new Error('order sighting kept conflicting with another writer');
}

/** The page's extras, with the licence fields (company, credit code, ICP) it lacks kept from before. */
function keepShopLicence(seen: ShopExtras, before: ShopExtras | null): ShopExtras {
  return {
    ...seen,
    companyName: seen.companyName ?? before?.companyName ?? null,
    creditCode: seen.creditCode ?? before?.creditCode ?? null,
    icp: seen.icp ?? before?.icp ?? null,
  };
}

function mergeOrder(before: OrderFacts, after: OrderFacts): OrderFacts {
  return {
    orderNo: after.orderNo,
    amount: after.amount ?? before.amount,
    currency: after.currency ?? before.currency,
    item: after.item ?? before.item,
    quantity: after.quantity ?? before.quantity,
    orderTime: after.orderTime ?? before.orderTime,
    status: after.status ?? before.status,
    statusText: after.statusText ?? before.statusText,
    shopName: after.shopName ?? before.shopName,
    paymentMethod: after.paymentMethod ?? before.paymentMethod,
    contact: after.contact ?? before.contact,
  };
}

/** The user corrects an extracted field: the correction is an event; the extracted value stays. */
export async function correctOrderField(
  db: EvidenceDb,
  caseId: string,
  field: string,
  value: string | number | null,
  now: EvidenceTime,
): Promise<void> {
  await commitWithEvents(db, caseId, [{ type: 'field-corrected', data: { field, value } }], now.iso, ['cases'], async () => {
    const current = await db.cases.get(caseId);
    if (current === undefined) {
      throw new Error(`case ${caseId} not found`);
    }
    await db.cases.put({ ...current, corrections: { ...current.corrections, [field]: value }, updatedAtMs: now.epochMs });
  });
}

/** One item of a capture batch, hashed by the caller at capture time. */
export interface CapturedItem {
  kind: CaptureKind;
  mime: string;
  data: Uint8Array;
  sha256: string;
  sourceUrl: string;
  frameUrl: string | null;
  title: string;
  note: string | null;
}

/**
 * Stores one click's items: bytes content-addressed in `blobs` (stored once), a capture record per
 * item and a `capture-stored` event per item, in one transaction.
 */
export async function storeCaptureBatch(
  db: EvidenceDb,
  caseId: string,
  batchId: string,
  items: readonly CapturedItem[],
  capturedAt: EvidenceTime,
): Promise<CaptureRecord[]> {
  const records: CaptureRecord[] = items.map((item) => ({
    id: crypto.randomUUID(),
    caseId,
    batchId,
    kind: item.kind,
    mime: item.mime,
    bytes: item.data.byteLength,
    sha256: item.sha256,
    capturedAt: capturedAt.iso,
    capturedAtMs: capturedAt.epochMs,
    timeZone: capturedAt.timeZone,
    sourceUrl: item.sourceUrl,
    frameUrl: item.frameUrl,
    title: item.title,
    note: item.note,
  }));
  const events: NewEvent[] = records.map((r) => ({
    type: 'capture-stored',
    data: { captureId: r.id, batchId, kind: r.kind, sha256: r.sha256, bytes: r.bytes, mime: r.mime, sourceUrl: r.sourceUrl, frameUrl: r.frameUrl },
  }));
  await commitWithEvents(db, caseId, events, capturedAt.iso, ['captures', 'blobs', 'cases'], async () => {
    for (const item of items) {
      const exists = await db.blobs.get(item.sha256);
      if (exists === undefined) {
        await db.blobs.add(newBlobRecord(item.sha256, item.mime, item.data));
      }
    }
    await db.captures.bulkAdd(records);
    await db.cases.update(caseId, { updatedAtMs: capturedAt.epochMs });
  });
  return records;
}

/** The newest captures across all cases, newest first. */
export async function latestCaptures(db: EvidenceDb, limit: number): Promise<CaptureRecord[]> {
  return db.captures.orderBy('capturedAtMs').reverse().limit(limit).toArray();
}

/** Cases, most recently updated first. */
export async function listCases(db: EvidenceDb, limit = 500): Promise<CaseRecord[]> {
  // One getAll and a sort here: a reverse index cursor pays a round trip per record (≈3× slower at 200 cases).
  const all = await db.cases.toArray();
  return all.sort((a, b) => b.updatedAtMs - a.updatedAtMs).slice(0, limit);
}

/** Every capture of a case, oldest first (the order of a case's timeline and of its pack). */
export async function caseCaptures(db: EvidenceDb, caseId: string): Promise<CaptureRecord[]> {
  return db.captures.where('caseId').equals(caseId).sortBy('capturedAtMs');
}

/** Every event of a case in chain order. */
export async function caseEvents(db: EvidenceDb, caseId: string): Promise<EventRecord[]> {
  return db.events.where('[caseId+seq]').between([caseId, Dexie.minKey], [caseId, Dexie.maxKey]).toArray();
}
