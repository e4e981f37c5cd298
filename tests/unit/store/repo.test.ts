import { Dexie } from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import type { OrderFacts } from '@/src/cases/order';
import { sha256Hex } from '@/src/shared/hash';
import { evidenceTime } from '@/src/shared/time';
import { verifyEventChain } from '@/src/store/chain';
import { createEvidenceDb, type EvidenceDb } from '@/src/store/db';
import { appendEvents, caseEvents, correctOrderField, ensureCase, latestCaptures, listCases, recordOrderSighting, storeCaptureBatch, type CapturedItem } from '@/src/store/repo';

let counter = 0;
let db: EvidenceDb;
function freshDb(): EvidenceDb {
  counter += 1;
  db = createEvidenceDb(`repo-test-${counter}`);
  return db;
}
afterEach(async () => {
  db.close();
  await Dexie.delete(db.name);
});

const KEY = { shopOrigin: 'https://shop.example', orderNo: 'K8QW2M7ZP4XR9T1A' };
const ORDER: OrderFacts = {
  orderNo: KEY.orderNo,
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
  return { kind: 'text', mime: 'text/plain;charset=utf-8', data, sha256: await sha256Hex(data), sourceUrl: 'https://shop.example/o', frameUrl: null, title: 't', note: null };
}

describe('cases', () => {
  it('opens one case per (shop, order) even when asked concurrently', async () => {
    freshDb();
    const now = evidenceTime(new Date('2026-11-02T13:10:00Z'));
    const results = await Promise.all([ensureCase(db, KEY, now), ensureCase(db, KEY, now), ensureCase(db, KEY, now)]);
    expect(new Set(results.map((r) => r.id)).size).toBe(1);
    expect(await db.cases.count()).toBe(1);
    const events = await caseEvents(db, results[0]?.id ?? '');
    expect(events.map((e) => e.type)).toEqual(['case-opened']);
  });

  it('records a status change as an event and never overwrites the history', async () => {
    freshDb();
    const first = await recordOrderSighting(db, KEY, ORDER, null, 'https://shop.example/o', evidenceTime());
    expect(first.changed).toBe(true);
    const again = await recordOrderSighting(db, KEY, ORDER, null, 'https://shop.example/o', evidenceTime());
    expect(again.changed).toBe(false);
    const refunded = await recordOrderSighting(db, KEY, { ...ORDER, status: 'refunded', statusText: '已退款', item: null }, null, 'https://shop.example/o', evidenceTime());
    expect(refunded.record.status).toBe('refunded');
    // A later page that omits the item keeps the earlier value.
    expect(refunded.record.order?.item).toBe('腾讯视频VIP年卡');
    const events = await caseEvents(db, first.record.id);
    expect(events.map((e) => e.type)).toEqual(['case-opened', 'order-seen', 'order-changed']);
    expect(events[2]?.data).toMatchObject({ changes: { status: { before: 'paid', after: 'refunded' } } });
    expect(await verifyEventChain(events)).toEqual([]);
  });

  it('keeps the extracted value when the user corrects a field', async () => {
    freshDb();
    const { record } = await recordOrderSighting(db, KEY, ORDER, null, 'https://shop.example/o', evidenceTime());
    await correctOrderField(db, record.id, 'amount', 168, evidenceTime());
    const stored = await db.cases.get(record.id);
    expect(stored?.order?.amount).toBe(158);
    expect(stored?.corrections).toEqual({ amount: 168 });
    expect((await caseEvents(db, record.id)).at(-1)?.type).toBe('field-corrected');
  });
});

describe('captures', () => {
  it('stores bytes once by hash, a record and an event per item, in one chain', async () => {
    freshDb();
    const record = await ensureCase(db, KEY, evidenceTime());
    const a = await textItem('订单号 K8QW2M7ZP4XR9T1A');
    await storeCaptureBatch(db, record.id, 'b1', [a], evidenceTime());
    await storeCaptureBatch(db, record.id, 'b2', [a, await textItem('second')], evidenceTime());
    expect(await db.blobs.count()).toBe(2);
    expect(await db.captures.count()).toBe(3);
    const events = await caseEvents(db, record.id);
    expect(events.filter((e) => e.type === 'capture-stored')).toHaveLength(3);
    expect(await verifyEventChain(events)).toEqual([]);
    expect((await latestCaptures(db, 10)).map((c) => c.batchId)).toContain('b2');
  });

  it('keeps the chain linear when many writers append at once', async () => {
    freshDb();
    const record = await ensureCase(db, KEY, evidenceTime());
    await Promise.all(Array.from({ length: 12 }, (_, i) => appendEvents(db, record.id, [{ type: 'note', data: { i } }], evidenceTime().iso)));
    const events = await caseEvents(db, record.id);
    expect(events.map((e) => e.seq)).toEqual(Array.from({ length: 13 }, (_, i) => i));
    expect(await verifyEventChain(events)).toEqual([]);
  });

  it('writes nothing of a batch when the transaction fails', async () => {
    freshDb();
    const record = await ensureCase(db, KEY, evidenceTime());
    const bad = { ...(await textItem('x')), kind: 'text' as const };
    // A duplicate capture id makes bulkAdd fail inside the transaction, like a full disk would.
    const original = crypto.randomUUID.bind(crypto);
    let calls = 0;
    const spy = (): `${string}-${string}-${string}-${string}-${string}` => {
      calls += 1;
      return calls <= 2 ? '00000000-0000-4000-8000-000000000000' : original();
    };
    const restore = Object.getOwnPropertyDescriptor(crypto, 'randomUUID')?.value as unknown;
    Object.defineProperty(crypto, 'randomUUID', { value: spy, configurable: true });
    try {
      await expect(storeCaptureBatch(db, record.id, 'b', [bad, bad], evidenceTime())).rejects.toThrow();
    } finally {
      Object.defineProperty(crypto, 'randomUUID', { value: restore, configurable: true });
    }
    expect(await db.captures.count()).toBe(0);
    expect(await db.blobs.count()).toBe(0);
    expect((await caseEvents(db, record.id)).map((e) => e.type)).toEqual(['case-opened']);
    expect((await listCases(db)).length).toBe(1);
  });
});
