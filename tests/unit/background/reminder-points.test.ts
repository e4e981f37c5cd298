import { describe, expect, it } from 'vitest';
import { passedReminderPoints } from '@/src/background/reminders';

const HOUR = 3_600_000;
const due = Date.parse('2026-11-22T10:00:00+08:00');
const base = { dueAtMs: due, state: 'upcoming' as const, snoozedUntilMs: null };

describe('which reminder points have passed', () => {
  it('none more than 24 h before, then 24 h, 2 h and due in turn', () => {
    expect(passedReminderPoints(base, due - 25 * HOUR)).toEqual([]);
    expect(passedReminderPoints(base, due - 10 * HOUR)).toEqual(['before-24h']);
    expect(passedReminderPoints(base, due - HOUR)).toEqual(['before-24h', 'before-2h']);
    expect(passedReminderPoints(base, due + HOUR)).toEqual(['before-24h', 'before-2h', 'due']);
  });

  it('nothing for a dismissed deadline or during a snooze', () => {
    expect(passedReminderPoints({ ...base, state: 'dismissed' }, due + HOUR)).toEqual([]);
    expect(passedReminderPoints({ ...base, snoozedUntilMs: due + 2 * HOUR }, due + HOUR)).toEqual([]);
    expect(passedReminderPoints({ ...base, snoozedUntilMs: due }, due + HOUR)).toHaveLength(3);
  });
});
