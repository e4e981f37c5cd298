/**
 * @module When the background should wake up for deadlines (mapped 1:1 to browser.alarms) and how many
 * deadlines the toolbar badge counts. Pure functions of the deadlines and `now`.
 */
import { deadlineState } from '@/src/reminders/compute';
import type { AlarmPlanEntry, Deadline } from '@/src/reminders/types';

const HOUR_MS = 60 * 60 * 1000;

const OFFSETS: readonly { kind: 'before-24h' | 'before-2h' | 'due'; beforeMs: number }[] = [
  { kind: 'before-24h', beforeMs: 24 * HOUR_MS },
  { kind: 'before-2h', beforeMs: 2 * HOUR_MS },
  { kind: 'due', beforeMs: 0 },
];

/**
 * Future firing times (strictly after `now`), sorted: 24 h and 2 h before and at each deadline; none for
 * dismissed ones; a snooze drops the times inside it and, when it hid a warning, adds one at its end.
 */
export function alarmPlan(deadlines: readonly Deadline[], now: Date): AlarmPlanEntry[] {
  const nowMs = now.getTime();
  const plan: AlarmPlanEntry[] = [];
  for (const deadline of deadlines) {
    if (deadline.state === 'dismissed') {
      continue;
    }
    const snoozeEnd = deadline.snoozedUntilMs !== null && deadline.snoozedUntilMs > nowMs ? deadline.snoozedUntilMs : null;
    const earliest = snoozeEnd ?? nowMs;
    const times = OFFSETS.map(({ kind, beforeMs }) => ({ kind, fireAtMs: deadline.dueAtMs - beforeMs })).filter(
      // At the snooze end itself the regular alarm is kept, so the user is woken once, not twice.
      (t) => t.fireAtMs > nowMs && (snoozeEnd === null || t.fireAtMs >= snoozeEnd),
    );
    for (const t of times) {
      plan.push({ deadlineId: deadline.id, fireAtMs: t.fireAtMs, kind: t.kind });
    }
    // The snooze hid a warning when it ends after the 24-hour warning would have fired.
    if (snoozeEnd !== null && snoozeEnd > deadline.dueAtMs - 24 * HOUR_MS && !times.some((t) => t.fireAtMs === earliest)) {
      plan.push({ deadlineId: deadline.id, fireAtMs: snoozeEnd, kind: 'snooze-end' });
    }
  }
  return plan.sort(
    (a, b) => a.fireAtMs - b.fireAtMs || (a.deadlineId < b.deadlineId ? -1 : a.deadlineId > b.deadlineId ? 1 : 0),
  );
}

/**
 * How many deadlines need attention within `ms` of `now` for the toolbar badge: overdue ones included,
 * dismissed ones and those snoozed at `now` left out (states are re-evaluated at `now`).
 */
export function countDueWithin(deadlines: readonly Deadline[], now: Date, ms: number): number {
  const nowMs = now.getTime();
  return deadlines.filter((d) => {
    const state = deadlineState(d.dueAtMs, d.state === 'dismissed', d.snoozedUntilMs, nowMs);
    return state !== 'dismissed' && state !== 'snoozed' && d.dueAtMs <= nowMs + ms;
  }).length;
}
