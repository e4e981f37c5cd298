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
import { backgroundLanguage } from '@/src/background/language';
import { translator, type Language } from '@/src/ui/i18n';

/** Name of the one reminders alarm. */
export const REMINDER_ALARM = 'reminders-next';
const NOTIFIED_KEY = 'reminders:notified';

/** A deadline with the case it belongs to, as stored for the interface. */
export interface CaseDeadline extends Deadline {
  caseId: string;
  caseTitle: string;
}

let rebuilding: Promise<void> = Promise.resolve();

async function computeAll(now: Date): Promise<CaseDeadline[]> {
  const db = getDb();
  // A shop's case without an order ('') carries the shop-level clocks: exit cooling-off, auto-renew (src/membership).
  const cases = await db.cases.filter((c) => !c.deleted && c.mergedInto === null && (c.order !== null || c.orderNo === '')).toArray();
  const all: CaseDeadline[] = [];
  for (const record of cases) {
    const events = await caseEvents(db, record.id);
    for (const deadline of computeDeadlines(reminderInputFor(record, events, now))) {
      all.push({ ...deadline, caseId: record.id, caseTitle: record.title });
    }
  }
  return all.sort((a, b) => a.dueAtMs - b.dueAtMs);
}

function notificationText(d: CaseDeadline, kind: string, language: Language): { title: string; message: string } {
  const t = translator(language);
  // Reminder rules carry Chinese and English; 繁體 readers get the Chinese wording of the rule.
  const pick = (text: { zh: string; en: string }): string => (language === 'en' ? text.en : text.zh);
  const when = kind === 'before-24h' ? t('notifyIn24h') : kind === 'before-2h' ? t('notifyIn2h') : t('notifyDueNow');
  return {
    title: t('notifyTitle', { action: pick(d.action), when }),
    message: t('notifyBody', { case: d.caseTitle, due: d.dueAt, approx: d.approximate ? t('notifyApprox') : '', basis: pick(d.basis) }),
  };
}

/** The reminder points of a deadline that have passed at `nowMs`, oldest first. */
export function passedReminderPoints(d: Pick<Deadline, 'dueAtMs' | 'state' | 'snoozedUntilMs'>, nowMs: number): ('before-24h' | 'before-2h' | 'due')[] {
  if (d.state === 'dismissed' || (d.snoozedUntilMs !== null && d.snoozedUntilMs > nowMs)) {
    return [];
  }
  const points: ('before-24h' | 'before-2h' | 'due')[] = [];
  if (nowMs >= d.dueAtMs - 24 * 3_600_000) {
    points.push('before-24h');
  }
  if (nowMs >= d.dueAtMs - 2 * 3_600_000) {
    points.push('before-2h');
  }
  if (nowMs >= d.dueAtMs) {
    points.push('due');
  }
  return points;
}

/**
 * Shows one notification per deadline for the latest reminder point that has passed and was not shown
 * yet (a deadline first seen 10 h before it is due gets its 24 h notice at once; one that came due while
 * the browser was closed notifies when it starts). Shown points are remembered in storage.local.
 */
async function notifyDue(all: CaseDeadline[], now: Date): Promise<void> {
  const language = await backgroundLanguage();
  const stored: Record<string, unknown> = await browser.storage.local.get(NOTIFIED_KEY);
  const parsed = z.array(z.string()).safeParse(stored[NOTIFIED_KEY]);
  const notified = new Set(parsed.success ? parsed.data : []);
  const stillValid = new Set<string>();
  for (const deadline of all) {
    const points = passedReminderPoints(deadline, now.getTime());
    const keys = points.map((p) => `${deadline.caseId}|${deadline.id}|${p}`);
    const latest = points.at(-1);
    const latestKey = keys.at(-1);
    if (latest !== undefined && latestKey !== undefined && !notified.has(latestKey)) {
      const { title, message } = notificationText(deadline, latest, language);
      await browser.notifications.create(`case|${deadline.caseId}|${deadline.id}|${latest}`, {
        type: 'basic',
        iconUrl: browser.runtime.getURL('/icon/128.png'),
        title,
        message,
        priority: 2,
      });
    }
    for (const key of keys) {
      stillValid.add(key);
    }
  }
  await browser.storage.local.set({ [NOTIFIED_KEY]: [...stillValid] });
}

async function rebuild(now: Date): Promise<void> {
  const all = await computeAll(now);
  await notifyDue(all, now);
  await browser.storage.local.set({ [DEADLINES_KEY]: all });
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

