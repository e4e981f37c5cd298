import { describe, expect, it } from 'vitest';
import type { EventRecord, JsonValue } from '@/src/store/records';
import { statusSteps } from '@/src/cases/status-history';

function event(seq: number, type: string, data: JsonValue): EventRecord {
  return { caseId: 'c', seq, type, at: `2026-11-02T21:0${seq}:00.000+08:00`, data, prevHash: '0'.repeat(64), hash: '1'.repeat(64) };
}

describe('status history', () => {
  it('lists statuses seen on the page, typed by the user and corrected, oldest first', () => {
    const steps = statusSteps([
      event(0, 'case-opened', { shopOrigin: 'https://s.example', orderNo: 'A' }),
      event(1, 'order-seen', { url: 'u', order: { status: 'paid', statusText: '已支付' } }),
      event(2, 'order-changed', { url: 'u', changes: { status: { before: 'paid', after: 'refunding' }, statusText: { before: '已支付', after: '退款中' } } }),
      event(3, 'order-changed', { url: 'u', changes: { amount: { before: 1, after: 2 } } }),
      event(4, 'field-corrected', { field: 'status', value: 'refunded' }),
      event(5, 'field-corrected', { field: 'amount', value: 3 }),
      event(6, 'order-entered', { url: 'u', source: 'user', order: { status: 'delivered', statusText: null } }),
    ]);
    expect(steps.map((s) => [s.seq, s.status, s.statusText, s.source])).toEqual([
      [1, 'paid', '已支付', 'page'],
      [2, 'refunding', '退款中', 'page'],
      [4, 'refunded', null, 'user-corrected'],
      [6, 'delivered', null, 'user-entered'],
    ]);
  });
});
