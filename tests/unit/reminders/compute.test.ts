import { afterEach, describe, expect, it } from 'vitest';
import type { OrderFacts, ShopExtras } from '@/src/cases/order';
import { computeDeadlines, RULE_IDS, type CaseAction, type Deadline, type ReminderInput } from '@/src/reminders';

function order(overrides: Partial<OrderFacts> = {}): OrderFacts {
  return {
    orderNo: 'KM20251001001',
    amount: 99,
    currency: 'CNY',
    item: '视频会员年卡',
    quantity: 1,
    orderTime: '2025-11-03T10:00:00+08:00',
    status: 'paid',
    statusText: '已付款',
    shopName: '某某卡盟',
    paymentMethod: '支付宝',
    contact: null,
    ...overrides,
  };
}

function extras(overrides: Partial<ShopExtras> = {}): ShopExtras {
  return {
    companyName: null,
    creditCode: null,
    icp: null,
    refundPolicyText: null,
    promisesNoReasonReturn: false,
    cardKeys: [],
    ...overrides,
  };
}

function input(overrides: Partial<ReminderInput> = {}): ReminderInput {
  return {
    order: order(),
    extras: null,
    deliveredAt: null,
    actions: [],
    policy: {},
    dismissed: [],
    snoozed: {},
    now: new Date('2025-11-03T12:00:00+08:00'),
    ...overrides,
  };
}

function act(type: CaseAction['type'], at: string, channel?: 'alipay' | 'wechat' | 'bank'): CaseAction {
  return channel === undefined ? { type, at } : { type, at, detail: { channel } };
}

function byRule(deadlines: Deadline[], rule: string): Deadline | undefined {
  return deadlines.find((d) => d.rule === rule);
}

function rules(deadlines: Deadline[]): string[] {
  return deadlines.map((d) => d.rule).sort();
}

describe('report-problem-48h', () => {
  it('paid but not delivered: order time + 48 h, labelled as a habit', () => {
    const d = byRule(computeDeadlines(input()), 'report-problem-48h');
    expect(d).toMatchObject({
      id: 'report-problem-48h@2025-11-03T10:00:00+08:00',
      orderNo: 'KM20251001001',
      dueAt: '2025-11-05T10:00:00+08:00',
      dueAtMs: Date.parse('2025-11-05T10:00:00+08:00'),
      approximate: false,
      state: 'upcoming',
    });
    expect(d?.basis.kind).toBe('habit');
    expect(d?.basis.zh).toContain('常见平台规则，以店铺规则为准');
  });

  it('also for a failed order, but not once delivered or after the user acted', () => {
    expect(byRule(computeDeadlines(input({ order: order({ status: 'failed' }) })), 'report-problem-48h')).toBeDefined();
    expect(byRule(computeDeadlines(input({ deliveredAt: '2025-11-03T10:05:00+08:00' })), 'report-problem-48h')).toBeUndefined();
    expect(byRule(computeDeadlines(input({ order: order({ status: 'delivered' }) })), 'report-problem-48h')).toBeUndefined();
    expect(byRule(computeDeadlines(input({ order: order({ status: 'completed' }) })), 'report-problem-48h')).toBeUndefined();
    const acted = input({ actions: [act('refund-requested', '2025-11-03T11:00:00+08:00')] });
    expect(byRule(computeDeadlines(acted), 'report-problem-48h')).toBeUndefined();
  });

  it('needs an order time', () => {
    expect(byRule(computeDeadlines(input({ order: order({ orderTime: null }) })), 'report-problem-48h')).toBeUndefined();
  });
});

describe('quality-return-7d', () => {
  it('runs to the end of the 7th day after receipt (delivery time when shown), with its legal basis', () => {
    const d = byRule(
      computeDeadlines(input({ order: order({ status: 'delivered' }), deliveredAt: '2025-11-03T10:01:00+08:00' })),
      'quality-return-7d',
    );
    expect(d).toMatchObject({ id: 'quality-return-7d@2025-11-03', dueAt: '2025-11-10T23:59:59+08:00', approximate: false });
    expect(d?.basis).toMatchObject({ kind: 'law', article: '《消费者权益保护法》第二十四条' });
    expect(d?.basis.zh).toContain('第二百零一条');
    expect(d?.basis.zh).toContain('第五十一条');
  });

  it('falls back to the order time for a delivered or completed order', () => {
    for (const status of ['delivered', 'completed'] as const) {
      const d = byRule(computeDeadlines(input({ order: order({ status }) })), 'quality-return-7d');
      expect(d?.dueAt).toBe('2025-11-10T23:59:59+08:00');
    }
  });

  it('counts in Shanghai days: a late-evening UTC delivery is the next Shanghai day', () => {
    // 2025-11-03T17:00Z is Nov 4 01:00 in Shanghai.
    const d = byRule(computeDeadlines(input({ order: order({ status: 'delivered' }), deliveredAt: '2025-11-03T17:00:00Z' })), 'quality-return-7d');
    expect(d?.dueAt).toBe('2025-11-11T23:59:59+08:00');
  });

  it('crosses month and year ends', () => {
    const endOfMonth = byRule(
      computeDeadlines(input({ order: order({ status: 'delivered', orderTime: '2025-01-28T20:00:00+08:00' }) })),
      'quality-return-7d',
    );
    expect(endOfMonth?.dueAt).toBe('2025-02-04T23:59:59+08:00');
    const leap = byRule(
      computeDeadlines(input({ order: order({ status: 'delivered', orderTime: '2024-02-25T09:00:00+08:00' }) })),
      'quality-return-7d',
    );
    expect(leap?.dueAt).toBe('2024-03-03T23:59:59+08:00');
    const endOfYear = byRule(
      computeDeadlines(input({ order: order({ status: 'delivered', orderTime: '2025-12-28T23:59:00+08:00' }) })),
      'quality-return-7d',
    );
    expect(endOfYear?.dueAt).toBe('2026-01-04T23:59:59+08:00');
  });

  it('a recorded delivery counts as receipt while the status still says paid', () => {
    const d = computeDeadlines(input({ actions: [act('delivered', '2025-11-04T09:00:00+08:00')] }));
    expect(byRule(d, 'quality-return-7d')?.dueAt).toBe('2025-11-11T23:59:59+08:00');
    expect(byRule(d, 'report-problem-48h')).toBeUndefined();
  });

  it('ends when the user already asked for a refund, and does not apply while refunding', () => {
    const delivered = order({ status: 'delivered' });
    expect(
      byRule(computeDeadlines(input({ order: delivered, actions: [act('refund-requested', '2025-11-05T10:00:00+08:00')] })), 'quality-return-7d'),
    ).toBeUndefined();
    expect(byRule(computeDeadlines(input({ order: order({ status: 'refunding' }) })), 'quality-return-7d')).toBeUndefined();
    expect(byRule(computeDeadlines(input({ order: order({ status: 'paid' }) })), 'quality-return-7d')).toBeUndefined();
  });
});

describe('promised-no-reason-7d', () => {
  it('only when the shop promised it, with the captured quote', () => {
    const base = { order: order({ status: 'delivered' }), deliveredAt: '2025-11-03T10:01:00+08:00' };
    expect(byRule(computeDeadlines(input({ ...base, extras: extras() })), 'promised-no-reason-7d')).toBeUndefined();
    const d = byRule(
      computeDeadlines(input({ ...base, extras: extras({ promisesNoReasonReturn: true, refundPolicyText: '本店支持7天无理由退换' }) })),
      'promised-no-reason-7d',
    );
    expect(d).toMatchObject({ id: 'promised-no-reason-7d@2025-11-03', dueAt: '2025-11-10T23:59:59+08:00' });
    expect(d?.basis).toMatchObject({ kind: 'shop', quote: '本店支持7天无理由退换' });
    expect(d?.basis.article).toContain('网络消费纠纷');
  });

  it('has no quote when no text was captured', () => {
    const d = byRule(
      computeDeadlines(input({ order: order({ status: 'completed' }), extras: extras({ promisesNoReasonReturn: true }) })),
      'promised-no-reason-7d',
    );
    expect(d?.basis.quote).toBeUndefined();
  });
});

describe('refund clocks', () => {
  const requested = act('refund-requested', '2025-09-26T15:00:00+08:00'); // Fri before National Day

  it('follow-up after 3 and escalation after 7 working days, through National Day 2025', () => {
    const d = computeDeadlines(input({ actions: [requested], now: new Date('2025-09-26T16:00:00+08:00') }));
    // Sun Sep 28 (make-up), Mon 29, Tue 30.
    expect(byRule(d, 'refund-follow-up-3wd')).toMatchObject({
      id: 'refund-follow-up-3wd@2025-09-26T15:00:00+08:00',
      dueAt: '2025-09-30T23:59:59+08:00',
      approximate: false,
    });
    // …then Oct 1–8 off: Thu 9, Fri 10, Sat 11 (make-up), Mon 13.
    expect(byRule(d, 'refund-escalate-7wd')?.dueAt).toBe('2025-10-13T23:59:59+08:00');
  });

  it('through Spring Festival 2026 with its make-up Saturdays', () => {
    const d = computeDeadlines(input({ actions: [act('refund-requested', '2026-02-12T09:00:00+08:00')], now: new Date('2026-02-12T10:00:00+08:00') }));
    // Fri 13, Sat 14 (make-up), then Feb 15–23 off, Tue 24.
    expect(byRule(d, 'refund-follow-up-3wd')?.dueAt).toBe('2026-02-24T23:59:59+08:00');
    // Wed 25, Thu 26, Fri 27, Sat 28 (make-up).
    expect(byRule(d, 'refund-escalate-7wd')?.dueAt).toBe('2026-02-28T23:59:59+08:00');
  });

  it('approximate when the count runs into a year without calendar data', () => {
    const d = computeDeadlines(input({ actions: [act('refund-requested', '2026-12-28T09:00:00+08:00')], now: new Date('2026-12-28T10:00:00+08:00') }));
    expect(byRule(d, 'refund-follow-up-3wd')).toMatchObject({ dueAt: '2026-12-31T23:59:59+08:00', approximate: false });
    expect(byRule(d, 'refund-escalate-7wd')).toMatchObject({ dueAt: '2027-01-06T23:59:59+08:00', approximate: true });
  });

  it('an approval, the refund, or an escalation ends follow-up and escalation', () => {
    for (const end of ['refund-approved', 'refund-received', 'complaint-12315-filed', 'complaint-wechat-filed', 'complaint-alipay-filed', 'case-closed'] as const) {
      const d = computeDeadlines(input({ actions: [requested, act(end, '2025-09-29T10:00:00+08:00')] }));
      expect(byRule(d, 'refund-follow-up-3wd'), end).toBeUndefined();
      expect(byRule(d, 'refund-escalate-7wd'), end).toBeUndefined();
    }
  });

  it('a repeated request keeps the first anchor; a request after an answer starts again', () => {
    const repeated = computeDeadlines(input({ actions: [requested, act('refund-requested', '2025-09-29T10:00:00+08:00')] }));
    expect(byRule(repeated, 'refund-follow-up-3wd')?.id).toBe('refund-follow-up-3wd@2025-09-26T15:00:00+08:00');
    const again = computeDeadlines(
      input({
        actions: [requested, act('refund-approved', '2025-09-28T10:00:00+08:00'), act('refund-received', '2025-09-29T10:00:00+08:00'), act('refund-requested', '2025-10-20T10:00:00+08:00')],
      }),
    );
    expect(byRule(again, 'refund-follow-up-3wd')?.dueAt).toBe('2025-10-23T23:59:59+08:00');
  });

  it('action order in the input does not matter, only their times', () => {
    const a = computeDeadlines(input({ actions: [act('refund-approved', '2025-09-29T10:00:00+08:00'), requested] }));
    expect(byRule(a, 'refund-follow-up-3wd')).toBeUndefined();
    expect(byRule(a, 'refund-arrival-check')).toBeDefined();
  });

  it('the shop page showing refunded ends every refund clock', () => {
    const d = computeDeadlines(
      input({ order: order({ status: 'refunded' }), actions: [requested, act('refund-approved', '2025-09-29T10:00:00+08:00')], policy: { shopRefundDays: 3 } }),
    );
    expect(d).toEqual([]);
  });
});

describe('shop-promised-refund', () => {
  const requested = act('refund-requested', '2025-11-03T15:00:00+08:00'); // Monday

  it('calendar days from the policy, quoting the shop', () => {
    const d = byRule(
      computeDeadlines(input({ actions: [requested], policy: { shopRefundDays: 3, shopRefundQuote: '3天内退款' } })),
      'shop-promised-refund',
    );
    expect(d).toMatchObject({ id: 'shop-promised-refund@2025-11-03T15:00:00+08:00', dueAt: '2025-11-06T23:59:59+08:00' });
    expect(d?.basis).toMatchObject({ kind: 'shop', quote: '3天内退款' });
  });

  it('working days when the policy says so', () => {
    const d = byRule(
      computeDeadlines(input({ actions: [act('refund-requested', '2025-09-30T10:00:00+08:00')], policy: { shopRefundDays: 3, shopRefundWorkingDays: true } })),
      'shop-promised-refund',
    );
    expect(d?.dueAt).toBe('2025-10-11T23:59:59+08:00');
    expect(d?.basis.quote).toBeUndefined();
  });

  it('hours win over days (support said "24小时内退款")', () => {
    const d = byRule(computeDeadlines(input({ actions: [requested], policy: { shopRefundHours: 24, shopRefundDays: 3 } })), 'shop-promised-refund');
    expect(d?.dueAt).toBe('2025-11-04T15:00:00+08:00');
  });

  it('no promise or an invalid one gives no deadline', () => {
    for (const policy of [{}, { shopRefundDays: null }, { shopRefundDays: -1 }, { shopRefundDays: 1.5 }, { shopRefundHours: Number.NaN }, { shopRefundHours: 0 }]) {
      expect(byRule(computeDeadlines(input({ actions: [requested], policy })), 'shop-promised-refund'), JSON.stringify(policy)).toBeUndefined();
    }
  });

  it('survives an approval or complaint, ends with the refund', () => {
    const policy = { shopRefundDays: 3 };
    const approved = computeDeadlines(input({ actions: [requested, act('refund-approved', '2025-11-04T10:00:00+08:00'), act('complaint-12315-filed', '2025-11-05T10:00:00+08:00')], policy }));
    expect(byRule(approved, 'shop-promised-refund')).toBeDefined();
    const received = computeDeadlines(input({ actions: [requested, act('refund-received', '2025-11-04T10:00:00+08:00')], policy }));
    expect(byRule(received, 'shop-promised-refund')).toBeUndefined();
  });
});

describe('refund-arrival-check', () => {
  const at = '2025-11-03T15:00:00+08:00'; // Monday

  it('5 working days to Alipay/WeChat, 15 to a bank card', () => {
    const alipay = byRule(computeDeadlines(input({ actions: [act('refund-approved', at, 'alipay')] })), 'refund-arrival-check');
    expect(alipay).toMatchObject({ id: 'refund-arrival-check@2025-11-03T15:00:00+08:00', dueAt: '2025-11-10T23:59:59+08:00' });
    expect(alipay?.action.zh).toContain('支付宝');
    const wechat = byRule(computeDeadlines(input({ actions: [act('refund-approved', at, 'wechat')] })), 'refund-arrival-check');
    expect(wechat?.dueAt).toBe('2025-11-10T23:59:59+08:00');
    const bank = byRule(computeDeadlines(input({ actions: [act('refund-approved', at, 'bank')] })), 'refund-arrival-check');
    expect(bank?.dueAt).toBe('2025-11-24T23:59:59+08:00');
  });

  it('guesses the channel from the payment method, else assumes 5 working days', () => {
    const bank = byRule(computeDeadlines(input({ order: order({ paymentMethod: '银联在线' }), actions: [act('refund-approved', at)] })), 'refund-arrival-check');
    expect(bank?.dueAt).toBe('2025-11-24T23:59:59+08:00');
    const unknown = byRule(computeDeadlines(input({ order: null, actions: [act('refund-approved', at)] })), 'refund-arrival-check');
    expect(unknown?.dueAt).toBe('2025-11-10T23:59:59+08:00');
    expect(unknown?.orderNo).toBeNull();
  });

  it('ends when the refund is received', () => {
    const d = computeDeadlines(input({ actions: [act('refund-approved', at), act('refund-received', '2025-11-05T10:00:00+08:00')] }));
    expect(byRule(d, 'refund-arrival-check')).toBeUndefined();
  });
});

describe('complaint clocks', () => {
  it('12315 decides acceptance within 7 working days (Art. 14), ended by its answer', () => {
    const filed = act('complaint-12315-filed', '2025-01-24T20:00:00+08:00');
    const d = byRule(computeDeadlines(input({ actions: [filed] })), '12315-acceptance-7wd');
    // Sun Jan 26 (make-up), Mon 27, Feb 5, 6, 7, Sat Feb 8 (make-up), Mon Feb 10.
    expect(d).toMatchObject({ id: '12315-acceptance-7wd@2025-01-24T20:00:00+08:00', dueAt: '2025-02-10T23:59:59+08:00' });
    expect(d?.basis).toMatchObject({ kind: 'law', article: '《市场监督管理投诉举报处理暂行办法》第十四条' });
    const answered = computeDeadlines(input({ actions: [filed, act('complaint-12315-answered', '2025-01-27T10:00:00+08:00')] }));
    expect(byRule(answered, '12315-acceptance-7wd')).toBeUndefined();
  });

  it('the WeChat Pay merchant has 48 h per stage', () => {
    const filed = act('complaint-wechat-filed', '2025-12-31T20:00:00+08:00');
    const d = byRule(computeDeadlines(input({ actions: [filed] })), 'wechat-merchant-48h');
    expect(d).toMatchObject({ dueAt: '2026-01-02T20:00:00+08:00', approximate: false });
    expect(d?.basis.kind).toBe('habit');
    const answered = computeDeadlines(input({ actions: [filed, act('complaint-wechat-answered', '2026-01-01T10:00:00+08:00')] }));
    expect(byRule(answered, 'wechat-merchant-48h')).toBeUndefined();
  });

  it('an Alipay complaint has no clock of its own', () => {
    const d = computeDeadlines(input({ order: null, actions: [act('complaint-alipay-filed', '2025-11-03T10:00:00+08:00')] }));
    expect(d).toEqual([]);
  });
});

describe('12315-limit-3y', () => {
  it('ends on the corresponding day three years after the order (Art. 15; 民法典 Art. 202)', () => {
    const d = byRule(computeDeadlines(input()), '12315-limit-3y');
    expect(d).toMatchObject({ id: '12315-limit-3y@2025-11-03', dueAt: '2028-11-03T23:59:59+08:00' });
    expect(d?.basis.article).toBe('《市场监督管理投诉举报处理暂行办法》第十五条');
    const leap = byRule(computeDeadlines(input({ order: order({ orderTime: '2024-02-29T10:00:00+08:00' }) })), '12315-limit-3y');
    expect(leap?.dueAt).toBe('2027-02-28T23:59:59+08:00');
  });

  it('ends once filed with 12315 or refunded, and never applies to unpaid or cancelled orders', () => {
    expect(byRule(computeDeadlines(input({ actions: [act('complaint-12315-filed', '2025-11-10T10:00:00+08:00')] })), '12315-limit-3y')).toBeUndefined();
    expect(byRule(computeDeadlines(input({ actions: [act('refund-received', '2025-11-10T10:00:00+08:00')] })), '12315-limit-3y')).toBeUndefined();
    expect(computeDeadlines(input({ order: order({ status: 'unpaid' }) }))).toEqual([]);
    expect(computeDeadlines(input({ order: order({ status: 'cancelled' }) }))).toEqual([]);
  });
});

describe('exit-deletion-check-15d', () => {
  it('15 days after applying to close the account, ended by the exit completing', () => {
    const applied = act('exit-applied', '2025-12-20T22:00:00+08:00');
    const d = byRule(computeDeadlines(input({ order: null, actions: [applied] })), 'exit-deletion-check-15d');
    expect(d).toMatchObject({ id: 'exit-deletion-check-15d@2025-12-20', dueAt: '2026-01-04T23:59:59+08:00' });
    expect(computeDeadlines(input({ order: null, actions: [applied, act('exit-completed', '2025-12-30T10:00:00+08:00')] }))).toEqual([]);
  });
});

describe('case-closed', () => {
  it('ends every clock anchored before it', () => {
    const d = computeDeadlines(
      input({
        order: order({ status: 'delivered' }),
        extras: extras({ promisesNoReasonReturn: true }),
        actions: [act('complaint-12315-filed', '2025-11-04T10:00:00+08:00'), act('complaint-wechat-filed', '2025-11-04T10:00:00+08:00'), act('exit-applied', '2025-11-04T10:00:00+08:00'), act('case-closed', '2025-11-05T10:00:00+08:00')],
      }),
    );
    expect(d).toEqual([]);
  });
});

describe('states, dismissal and snooze', () => {
  const base = input({ actions: [act('refund-requested', '2025-11-03T15:00:00+08:00')] }); // follow-up due Thu Nov 6 23:59:59

  it('upcoming, due-soon within 24 h, overdue after', () => {
    const at = (now: string): string | undefined => byRule(computeDeadlines({ ...base, now: new Date(now) }), 'refund-follow-up-3wd')?.state;
    expect(at('2025-11-05T23:59:58+08:00')).toBe('upcoming');
    expect(at('2025-11-05T23:59:59+08:00')).toBe('due-soon');
    expect(at('2025-11-06T23:59:59+08:00')).toBe('due-soon');
    expect(at('2025-11-07T00:00:00+08:00')).toBe('overdue');
  });

  it('dismissed by id, and the id survives recomputation with other facts changing', () => {
    const id = 'refund-follow-up-3wd@2025-11-03T15:00:00+08:00';
    const d = computeDeadlines({ ...base, dismissed: [id], order: order({ amount: 120, statusText: '处理中' }), now: new Date('2025-11-10T00:00:00+08:00') });
    expect(byRule(d, 'refund-follow-up-3wd')?.state).toBe('dismissed');
    expect(byRule(d, 'refund-escalate-7wd')?.state).toBe('upcoming');
  });

  it('snoozed until the given time, then back to its clock state; dismissal wins', () => {
    const id = 'refund-follow-up-3wd@2025-11-03T15:00:00+08:00';
    const snoozed = { [id]: '2025-11-07T09:00:00+08:00' };
    const during = byRule(computeDeadlines({ ...base, snoozed, now: new Date('2025-11-07T08:00:00+08:00') }), 'refund-follow-up-3wd');
    expect(during).toMatchObject({ state: 'snoozed', snoozedUntilMs: Date.parse('2025-11-07T09:00:00+08:00') });
    const after = byRule(computeDeadlines({ ...base, snoozed, now: new Date('2025-11-07T09:00:01+08:00') }), 'refund-follow-up-3wd');
    expect(after?.state).toBe('overdue');
    const both = byRule(computeDeadlines({ ...base, snoozed, dismissed: [id], now: new Date('2025-11-07T08:00:00+08:00') }), 'refund-follow-up-3wd');
    expect(both?.state).toBe('dismissed');
  });

  it('an unreadable snooze time is ignored', () => {
    const d = byRule(computeDeadlines({ ...base, snoozed: { 'refund-follow-up-3wd@2025-11-03T15:00:00+08:00': 'later' } }), 'refund-follow-up-3wd');
    expect(d).toMatchObject({ state: 'upcoming', snoozedUntilMs: null });
  });
});

describe('the whole list', () => {
  const busy = input({
    order: order({ status: 'delivered' }),
    extras: extras({ promisesNoReasonReturn: true, refundPolicyText: '七天无理由' }),
    deliveredAt: '2025-11-03T10:01:00+08:00',
    actions: [
      act('refund-requested', '2025-11-04T09:00:00+08:00'),
      act('refund-approved', '2025-11-05T09:00:00+08:00', 'wechat'),
      act('complaint-12315-filed', '2025-11-04T12:00:00+08:00'),
      act('complaint-wechat-filed', '2025-11-04T12:30:00+08:00'),
      act('exit-applied', '2025-11-04T13:00:00+08:00'),
    ],
    policy: { shopRefundDays: 2, shopRefundQuote: '48小时内原路退回' },
    now: new Date('2025-11-05T10:00:00+08:00'),
  });

  it('is sorted by due time and only holds known rule ids (filing with 12315 ended its 3-year limit)', () => {
    const d = computeDeadlines(busy);
    expect(rules(d)).toEqual(
      ['12315-acceptance-7wd', 'exit-cooling-period-7d', 'exit-deletion-check-15d', 'refund-arrival-check', 'shop-promised-refund', 'wechat-merchant-48h'].sort(),
    );
    expect(d.map((x) => x.dueAtMs)).toEqual([...d.map((x) => x.dueAtMs)].sort((a, b) => a - b));
    for (const x of d) {
      expect(RULE_IDS).toContain(x.rule);
      expect(x.dueAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00$/);
      expect(Date.parse(x.dueAt)).toBe(x.dueAtMs);
    }
  });

  it('is empty without an order or actions', () => {
    expect(computeDeadlines(input({ order: null }))).toEqual([]);
  });

  describe('host time zone', () => {
    const original = process.env.TZ;
    afterEach(() => {
      process.env.TZ = original;
    });

    it('gives identical deadlines in any host zone', () => {
      const scenarios: ReminderInput[] = [
        busy,
        input({ actions: [act('refund-requested', '2025-09-30T23:30:00+08:00')] }),
        input({ order: order({ status: 'delivered', orderTime: '2025-12-31T23:30:00' }) }),
        input({ order: order({ orderTime: '2026-12-31T16:30:00Z' }), actions: [act('refund-requested', '2026-12-31T16:30:00Z')] }),
      ];
      const run = (tz: string): Deadline[][] => {
        process.env.TZ = tz;
        return scenarios.map((s) => computeDeadlines(s));
      };
      const reference = run('Asia/Shanghai');
      // Guard against a vacuous test: the host zone really changes inside this process.
      process.env.TZ = 'America/New_York';
      expect(new Date('2025-01-01T00:00:00Z').getTimezoneOffset()).toBe(300);
      for (const tz of ['UTC', 'America/Los_Angeles', 'America/New_York', 'Europe/London', 'Pacific/Kiritimati', 'Asia/Kathmandu']) {
        expect(run(tz), tz).toEqual(reference);
      }
      // A time without a zone is read as +08:00, not as the host's zone.
      expect(byRule(reference[2] ?? [], 'quality-return-7d')?.dueAt).toBe('2026-01-07T23:59:59+08:00');
    });
  });
});
