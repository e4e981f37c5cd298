/**
 * @module Derives a case's reminder input from its record and event log: the user's corrections override
 * extracted facts, recorded actions, the shop's promised refund time (policy), and dismissed or snoozed
 * reminders all come from events, so the clocks are reproducible from the evidence itself.
 */
import * as z from 'zod';
import type { OrderFacts } from '@/src/cases/order';
import type { CaseAction, CasePolicy, ReminderInput } from '@/src/reminders/index';
import type { CaseRecord, EventRecord } from '@/src/store/records';

/** Event types written by the user's reminder actions. */
export const REMINDER_EVENT = {
  action: 'action-recorded',
  policy: 'policy-changed',
  dismiss: 'reminder-dismissed',
  snooze: 'reminder-snoozed',
} as const;

/** The actions a user can record, in the order the UI offers them. */
export const CASE_ACTIONS = [
  'refund-requested',
  'refund-approved',
  'refund-received',
  'complaint-12315-filed',
  'complaint-wechat-filed',
  'complaint-alipay-filed',
  'delivered',
  'case-closed',
] as const;

const ActionDataSchema = z.object({
  type: z.enum([...CASE_ACTIONS, 'complaint-12315-answered', 'complaint-wechat-answered', 'exit-applied', 'exit-completed']),
  at: z.string(),
  channel: z.enum(['alipay', 'wechat', 'bank']).nullable().optional(),
});
const PolicyDataSchema = z.object({
  shopRefundDays: z.number().nullable().optional(),
  shopRefundWorkingDays: z.boolean().optional(),
  shopRefundHours: z.number().nullable().optional(),
  shopRefundQuote: z.string().nullable().optional(),
});
const DismissDataSchema = z.object({ deadlineId: z.string() });
/** The part of a `membership-seen` event (src/membership/events.ts) the auto-renew reminder reads. */
const MembershipSeenAutoRenewSchema = z.object({ reading: z.object({ autoRenew: z.enum(['on', 'off', 'none']) }) });
const SnoozeDataSchema = z.object({ deadlineId: z.string(), until: z.string() });

/** The order facts with the user's corrections applied (the extracted values stay in the record). */
export function effectiveOrder(record: CaseRecord): OrderFacts | null {
  if (record.order === null) {
    return null;
  }
  const order: OrderFacts = { ...record.order };
  for (const [field, value] of Object.entries(record.corrections)) {
    if (field === 'amount' || field === 'quantity') {
      order[field] = typeof value === 'number' ? value : null;
    } else if (field === 'item' || field === 'orderTime' || field === 'statusText' || field === 'shopName' || field === 'paymentMethod' || field === 'contact' || field === 'currency') {
      order[field] = typeof value === 'string' ? value : null;
    }
  }
  return order;
}

/** Builds the reminders input for a case at `now`. */
export function reminderInputFor(record: CaseRecord, events: readonly EventRecord[], now: Date): ReminderInput {
  const actions: CaseAction[] = [];
  let policy: CasePolicy = {};
  const dismissed: string[] = [];
  const snoozed: Record<string, string> = {};
  const autoRenewSightings: { at: string; state: 'on' | 'off' }[] = [];
  for (const event of events) {
    if (event.type === REMINDER_EVENT.action) {
      const parsed = ActionDataSchema.safeParse(event.data);
      if (parsed.success) {
        const channel = parsed.data.channel ?? undefined;
        actions.push(channel === undefined ? { type: parsed.data.type, at: parsed.data.at } : { type: parsed.data.type, at: parsed.data.at, detail: { channel } });
      }
    } else if (event.type === REMINDER_EVENT.policy) {
      const parsed = PolicyDataSchema.safeParse(event.data);
      if (parsed.success) {
        policy = { ...policy, ...parsed.data };
      }
    } else if (event.type === REMINDER_EVENT.dismiss) {
      const parsed = DismissDataSchema.safeParse(event.data);
      if (parsed.success) {
        dismissed.push(parsed.data.deadlineId);
      }
    } else if (event.type === 'membership-seen') {
      const parsed = MembershipSeenAutoRenewSchema.safeParse(event.data);
      if (parsed.success && parsed.data.reading.autoRenew !== 'none') {
        autoRenewSightings.push({ at: event.at, state: parsed.data.reading.autoRenew });
      }
    } else if (event.type === REMINDER_EVENT.snooze) {
      const parsed = SnoozeDataSchema.safeParse(event.data);
      if (parsed.success) {
        snoozed[parsed.data.deadlineId] = parsed.data.until;
      }
    }
  }
  const delivered = actions.find((a) => a.type === 'delivered');
  return { order: effectiveOrder(record), extras: record.extras, deliveredAt: delivered?.at ?? null, actions, policy, autoRenewSightings, dismissed, snoozed, now };
}
