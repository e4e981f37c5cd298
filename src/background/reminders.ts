/**
 * @module Deadline reminders in the background. Deadlines are recomputed from the database (never kept
 * only in worker memory) on install, startup, every order sighting, every user action and every alarm.
 * One alarm is set for the next moment anything is due (alarms survive restarts; timers would not), a
 * notification is shown 24 h and 2 h before each due time and when it falls due, and the toolbar badge
 * counts what is due within 24 h. The computed list is kept in storage.local for the popup.
 */
import { browser } from 'wxt/browser';
import * as z from 'zod';
import { reminderInputFor } from '@/src/cases/reminder-input';
import { DEADLINES_KEY } from '@/src/cases/stored-deadlines';
import { alarmPlan, computeDeadlines, countDueWithin, DUE_SOON_MS, type Deadline } from '@/src/reminders/index';
import { getDb } from '@/src/store/db';
import { caseEvents } from '@/src/store/repo';

/** Name of the one reminders alarm. */
export const REMINDER_ALARM = 'reminders-next';
const LAST_CHECK_KEY = 'reminders:last-check-ms';

/** A deadline with the case it belongs to, as stored for the interface. */
export interface CaseDeadline extends Deadline {
  caseId: string;
  caseTitle: string;
}

let rebuilding: Promise<void> = Promise.resolve();

async function computeAll(now: Date): Promise<CaseDeadline[]> {
  const db = getDb();
  const cases = await db.cases.filter((c) => !c.deleted && c.order !== null).toArray();
  const all: CaseDeadline[] = [];
  for (const record of cases) {
    const events = await caseEvents(db, record.id);
    for (const deadline of computeDeadlines(reminderInputFor(record, events, now))) {
      all.push({ ...deadline, caseId: record.id, caseTitle: record.title });
    }
  }
  return all.sort((a, b) => a.dueAtMs - b.dueAtMs);
}

function notificationText(d: CaseDeadline, kind: string): { title: string; message: string } {
  const when = kind === 'before-24h' ? '24 小时后到期' : kind === 'before-2h' ? '2 小时后到期' : '已到期';
  return {
    title: `留证提醒：${d.action.zh}（${when}）`,
    message: `${d.caseTitle}\n截止 ${d.dueAt}${d.approximate ? '（日期为估算）' : ''}\n依据：${d.basis.zh}`,
  };
}

async function notifyDue(all: CaseDeadline[], sinceMs: number, now: Date): Promise<void> {
  const byCase = new Map<string, CaseDeadline[]>();
  for (const d of all) {
    byCase.set(d.caseId, [...(byCase.get(d.caseId) ?? []), d]);
  }
  for (const [caseId, deadlines] of byCase) {
    // Plan from the last check, so an entry that came due while the browser was closed still notifies once.
    for (const entry of alarmPlan(deadlines, new Date(sinceMs))) {
      if (entry.fireAtMs > now.getTime()) {
        continue;
      }
      const deadline = deadlines.find((d) => d.id === entry.deadlineId);
      if (deadline === undefined) {
        continue;
      }
      const { title, message } = notificationText(deadline, entry.kind);
      await browser.notifications.create(`case|${caseId}|${entry.deadlineId}|${entry.kind}`, {
        type: 'basic',
        iconUrl: browser.runtime.getURL('/icon/128.png'),
        title,
        message,
        priority: 2,
      });
    }
  }
}

async function rebuild(now: Date): Promise<void> {
  const all = await computeAll(now);
  const stored: Record<string, unknown> = await browser.storage.local.get(LAST_CHECK_KEY);
  const lastCheck = z.number().safeParse(stored[LAST_CHECK_KEY]);
  if (lastCheck.success) {
    await notifyDue(all, lastCheck.data, now);
  }
  await browser.storage.local.set({ [DEADLINES_KEY]: all, [LAST_CHECK_KEY]: now.getTime() });
  const next = Math.min(...all.flatMap((d) => alarmPlan([d], now).map((e) => e.fireAtMs)));
  await browser.alarms.clear(REMINDER_ALARM);
  if (Number.isFinite(next)) {
    await browser.alarms.create(REMINDER_ALARM, { when: Math.max(next, now.getTime() + 1000) });
  }
  const due = countDueWithin(all, now, DUE_SOON_MS);
  await browser.action.setBadgeText({ text: due > 0 ? String(due) : '' });
  await browser.action.setBadgeBackgroundColor({ color: '#b3261e' });
}

/** Recomputes deadlines, notifies what came due since the last check, and sets the next alarm. */
export function rebuildReminders(): Promise<void> {
  const run = rebuilding.then(() => rebuild(new Date()));
  rebuilding = run.catch(() => undefined);
  return run;
}

