import { describe, expect, it } from 'vitest';
import type { OrderFacts } from '@/src/cases/order';
import { effectiveOrder, reminderInputFor } from '@/src/cases/reminder-input';
import { computeDeadlines } from '@/src/reminders/index';
import type { CaseRecord, EventRecord } from '@/src/store/records';

const ORDER: OrderFacts = {
  orderNo: 'R7KQ2M9XW4PLTAAA',
  amount: 99,
  currency: 'CNY',
  item: '爱奇艺黄金VIP 年卡',
  quantity: 1,
  orderTime: '2026-11-20T10:00:00+08:00',
  status: 'paid',
  statusText: '待发货',
  shopName: '星河数卡',
  paymentMethod: '微信支付',
  contact: null,
};
const RECORD: CaseRecord = {
  id: 'c1',
  shopOrigin: 'https://shop.example',
  orderNo: ORDER.orderNo,
  title: 't',
  createdAt: '2026-11-20T10:05:00.000+08:00',
  updatedAtMs: 0,
  order: ORDER,
  corrections: {},
  status: 'paid',
  extras: null,
  deleted: false,
  mergedInto: null,
  notesText: '',
};
let seq = 0;
function event(type: string, data: EventRecord['data']): EventRecord {
  seq += 1;
  return { caseId: 'c1', seq, type, at: '2026-11-21T10:00:00.000+08:00', data, prevHash: '0'.repeat(64), hash: '1'.repeat(64) };
}

describe('reminder input from a case and its events', () => {
  it('applies the user corrections over the extracted facts', () => {
    const corrected = effectiveOrder({ ...RECORD, corrections: { orderTime: '2026-11-19T08:00:00+08:00', amount: 109 } });
    expect(corrected?.orderTime).toBe('2026-11-19T08:00:00+08:00');
    expect(corrected?.amount).toBe(109);
    expect(RECORD.order?.amount).toBe(99);
  });

  it('turns recorded actions, policy, dismissals and snoozes into the input', () => {
    const events = [
      event('action-recorded', { type: 'refund-requested', at: '2026-11-21T09:00:00+08:00', channel: null }),
      event('policy-changed', { shopRefundDays: 3, shopRefundWorkingDays: false, shopRefundQuote: null }),
      event('reminder-dismissed', { deadlineId: 'x@1' }),
      event('reminder-snoozed', { deadlineId: 'y@2', until: '2026-11-22T09:00:00+08:00' }),
      event('action-recorded', { type: 'not-an-action', at: 'x', channel: null }),
    ];
    const input = reminderInputFor(RECORD, events, new Date('2026-11-21T02:00:00Z'));
    expect(input.actions).toEqual([{ type: 'refund-requested', at: '2026-11-21T09:00:00+08:00' }]);
    expect(input.policy.shopRefundDays).toBe(3);
    expect(input.dismissed).toEqual(['x@1']);
    expect(input.snoozed).toEqual({ 'y@2': '2026-11-22T09:00:00+08:00' });
  });

  it('a corrected order time moves the 48 h deadline', () => {
    const now = new Date('2026-11-20T03:00:00Z');
    const plain = computeDeadlines(reminderInputFor(RECORD, [], now)).find((d) => d.rule === 'report-problem-48h');
    const moved = computeDeadlines(reminderInputFor({ ...RECORD, corrections: { orderTime: '2026-11-20T12:00:00+08:00' } }, [], now)).find((d) => d.rule === 'report-problem-48h');
    expect(plain?.dueAt).toBe('2026-11-22T10:00:00+08:00');
    expect(moved?.dueAt).toBe('2026-11-22T12:00:00+08:00');
  });
});
