import { describe, expect, it } from 'vitest';
import { reminderInputFor } from '@/src/cases/reminder-input';
import { computeDeadlines, RULE_IDS, type ReminderInput } from '@/src/reminders';
import { event, seen, shopCase } from './records';

function input(overrides: Partial<ReminderInput>): ReminderInput {
  return { order: null, extras: null, deliveredAt: null, actions: [], policy: {}, dismissed: [], snoozed: {}, now: new Date('2026-11-22T02:00:00Z'), ...overrides };
}

describe('exit reminders (fixed clock)', () => {
  it('after an exit application: the 7-day cooling-off end, then the 15-day deletion check, both labelled as habit', () => {
    const deadlines = computeDeadlines(input({ actions: [{ type: 'exit-applied', at: '2026-11-21T22:30:00+08:00' }] }));
    expect(deadlines.map((d) => [d.id, d.dueAt, d.basis.kind])).toEqual([
      ['exit-cooling-period-7d@2026-11-21', '2026-11-28T23:59:59+08:00', 'habit'],
      ['exit-deletion-check-15d@2026-11-21', '2026-12-06T23:59:59+08:00', 'habit'],
    ]);
    expect(deadlines[0]?.basis.zh).toContain('7–15');
    expect(deadlines[1]?.action.zh).toContain('第四十七条');
    expect(RULE_IDS).toContain('exit-cooling-period-7d');
  });

  it('the Shanghai day counts, not the UTC one', () => {
    // 2026-11-21 17:00 UTC is already 2026-11-22 01:00 in Shanghai.
    const [first] = computeDeadlines(input({ actions: [{ type: 'exit-applied', at: '2026-11-21T17:00:00Z' }] }));
    expect(first?.id).toBe('exit-cooling-period-7d@2026-11-22');
  });

  it('the exit completed, or the case closed, ends both', () => {
    expect(computeDeadlines(input({ actions: [{ type: 'exit-applied', at: '2026-11-21T10:00:00+08:00' }, { type: 'exit-completed', at: '2026-11-30T10:00:00+08:00' }] }))).toEqual([]);
    expect(computeDeadlines(input({ actions: [{ type: 'exit-applied', at: '2026-11-21T10:00:00+08:00' }, { type: 'case-closed', at: '2026-11-22T10:00:00+08:00' }] }))).toEqual([]);
  });
});

describe('auto-renew reminder (fixed clock)', () => {
  it('auto-renew seen on: switch it off the same day; seen off afterwards: no reminder', () => {
    const on = computeDeadlines(input({ autoRenewSightings: [{ at: '2026-11-21T20:00:00+08:00', state: 'on' }] }));
    expect(on.map((d) => [d.id, d.dueAt, d.basis.kind, d.state])).toEqual([['auto-renew-switch-off@2026-11-21', '2026-11-21T23:59:59+08:00', 'habit', 'overdue']]);
    expect(computeDeadlines(input({ autoRenewSightings: [{ at: '2026-11-21T20:00:00+08:00', state: 'on' }, { at: '2026-11-21T20:05:00+08:00', state: 'off' }] }))).toEqual([]);
    // Switched on again later: a new reminder from that day.
    const again = computeDeadlines(
      input({ autoRenewSightings: [{ at: '2026-11-21T20:00:00+08:00', state: 'on' }, { at: '2026-11-21T20:05:00+08:00', state: 'off' }, { at: '2026-11-22T09:00:00+08:00', state: 'on' }] }),
    );
    expect(again.map((d) => d.id)).toEqual(['auto-renew-switch-off@2026-11-22']);
  });

  it('comes from membership-seen events of the case', () => {
    const record = shopCase('s', '', null);
    const events = [
      event('s', 0, 'membership-seen', '2026-11-21T20:00:00+08:00', seen('v', null, { autoRenew: 'on' })),
      event('s', 1, 'membership-seen', '2026-11-21T20:01:00+08:00', seen('v', null, { autoRenew: 'none', balance: 0 })),
    ];
    const built = reminderInputFor(record, events, new Date('2026-11-22T02:00:00Z'));
    expect(built.autoRenewSightings).toEqual([{ at: '2026-11-21T20:00:00+08:00', state: 'on' }]);
    expect(computeDeadlines(built).map((d) => d.rule)).toEqual(['auto-renew-switch-off']);
    const off = [...events, event('s', 2, 'membership-seen', '2026-11-21T20:02:00+08:00', seen('v', 'b1', { autoRenew: 'off' }))];
    expect(computeDeadlines(reminderInputFor(record, off, new Date('2026-11-22T02:00:00Z')))).toEqual([]);
  });
});
