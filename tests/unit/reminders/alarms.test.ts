import { describe, expect, it } from 'vitest';
import { alarmPlan, countDueWithin, type Deadline } from '@/src/reminders';

const HOUR = 60 * 60 * 1000;
const NOW = new Date('2025-11-03T12:00:00+08:00');

function deadline(id: string, dueAt: string, overrides: Partial<Deadline> = {}): Deadline {
  return {
    id,
    rule: id.split('@')[0] ?? id,
    orderNo: null,
    dueAt,
    dueAtMs: Date.parse(dueAt),
    approximate: false,
    action: { zh: '', en: '' },
    basis: { kind: 'habit', zh: '', en: '' },
    state: 'upcoming',
    snoozedUntilMs: null,
    ...overrides,
  };
}

describe('alarmPlan', () => {
  it('fires 24 h and 2 h before and at the deadline, sorted', () => {
    const a = deadline('a@1', '2025-11-06T23:59:59+08:00');
    const b = deadline('b@1', '2025-11-05T10:00:00+08:00');
    const plan = alarmPlan([a, b], NOW);
    expect(plan).toEqual([
      { deadlineId: 'b@1', fireAtMs: b.dueAtMs - 24 * HOUR, kind: 'before-24h' },
      { deadlineId: 'b@1', fireAtMs: b.dueAtMs - 2 * HOUR, kind: 'before-2h' },
      { deadlineId: 'b@1', fireAtMs: b.dueAtMs, kind: 'due' },
      { deadlineId: 'a@1', fireAtMs: a.dueAtMs - 24 * HOUR, kind: 'before-24h' },
      { deadlineId: 'a@1', fireAtMs: a.dueAtMs - 2 * HOUR, kind: 'before-2h' },
      { deadlineId: 'a@1', fireAtMs: a.dueAtMs, kind: 'due' },
    ]);
  });

  it('only future times: a due-soon deadline keeps what is left, an overdue one has none', () => {
    const soon = deadline('s@1', '2025-11-03T13:00:00+08:00', { state: 'due-soon' });
    expect(alarmPlan([soon], NOW).map((p) => p.kind)).toEqual(['due']);
    const late = deadline('l@1', '2025-11-03T11:00:00+08:00', { state: 'overdue' });
    expect(alarmPlan([late], NOW)).toEqual([]);
  });

  it('nothing for dismissed deadlines', () => {
    expect(alarmPlan([deadline('d@1', '2025-11-06T23:59:59+08:00', { state: 'dismissed' })], NOW)).toEqual([]);
  });

  it('a snooze drops the times inside it and wakes at its end when it hid a warning', () => {
    const due = '2025-11-04T20:00:00+08:00';
    const until = Date.parse('2025-11-04T09:00:00+08:00'); // after the 24 h warning (Nov 3 20:00)
    const plan = alarmPlan([deadline('z@1', due, { state: 'snoozed', snoozedUntilMs: until })], NOW);
    expect(plan).toEqual([
      { deadlineId: 'z@1', fireAtMs: until, kind: 'snooze-end' },
      { deadlineId: 'z@1', fireAtMs: Date.parse(due) - 2 * HOUR, kind: 'before-2h' },
      { deadlineId: 'z@1', fireAtMs: Date.parse(due), kind: 'due' },
    ]);
  });

  it('a snooze that hid nothing adds no extra alarm; one on an overdue deadline wakes at its end', () => {
    const far = deadline('f@1', '2025-11-10T20:00:00+08:00', { state: 'snoozed', snoozedUntilMs: Date.parse('2025-11-04T09:00:00+08:00') });
    expect(alarmPlan([far], NOW).map((p) => p.kind)).toEqual(['before-24h', 'before-2h', 'due']);
    const until = Date.parse('2025-11-04T09:00:00+08:00');
    const overdue = deadline('o@1', '2025-11-02T20:00:00+08:00', { state: 'snoozed', snoozedUntilMs: until });
    expect(alarmPlan([overdue], NOW)).toEqual([{ deadlineId: 'o@1', fireAtMs: until, kind: 'snooze-end' }]);
    const ended = deadline('e@1', '2025-11-02T20:00:00+08:00', { state: 'overdue', snoozedUntilMs: Date.parse('2025-11-03T09:00:00+08:00') });
    expect(alarmPlan([ended], NOW)).toEqual([]);
  });
});

describe('countDueWithin', () => {
  it('counts overdue and due within the window, not dismissed or snoozed ones', () => {
    const list = [
      deadline('overdue@1', '2025-11-01T10:00:00+08:00', { state: 'overdue' }),
      deadline('soon@1', '2025-11-04T10:00:00+08:00', { state: 'due-soon' }),
      deadline('later@1', '2025-11-20T10:00:00+08:00'),
      deadline('dismissed@1', '2025-11-03T13:00:00+08:00', { state: 'dismissed' }),
      deadline('snoozed@1', '2025-11-03T13:00:00+08:00', { state: 'snoozed', snoozedUntilMs: Date.parse('2025-11-03T18:00:00+08:00') }),
    ];
    expect(countDueWithin(list, NOW, 24 * HOUR)).toBe(2);
    expect(countDueWithin(list, NOW, 30 * 24 * HOUR)).toBe(3);
    // After the snooze ends, the snoozed one counts again.
    expect(countDueWithin(list, new Date('2025-11-03T18:00:00+08:00'), 24 * HOUR)).toBe(3);
  });
});
