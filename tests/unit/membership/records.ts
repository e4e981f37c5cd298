/** @module Test records for the membership tests: a shop's cases and plain (unchained) events. */
import type { OrderStatus, ShopExtras } from '@/src/cases/order';
import type { CaseRecord, EventRecord, JsonValue } from '@/src/store/records';

export const SHOP = 'https://shop.example';

/** A case of the shop; `orderNo: ''` is the shop's case without an order. */
export function shopCase(id: string, orderNo: string, status: OrderStatus | null, extras: Partial<ShopExtras> | null = null, createdAt = '2026-11-01T10:00:00+08:00'): CaseRecord {
  return {
    id,
    shopOrigin: SHOP,
    orderNo,
    title: id,
    createdAt,
    updatedAtMs: 1,
    order:
      orderNo === ''
        ? null
        : { orderNo, amount: 19, currency: 'CNY', item: '会员月卡', quantity: 1, orderTime: '2026-11-01T10:00:00+08:00', status, statusText: null, shopName: '演示卡铺', paymentMethod: '支付宝', contact: null },
    corrections: {},
    status,
    extras: extras === null ? null : { companyName: null, creditCode: null, icp: null, refundPolicyText: null, promisesNoReasonReturn: false, cardKeys: [], ...extras },
    deleted: false,
    mergedInto: null,
    notesText: '',
  };
}

/** An event of a case (hashes are not checked by the code under test). */
export function event(caseId: string, seq: number, type: string, at: string, data: JsonValue): EventRecord {
  return { caseId, seq, type, at, data, prevHash: '0'.repeat(64), hash: String(seq).padStart(64, '0') };
}

/** A `membership-seen` event's data. */
export function seen(url: string, batchId: string | null, reading: Partial<Record<string, JsonValue>>): JsonValue {
  return {
    url,
    batchId,
    reading: { autoRenew: 'none', autoRenewQuotes: [], balance: null, memberState: null, benefitsUntil: null, refundArrived: false, ...reading } as JsonValue,
  };
}
