import { describe, expect, it } from 'vitest';
import { checklistItem, shopChecklists, type ChecklistInput } from '@/src/membership/checklist';
import { checklistInputFor } from '@/src/membership/events';
import { event, seen, shopCase } from './records';

const NOW = new Date('2026-11-22T02:00:00Z');

function states(input: ChecklistInput): Record<string, string> {
  const lists = shopChecklists(input);
  return Object.fromEntries([...lists.beforeExit, ...lists.afterRefund].map((i) => [i.id, `${i.state}/${i.source ?? '-'}`]));
}

describe('before-exit checklist', () => {
  it('knows nothing of a shop with no statuses, no pages and no history saved', () => {
    const input = checklistInputFor([{ record: shopCase('s', '', null), events: [] }], NOW);
    expect(states(input)).toMatchObject({
      'history-saved': 'open/-',
      'no-unfinished-order': 'unknown/-',
      'no-pending-refund': 'unknown/-',
      'zero-balance': 'unknown/-',
      'no-unexpired-benefits': 'unknown/-',
    });
    expect(shopChecklists(input).readyToExit).toBe(false);
  });

  it('ticks every condition from captured pages, order statuses and actions', () => {
    const input = checklistInputFor(
      [
        { record: shopCase('a', '20261101203015100001', 'completed'), events: [] },
        {
          record: shopCase('b', '20261030091207100002', 'refunded'),
          events: [
            event('b', 0, 'action-recorded', '2026-11-10T10:00:00+08:00', { type: 'refund-requested', at: '2026-11-10T10:00:00+08:00' }),
            event('b', 1, 'action-recorded', '2026-11-15T10:00:00+08:00', { type: 'refund-received', at: '2026-11-15T10:00:00+08:00' }),
          ],
        },
        {
          record: shopCase('s', '', null),
          events: [
            event('s', 0, 'order-history-saved', '2026-11-20T10:00:00+08:00', { startUrl: 'https://shop.example/user/order.html', pages: [{ url: 'u1', batchId: 'b1' }, { url: 'u2', batchId: 'b2' }, { url: 'u3', batchId: 'b3' }], stoppedBecause: 'last-page' }),
            event('s', 1, 'membership-seen', '2026-11-20T11:00:00+08:00', seen('https://shop.example/user/vip.html', 'b4', { balance: 0, memberState: 'non-member' })),
          ],
        },
      ],
      NOW,
    );
    const lists = shopChecklists(input);
    expect(states(input)).toMatchObject({
      'history-saved': 'done/captured',
      'no-unfinished-order': 'done/orders',
      'no-pending-refund': 'done/orders',
      'zero-balance': 'done/captured',
      'no-unexpired-benefits': 'done/captured',
    });
    expect(lists.beforeExit.find((i) => i.id === 'history-saved')?.detail).toBe('3');
    expect(lists.readyToExit).toBe(true);
  });

  it('keeps conditions open with what stands in the way', () => {
    const input = checklistInputFor(
      [
        { record: shopCase('a', 'A1', 'paid'), events: [] },
        { record: shopCase('b', 'B2', 'delivered'), events: [event('b', 0, 'action-recorded', '2026-11-20T10:00:00+08:00', { type: 'refund-requested', at: '2026-11-20T10:00:00+08:00' })] },
        { record: shopCase('c', 'C3', 'refunding'), events: [] },
        {
          record: shopCase('s', '', null),
          events: [
            event('s', 0, 'order-history-saved', '2026-11-20T10:00:00+08:00', { startUrl: 'x', pages: [{ url: 'u1', batchId: 'b1' }, { url: 'u2', batchId: null }], stoppedBecause: 'error' }),
            event('s', 1, 'membership-seen', '2026-11-20T11:00:00+08:00', seen('v', null, { balance: 12.5, benefitsUntil: '2027-11-20', memberState: 'member' })),
          ],
        },
      ],
      NOW,
    );
    const lists = shopChecklists(input);
    const by = Object.fromEntries(lists.beforeExit.map((i) => [i.id, i]));
    expect(by['history-saved']).toMatchObject({ state: 'open', detail: '1' });
    expect(by['no-unfinished-order']).toMatchObject({ state: 'open', detail: 'A1' });
    expect(by['no-pending-refund']).toMatchObject({ state: 'open', detail: 'B2, C3' });
    expect(by['zero-balance']).toMatchObject({ state: 'open', source: 'seen', detail: '¥12.50' });
    expect(by['no-unexpired-benefits']).toMatchObject({ state: 'open', detail: '2027-11-20' });
    expect(lists.readyToExit).toBe(false);
  });

  it('the newest reading wins, and an expiry passed by now is no benefit left', () => {
    const events = [
      event('s', 0, 'membership-seen', '2026-11-01T10:00:00+08:00', seen('v', 'b1', { balance: 30 })),
      event('s', 1, 'membership-seen', '2026-11-21T10:00:00+08:00', seen('v', 'b2', { balance: 0, benefitsUntil: '2026-11-21' })),
    ];
    const input = checklistInputFor([{ record: shopCase('s', '', null), events }], NOW);
    expect(states(input)['zero-balance']).toBe('done/captured');
    // 2026-11-22 10:00 in Shanghai: the benefit ended yesterday.
    expect(states(input)['no-unexpired-benefits']).toBe('done/captured');
  });

  it('a user tick is an event that ticks the item, flags a conflict, and an untick hands back', () => {
    const base = [{ record: shopCase('a', 'A1', 'paid'), events: [] }];
    const ticked = checklistInputFor(
      [...base, { record: shopCase('s', '', null), events: [event('s', 0, 'membership-check-ticked', '2026-11-21T10:00:00+08:00', { item: 'no-unfinished-order', checked: true })] }],
      NOW,
    );
    expect(checklistItem('no-unfinished-order', ticked)).toMatchObject({ state: 'done', source: 'user', conflict: true });
    const unticked = checklistInputFor(
      [
        ...base,
        {
          record: shopCase('s', '', null),
          events: [
            event('s', 0, 'membership-check-ticked', '2026-11-21T10:00:00+08:00', { item: 'no-unfinished-order', checked: true }),
            event('s', 1, 'membership-check-ticked', '2026-11-21T11:00:00+08:00', { item: 'no-unfinished-order', checked: false }),
          ],
        },
      ],
      NOW,
    );
    expect(checklistItem('no-unfinished-order', unticked)).toMatchObject({ state: 'open', source: 'orders', conflict: false });
    const unknownTicked = checklistInputFor([{ record: shopCase('s', '', null), events: [event('s', 0, 'membership-check-ticked', '2026-11-21T10:00:00+08:00', { item: 'zero-balance', checked: true })] }], NOW);
    expect(checklistItem('zero-balance', unknownTicked)).toMatchObject({ state: 'done', source: 'user', conflict: false });
  });

  it('ignores deleted and merged cases and malformed events', () => {
    const merged = { ...shopCase('m', 'M1', 'paid'), mergedInto: 'a' };
    const input = checklistInputFor(
      [
        { record: shopCase('a', 'A1', 'completed'), events: [event('a', 0, 'membership-seen', '2026-11-21T10:00:00+08:00', { url: 1 })] },
        { record: merged, events: [] },
        { record: { ...shopCase('d', 'D1', 'unpaid'), deleted: true }, events: [] },
      ],
      NOW,
    );
    expect(input.cases.map((c) => c.caseId)).toEqual(['a']);
    expect(input.sightings).toEqual([]);
    expect(states(input)['no-unfinished-order']).toBe('done/orders');
  });
});

describe('after-refund checklist', () => {
  it('only a capture of the switched-off state ticks auto-renew; a page merely seen does not', () => {
    const on = [event('s', 0, 'membership-seen', '2026-11-21T10:00:00+08:00', seen('v', null, { autoRenew: 'on', autoRenewQuotes: ['连续包月：已开通'] }))];
    const seenOff = [...on, event('s', 1, 'membership-seen', '2026-11-21T10:05:00+08:00', seen('v', null, { autoRenew: 'off' }))];
    const capturedOff = [...seenOff, event('s', 2, 'membership-seen', '2026-11-21T10:06:00+08:00', seen('v', 'batch-9', { autoRenew: 'off' }))];
    const at = (events: ReturnType<typeof event>[]): ChecklistInput => checklistInputFor([{ record: shopCase('s', '', null), events }], NOW);
    expect(checklistItem('auto-renew-off', at(on))).toMatchObject({ state: 'open', source: 'seen', detail: '连续包月：已开通' });
    expect(shopChecklists(at(on)).autoRenewOn).toBe(true);
    expect(checklistItem('auto-renew-off', at(seenOff))).toMatchObject({ state: 'open', source: 'seen' });
    expect(shopChecklists(at(seenOff)).autoRenewOn).toBe(false);
    expect(checklistItem('auto-renew-off', at(capturedOff))).toMatchObject({ state: 'done', source: 'captured' });
    expect(checklistItem('auto-renew-off', at([]))).toMatchObject({ state: 'unknown', source: null });
  });

  it('non-member and refund arrival are ticked by captured pages that show them', () => {
    const events = [
      event('s', 0, 'membership-seen', '2026-11-21T10:00:00+08:00', seen('https://shop.example/user/vip.html', 'b1', { memberState: 'non-member' })),
      event('s', 1, 'membership-seen', '2026-11-21T10:01:00+08:00', seen('https://pay.example/refund', 'b2', { refundArrived: true })),
    ];
    const input = checklistInputFor([{ record: shopCase('s', '', null), events }], NOW);
    expect(checklistItem('non-member-shown', input)).toMatchObject({ state: 'done', source: 'captured', detail: 'https://shop.example/user/vip.html' });
    expect(checklistItem('refund-arrival-proof', input)).toMatchObject({ state: 'done', source: 'captured', detail: 'https://pay.example/refund' });
    const memberAgain = checklistInputFor(
      [{ record: shopCase('s', '', null), events: [...events, event('s', 2, 'membership-seen', '2026-11-21T11:00:00+08:00', seen('v', null, { memberState: 'member' }))] }],
      NOW,
    );
    expect(checklistItem('non-member-shown', memberAgain).state).toBe('open');
    expect(checklistItem('refund-arrival-proof', checklistInputFor([{ record: shopCase('s', '', null), events: [] }], NOW)).state).toBe('open');
  });
});
