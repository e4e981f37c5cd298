import { Dexie } from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import type { OrderFacts } from '@/src/cases/order';
import { sha256Hex } from '@/src/shared/hash';
import { evidenceTime } from '@/src/shared/time';
import { verifyEventChain } from '@/src/store/chain';
import { saveChatMessages } from '@/src/store/chat-repo';
import { createEvidenceDb, type EvidenceDb } from '@/src/store/db';
import { storedBytes } from '@/src/store/records';
import { caseEvents, ensureCase, recordOrderSighting, storeCaptureBatch, type CapturedItem } from '@/src/store/repo';
import { addNote, attachFile, CaseNotWritableError, deleteCase, isActiveCase, liveCaseId, mergeCases, recordManualOrder, shopCaseForEvidence, splitCase } from '@/src/store/workspace-repo';
import type { ChatMessageWire } from '@/src/chat/types';

let counter = 0;
let db: EvidenceDb;
function freshDb(): EvidenceDb {
  counter += 1;
  db = createEvidenceDb(`workspace-test-${counter}`);
  return db;
}
afterEach(async () => {
  db.close();
  await Dexie.delete(db.name);
});

const SHOP = 'https://shop.example';
const now = (iso = '2026-11-02T13:10:00Z') => evidenceTime(new Date(iso));

const ORDER: OrderFacts = {
  orderNo: 'K8QW2M7ZP4XR9T1A',
  amount: 158,
  currency: 'CNY',
  item: '腾讯视频VIP年卡',
  quantity: 1,
  orderTime: '2026-11-02T21:05:33+08:00',
  status: 'paid',
  statusText: '已支付',
  shopName: '星河数卡',
  paymentMethod: '支付宝',
  contact: null,
};

async function textItem(text: string): Promise<CapturedItem> {
  const data = new TextEncoder().encode(text);
  return { kind: 'text', mime: 'text/plain;charset=utf-8', data, sha256: await sha256Hex(data), sourceUrl: `${SHOP}/o`, frameUrl: null, title: 't', note: null };
}

function message(key: string, text: string): ChatMessageWire {
  return {
    key,
    position: Number(key.replace(/\D/g, '')),
    role: 'agent',
    kind: 'text',
    text,
    url: null,
    fileName: null,
    shownTime: null,
    versions: [],
    recalled: false,
    recallNotice: null,
    originalKind: null,
    firstSeenAt: '2026-11-02T21:06:00.000+08:00',
  };
}

async function expectChainIntact(caseId: string): Promise<string[]> {
  const events = await caseEvents(db, caseId);
  expect(await verifyEventChain(events)).toEqual([]);
  return events.map((e) => e.type);
}

describe('notes', () => {
  it('records each note as an event and keeps the text on the case for search', async () => {
    freshDb();
    const c = await ensureCase(db, { shopOrigin: SHOP, orderNo: 'A1' }, now());
    await addNote(db, c.id, '  客服说三天内退款  ', now());
    await addNote(db, c.id, 'Second note', now());
    expect((await db.cases.get(c.id))?.notesText).toBe('客服说三天内退款\nSecond note');
    const events = await caseEvents(db, c.id);
    expect(events.filter((e) => e.type === 'note-added').map((e) => e.data)).toEqual([{ text: '客服说三天内退款' }, { text: 'Second note' }]);
    expect(await expectChainIntact(c.id)).toEqual(['case-opened', 'note-added', 'note-added']);
    await expect(addNote(db, c.id, '   ', now())).rejects.toThrow();
  });
});

describe('user files', () => {
  it('stores the bytes content-addressed with the SHA-256 computed at attach time', async () => {
    freshDb();
    const c = await ensureCase(db, { shopOrigin: SHOP, orderNo: 'A1' }, now());
    const data = new TextEncoder().encode('%PDF-1.4 bank statement');
    const record = await attachFile(db, c.id, { name: '../../银行流水.pdf', mime: 'application/pdf', data }, now());
    expect(record.kind).toBe('file');
    expect(record.sha256).toBe(await sha256Hex(data));
    expect(record.note).toBe('../../银行流水.pdf');
    const stored = await db.blobs.get(record.sha256);
    expect(stored?.data).toBeInstanceOf(Blob);
    expect(await storedBytes(stored?.data ?? new Uint8Array())).toEqual(data);
    const events = await caseEvents(db, c.id);
    expect(events.at(-1)?.type).toBe('file-attached');
    expect(events.at(-1)?.data).toMatchObject({ captureId: record.id, name: '../../银行流水.pdf', sha256: record.sha256, bytes: data.byteLength });
    await expectChainIntact(c.id);
  });

  it('does not trust a malformed MIME type', async () => {
    freshDb();
    const c = await ensureCase(db, { shopOrigin: SHOP, orderNo: 'A1' }, now());
    const record = await attachFile(db, c.id, { name: 'x', mime: 'text/html; <script>', data: new Uint8Array([1]) }, now());
    expect(record.mime).toBe('application/octet-stream');
  });
});

describe('facts entered by hand', () => {
  it('opens a new case with the typed facts, recorded as user-entered', async () => {
    freshDb();
    const record = await recordManualOrder(db, SHOP, { kind: 'new' }, ORDER, `${SHOP}/o`, now());
    expect(record.order).toEqual(ORDER);
    expect(record.orderNo).toBe(ORDER.orderNo);
    const types = await expectChainIntact(record.id);
    expect(types).toEqual(['case-opened', 'order-entered']);
    const entered = (await caseEvents(db, record.id)).at(-1);
    expect(entered?.data).toMatchObject({ source: 'user', url: `${SHOP}/o`, order: { orderNo: ORDER.orderNo, amount: 158 } });
  });

  it('turns typed fields into corrections on a case that already has extracted facts', async () => {
    freshDb();
    const { record } = await recordOrderSighting(db, { shopOrigin: SHOP, orderNo: ORDER.orderNo }, ORDER, null, `${SHOP}/o`, now());
    const next = await recordManualOrder(db, SHOP, { kind: 'existing', caseId: record.id }, { ...ORDER, amount: 200 }, `${SHOP}/o`, now());
    expect(next.order?.amount).toBe(158);
    expect(next.corrections).toEqual({ amount: 200 });
    await expectChainIntact(record.id);
  });
});

describe('merge', () => {
  it('moves captures and chats with events in both chains; the absorbed case is read-only', async () => {
    freshDb();
    const a = await ensureCase(db, { shopOrigin: SHOP, orderNo: 'A1' }, now());
    const b = await ensureCase(db, { shopOrigin: SHOP, orderNo: '' }, now());
    const [cap] = await storeCaptureBatch(db, b.id, 'batch-1', [await textItem('page')], now());
    await saveChatMessages(db, b.id, { chatKey: 'chat-1', widget: 'w', frameUrl: SHOP, pageUrl: `${SHOP}/o` }, [message('m1', '你好'), message('m2', '退款')], now());
    await addNote(db, b.id, 'from b', now());
    const result = await mergeCases(db, b.id, a.id, now());
    expect(result).toEqual({ captures: 1, messages: 2 });
    expect((await db.captures.get(cap?.id ?? ''))?.caseId).toBe(a.id);
    expect(await db.messages.where('caseId').equals(a.id).count()).toBe(2);
    const absorbed = await db.cases.get(b.id);
    expect(absorbed?.mergedInto).toBe(a.id);
    expect(absorbed !== undefined && isActiveCase(absorbed)).toBe(false);
    expect((await db.cases.get(a.id))?.notesText).toBe('from b');
    expect((await expectChainIntact(b.id)).at(-1)).toBe('case-merged-into');
    expect((await expectChainIntact(a.id)).at(-1)).toBe('case-merged-from');
    const mergedFrom = (await caseEvents(db, a.id)).at(-1);
    expect(mergedFrom?.data).toMatchObject({ fromCaseId: b.id, captures: [{ captureId: cap?.id, sha256: cap?.sha256 }], chatKeys: ['chat-1'] });
    await expect(addNote(db, b.id, 'late', now())).rejects.toBeInstanceOf(CaseNotWritableError);
    await expect(mergeCases(db, a.id, a.id, now())).rejects.toThrow();
  });
});

describe('split', () => {
  it('moves the selected captures and chat into a new case, both chains intact', async () => {
    freshDb();
    const a = await ensureCase(db, { shopOrigin: SHOP, orderNo: '' }, now());
    const [keep] = await storeCaptureBatch(db, a.id, 'batch-1', [await textItem('order one')], now());
    const [move] = await storeCaptureBatch(db, a.id, 'batch-2', [await textItem('order two')], now());
    await saveChatMessages(db, a.id, { chatKey: 'chat-2', widget: 'w', frameUrl: SHOP, pageUrl: `${SHOP}/o` }, [message('m1', 'x')], now());
    const created = await splitCase(db, a.id, { captureIds: [move?.id ?? ''], chatKeys: ['chat-2'] }, 'B2', now());
    expect(created.orderNo).toBe('B2');
    expect((await db.captures.get(move?.id ?? ''))?.caseId).toBe(created.id);
    expect((await db.captures.get(keep?.id ?? ''))?.caseId).toBe(a.id);
    expect(await db.messages.where('caseId').equals(created.id).count()).toBe(1);
    expect((await expectChainIntact(a.id)).at(-1)).toBe('case-split-out');
    expect(await expectChainIntact(created.id)).toEqual(['case-opened', 'case-split-from']);
    await expect(splitCase(db, a.id, { captureIds: [keep?.id ?? ''], chatKeys: [] }, 'B2', now())).rejects.toThrow(/merge instead/);
    await expect(splitCase(db, a.id, { captureIds: [], chatKeys: [] }, 'C3', now())).rejects.toThrow(/nothing selected/);
  });
});

describe('delete', () => {
  it('tombstones the case, removes its data and only blobs no other case refers to; the chain still verifies', async () => {
    freshDb();
    const a = await ensureCase(db, { shopOrigin: SHOP, orderNo: 'A1' }, now());
    const b = await ensureCase(db, { shopOrigin: SHOP, orderNo: 'B2' }, now());
    const shared = await textItem('shown on a page with two orders');
    const own = await textItem('only a');
    await storeCaptureBatch(db, a.id, 'batch-1', [shared, own], now());
    await storeCaptureBatch(db, b.id, 'batch-1', [shared], now());
    await saveChatMessages(db, a.id, { chatKey: 'chat-1', widget: 'w', frameUrl: SHOP, pageUrl: `${SHOP}/o` }, [message('m1', 'x')], now());
    const result = await deleteCase(db, a.id, now());
    expect(result).toEqual({ captures: 2, messages: 1, blobsRemoved: 1 });
    expect(await db.blobs.get(own.sha256)).toBeUndefined();
    expect(await db.blobs.get(shared.sha256)).toBeDefined();
    expect(await db.captures.where('caseId').equals(a.id).count()).toBe(0);
    expect(await db.messages.where('caseId').equals(a.id).count()).toBe(0);
    expect((await db.cases.get(a.id))?.deleted).toBe(true);
    expect((await expectChainIntact(a.id)).at(-1)).toBe('case-deleted');
    await expectChainIntact(b.id);
    await expect(deleteCase(db, a.id, now())).rejects.toBeInstanceOf(CaseNotWritableError);
  });
});

describe('live case', () => {
  it('follows merges to the surviving case and gives none for a deleted case', async () => {
    freshDb();
    const a = await ensureCase(db, { shopOrigin: SHOP, orderNo: 'A1' }, now());
    const b = await ensureCase(db, { shopOrigin: SHOP, orderNo: 'B2' }, now());
    const c = await ensureCase(db, { shopOrigin: SHOP, orderNo: 'C3' }, now());
    await mergeCases(db, b.id, a.id, now());
    await mergeCases(db, a.id, c.id, now());
    expect(await liveCaseId(db, b.id)).toBe(c.id);
    expect(await liveCaseId(db, c.id)).toBe(c.id);
    await deleteCase(db, c.id, now());
    expect(await liveCaseId(db, b.id)).toBeNull();
  });
});

describe('the shop case as a place for new evidence', () => {
  it('is created once, followed through a merge, and reopened with an event after a deletion', async () => {
    freshDb();
    const first = await shopCaseForEvidence(db, SHOP, now());
    expect(await shopCaseForEvidence(db, SHOP, now())).toBe(first);

    const order = await ensureCase(db, { shopOrigin: SHOP, orderNo: 'A1' }, now());
    await mergeCases(db, first, order.id, now());
    expect(await shopCaseForEvidence(db, SHOP, now())).toBe(order.id);

    const other = await ensureCase(db, { shopOrigin: 'https://other.example', orderNo: '' }, now());
    await deleteCase(db, other.id, now());
    expect((await db.cases.get(other.id))?.deleted).toBe(true);
    expect(await shopCaseForEvidence(db, 'https://other.example', now('2026-11-03T08:00:00Z'))).toBe(other.id);
    const reopened = await db.cases.get(other.id);
    expect(reopened === undefined ? false : isActiveCase(reopened)).toBe(true);
    const types = await expectChainIntact(other.id);
    expect(types.slice(-2)).toEqual(['case-deleted', 'case-reopened']);
  });
});
