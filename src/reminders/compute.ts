/**
 * @module The reminder rules: from order facts, the user's actions and the shop's promises to a sorted
 * list of deadlines. Pure: the caller passes `now`, and nothing reads the host clock or time zone.
 */
import type { OrderStatus } from '@/src/cases/order';
import {
  ACCEPTANCE_12315,
  AUTO_RENEW_OFF,
  EXIT_COOLING,
  EXIT_DELETION,
  LIMIT_12315,
  PROMISED_NO_REASON,
  QUALITY_RETURN,
  REFUND_ESCALATE,
  REFUND_FOLLOW_UP,
  REPORT_PROBLEM,
  WECHAT_MERCHANT,
  refundArrivalTexts,
  shopPromisedRefundTexts,
  type Bilingual,
} from '@/src/reminders/texts';
import {
  civilDateOfDay,
  dayKey,
  dayNumberOf,
  daysInMonth,
  endOfDayMs,
  formatShanghaiIso,
  parseIsoMs,
  shanghaiDayNumber,
} from '@/src/reminders/shanghai-time';
import type { CaseActionType, Deadline, DeadlineBasis, DeadlineState, ReminderInput } from '@/src/reminders/types';
import { addWorkingDays } from '@/src/reminders/working-days';

/** A deadline counts as due soon within this many milliseconds before it. */
export const DUE_SOON_MS = 24 * 60 * 60 * 1000;

const HOUR_MS = 60 * 60 * 1000;

/** Every rule id computeDeadlines can produce. */
export const RULE_IDS = [
  'report-problem-48h',
  'quality-return-7d',
  'promised-no-reason-7d',
  'refund-follow-up-3wd',
  'refund-escalate-7wd',
  'shop-promised-refund',
  'refund-arrival-check',
  '12315-acceptance-7wd',
  'wechat-merchant-48h',
  '12315-limit-3y',
  'exit-cooling-period-7d',
  'exit-deletion-check-15d',
  'auto-renew-switch-off',
] as const;

/** A rule id. */
export type RuleId = (typeof RULE_IDS)[number];

/** A deadline before states are applied. */
interface Draft {
  rule: RuleId;
  /** Identifies what started the clock: an ISO time, or a `YYYY-MM-DD` day for day-counted rules. */
  anchorKey: string;
  dueAtMs: number;
  approximate: boolean;
  action: Bilingual;
  basis: DeadlineBasis;
}

interface TimedAction {
  type: CaseActionType;
  ms: number;
  channel: 'alipay' | 'wechat' | 'bank' | null;
}

// Any of these shows the user already took the problem up with the shop or beyond, so the windows for
// raising it (report within 48 h, return within 7 days) have done their job.
const ACTED: readonly CaseActionType[] = [
  'refund-requested',
  'refund-approved',
  'refund-received',
  'complaint-12315-filed',
  'complaint-wechat-filed',
  'complaint-alipay-filed',
  'case-closed',
];
const COMPLAINT_FILED: readonly CaseActionType[] = ['complaint-12315-filed', 'complaint-wechat-filed', 'complaint-alipay-filed'];
// Statuses after which no order-anchored clock applies: nothing was paid, or the money is back.
const ORDER_ENDED: readonly OrderStatus[] = ['unpaid', 'cancelled', 'refunded'];
const DELIVERED_STATUSES: readonly OrderStatus[] = ['delivered', 'completed'];

/** All deadlines that currently apply to a case, with their states, sorted by due time (then id). */
export function computeDeadlines(input: ReminderInput): Deadline[] {
  const actions = timedActions(input);
  const drafts: Draft[] = [...orderRules(input, actions), ...refundRules(input, actions), ...complaintRules(actions), ...exitRules(actions), ...autoRenewRules(input)];
  const dismissed = new Set(input.dismissed);
  const nowMs = input.now.getTime();
  return drafts
    .map((draft): Deadline => {
      const id = `${draft.rule}@${draft.anchorKey}`;
      const snoozedUntilMs = parseIsoMs(input.snoozed[id]);
      return {
        id,
        rule: draft.rule,
        orderNo: input.order?.orderNo ?? null,
        dueAt: formatShanghaiIso(draft.dueAtMs),
        dueAtMs: draft.dueAtMs,
        approximate: draft.approximate,
        action: { ...draft.action },
        basis: { ...draft.basis },
        state: deadlineState(draft.dueAtMs, dismissed.has(id), snoozedUntilMs, nowMs),
        snoozedUntilMs,
      };
    })
    .sort((a, b) => a.dueAtMs - b.dueAtMs || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** The state of a deadline at `nowMs`: a dismissal wins, then a running snooze, then the clock. */
export function deadlineState(dueAtMs: number, dismissed: boolean, snoozedUntilMs: number | null, nowMs: number): DeadlineState {
  if (dismissed) {
    return 'dismissed';
  }
  if (snoozedUntilMs !== null && nowMs < snoozedUntilMs) {
    return 'snoozed';
  }
  if (nowMs > dueAtMs) {
    return 'overdue';
  }
  return dueAtMs - nowMs <= DUE_SOON_MS ? 'due-soon' : 'upcoming';
}

/** Actions with a readable time, oldest first; ties keep the caller's order (a stable sort). */
function timedActions(input: ReminderInput): TimedAction[] {
  const result: TimedAction[] = [];
  for (const action of input.actions) {
    const ms = parseIsoMs(action.at);
    if (ms !== null) {
      result.push({ type: action.type, ms, channel: action.detail?.channel ?? null });
    }
  }
  return result.sort((a, b) => a.ms - b.ms);
}

function hasActionSince(actions: readonly TimedAction[], types: readonly CaseActionType[], sinceMs: number): boolean {
  return actions.some((a) => a.ms >= sinceMs && types.includes(a.type));
}

/**
 * The action that opened the clock still running: the first start after the last end. Repeating a
 * request does not restart the clock (the shop was on notice from the first one); a start after an end
 * opens a new one.
 */
function openEpisode(
  actions: readonly TimedAction[],
  starts: readonly CaseActionType[],
  ends: readonly CaseActionType[],
): TimedAction | null {
  let open: TimedAction | null = null;
  for (const action of actions) {
    if (open === null && starts.includes(action.type)) {
      open = action;
    } else if (open !== null && ends.includes(action.type)) {
      open = null;
    }
  }
  return open;
}

/** Rules anchored on the order itself: reporting a problem, return windows, the 12315 outer limit. */
function orderRules(input: ReminderInput, actions: readonly TimedAction[]): Draft[] {
  const { order } = input;
  if (order === null) {
    return [];
  }
  const status = order.status;
  const orderMs = parseIsoMs(order.orderTime);
  const drafts: Draft[] = [];
  if (status !== null && ORDER_ENDED.includes(status)) {
    return drafts;
  }
  const deliveredMs = deliveryMs(input, actions);

  // Paid and still waiting, or the shop itself shows a failure: the habit is to complain within 48 h.
  const stuck = status === 'failed' || (status === 'paid' && deliveredMs === null);
  if (stuck && orderMs !== null && !hasActionSince(actions, ACTED, orderMs)) {
    drafts.push({
      rule: 'report-problem-48h',
      anchorKey: formatShanghaiIso(orderMs),
      dueAtMs: orderMs + 48 * HOUR_MS,
      approximate: false,
      ...REPORT_PROBLEM,
    });
  }

  // Receipt (电子商务法 Art. 51): the shown delivery time; for a delivered order without one, the order
  // time, because card shops deliver the key on payment.
  // A shown delivery time also counts while the status is unknown or still says paid (status text lags);
  // refunding, failed and the ended statuses have no return window to remind of.
  let receivedMs: number | null = null;
  if (status !== null && DELIVERED_STATUSES.includes(status)) {
    receivedMs = deliveredMs ?? orderMs;
  } else if (status === null || status === 'paid') {
    receivedMs = deliveredMs;
  }
  if (receivedMs !== null && !hasActionSince(actions, ACTED, receivedMs)) {
    const receiptDay = shanghaiDayNumber(receivedMs);
    // 民法典 Art. 201: the day of receipt is not counted, so the 7th day is receiptDay + 7.
    const dueAtMs = endOfDayMs(receiptDay + 7);
    drafts.push({ rule: 'quality-return-7d', anchorKey: dayKey(receiptDay), dueAtMs, approximate: false, ...QUALITY_RETURN });
    if (input.extras?.promisesNoReasonReturn === true) {
      const quote = input.extras.refundPolicyText;
      drafts.push({
        rule: 'promised-no-reason-7d',
        anchorKey: dayKey(receiptDay),
        dueAtMs,
        approximate: false,
        action: PROMISED_NO_REASON.action,
        basis: quote === null ? PROMISED_NO_REASON.basis : { ...PROMISED_NO_REASON.basis, quote },
      });
    }
  }

  if (orderMs !== null && !hasActionSince(actions, ['complaint-12315-filed', 'refund-received', 'case-closed'], orderMs)) {
    const orderDay = shanghaiDayNumber(orderMs);
    drafts.push({
      rule: '12315-limit-3y',
      anchorKey: dayKey(orderDay),
      dueAtMs: endOfDayMs(sameDayYearsLater(orderDay, 3)),
      approximate: false,
      ...LIMIT_12315,
    });
  }
  return drafts;
}

/** When the item was received: the shop's shown delivery time, else the first delivery the user recorded. */
function deliveryMs(input: ReminderInput, actions: readonly TimedAction[]): number | null {
  const shown = parseIsoMs(input.deliveredAt);
  if (shown !== null) {
    return shown;
  }
  return actions.find((a) => a.type === 'delivered')?.ms ?? null;
}

/** 民法典 Art. 202: a period in years ends on the corresponding day, or the month's last day if there is none. */
function sameDayYearsLater(dayNumber: number, years: number): number {
  const { year, month, day } = civilDateOfDay(dayNumber);
  const target = year + years;
  return dayNumberOf({ year: target, month, day: Math.min(day, daysInMonth(target, month)) });
}

/** Rules that follow a refund request or approval. */
function refundRules(input: ReminderInput, actions: readonly TimedAction[]): Draft[] {
  // The shop page saying 退款成功 ends every refund clock even if the user did not record the arrival.
  if (input.order?.status === 'refunded') {
    return [];
  }
  const drafts: Draft[] = [];

  // An answer, the money, or an escalation the user already made ends the follow-up clocks.
  const request = openEpisode(actions, ['refund-requested'], ['refund-approved', 'refund-received', ...COMPLAINT_FILED, 'case-closed']);
  if (request !== null) {
    const anchorKey = formatShanghaiIso(request.ms);
    const followUp = addWorkingDays(new Date(request.ms), 3);
    drafts.push({
      rule: 'refund-follow-up-3wd',
      anchorKey,
      dueAtMs: followUp.date.getTime(),
      approximate: followUp.approximate,
      ...REFUND_FOLLOW_UP,
    });
    const escalate = addWorkingDays(new Date(request.ms), 7);
    drafts.push({
      rule: 'refund-escalate-7wd',
      anchorKey,
      dueAtMs: escalate.date.getTime(),
      approximate: escalate.approximate,
      ...REFUND_ESCALATE,
    });
  }

  // The shop's promise is about money arriving, so only the refund itself (or closing the case) ends it;
  // an approval or a complaint does not, and an overdue promise stays visible as evidence.
  const promised = openEpisode(actions, ['refund-requested'], ['refund-received', 'case-closed']);
  if (promised !== null) {
    const draft = shopPromisedRefund(input, promised.ms);
    if (draft !== null) {
      drafts.push(draft);
    }
  }

  const approval = openEpisode(actions, ['refund-approved'], ['refund-received', 'case-closed']);
  if (approval !== null) {
    const channel = approval.channel ?? channelFromPaymentMethod(input.order?.paymentMethod ?? null);
    // Unknown channel: most card shops take 支付宝/微信, and an early check costs little.
    const arrival = addWorkingDays(new Date(approval.ms), channel === 'bank' ? 15 : 5);
    drafts.push({
      rule: 'refund-arrival-check',
      anchorKey: formatShanghaiIso(approval.ms),
      dueAtMs: arrival.date.getTime(),
      approximate: arrival.approximate,
      ...refundArrivalTexts(channel),
    });
  }
  return drafts;
}

/** Upper bounds that reject corrupt policy values without limiting real promises. */
const MAX_PROMISE_HOURS = 24 * 366;
const MAX_PROMISE_DAYS = 366;

/** shop-promised-refund from the policy: hours win over days; invalid values produce no deadline. */
function shopPromisedRefund(input: ReminderInput, requestMs: number): Draft | null {
  const { policy } = input;
  const quote = policy.shopRefundQuote?.trim() ? policy.shopRefundQuote.trim() : null;
  const anchorKey = formatShanghaiIso(requestMs);
  const hours = policy.shopRefundHours;
  if (hours != null) {
    if (!Number.isFinite(hours) || hours <= 0 || hours > MAX_PROMISE_HOURS) {
      return null;
    }
    const period = { zh: `${hours}小时`, en: `${hours} hours` };
    return {
      rule: 'shop-promised-refund',
      anchorKey,
      dueAtMs: requestMs + hours * HOUR_MS,
      approximate: false,
      ...shopPromisedRefundTexts(period, quote),
    };
  }
  const days = policy.shopRefundDays;
  if (days == null || !Number.isInteger(days) || days < 0 || days > MAX_PROMISE_DAYS) {
    return null;
  }
  if (policy.shopRefundWorkingDays === true) {
    const due = addWorkingDays(new Date(requestMs), days);
    return {
      rule: 'shop-promised-refund',
      anchorKey,
      dueAtMs: due.date.getTime(),
      approximate: due.approximate,
      ...shopPromisedRefundTexts({ zh: `${days}个工作日`, en: `${days} working days` }, quote),
    };
  }
  return {
    rule: 'shop-promised-refund',
    anchorKey,
    dueAtMs: endOfDayMs(shanghaiDayNumber(requestMs) + days),
    approximate: false,
    ...shopPromisedRefundTexts({ zh: `${days}天`, en: `${days} days` }, quote),
  };
}

/** The refund channel suggested by the shop's payment-method text, or null. */
function channelFromPaymentMethod(text: string | null): 'alipay' | 'wechat' | 'bank' | null {
  if (text === null) {
    return null;
  }
  if (/支付宝|alipay/i.test(text)) {
    return 'alipay';
  }
  if (/微信|wechat|weixin|wxpay/i.test(text)) {
    return 'wechat';
  }
  if (/银行|银联|bank|unionpay/i.test(text)) {
    return 'bank';
  }
  return null;
}

/** Rules that follow a complaint to 12315 or WeChat Pay (Alipay's timing is not documented, so none). */
function complaintRules(actions: readonly TimedAction[]): Draft[] {
  const drafts: Draft[] = [];
  const filed12315 = openEpisode(actions, ['complaint-12315-filed'], ['complaint-12315-answered', 'case-closed']);
  if (filed12315 !== null) {
    const due = addWorkingDays(new Date(filed12315.ms), 7);
    drafts.push({
      rule: '12315-acceptance-7wd',
      anchorKey: formatShanghaiIso(filed12315.ms),
      dueAtMs: due.date.getTime(),
      approximate: due.approximate,
      ...ACCEPTANCE_12315,
    });
  }
  const filedWechat = openEpisode(actions, ['complaint-wechat-filed'], ['complaint-wechat-answered', 'case-closed']);
  if (filedWechat !== null) {
    drafts.push({
      rule: 'wechat-merchant-48h',
      anchorKey: formatShanghaiIso(filedWechat.ms),
      dueAtMs: filedWechat.ms + 48 * HOUR_MS,
      approximate: false,
      ...WECHAT_MERCHANT,
    });
  }
  return drafts;
}

/** After applying to close the shop account: check that deletion happened once the cooling-off ends. */
function exitRules(actions: readonly TimedAction[]): Draft[] {
  const applied = openEpisode(actions, ['exit-applied'], ['exit-completed', 'case-closed']);
  if (applied === null) {
    return [];
  }
  const day = shanghaiDayNumber(applied.ms);
  return [
    // The shortest common cooling-off period ends first: the last moment to withdraw, and the account may be gone after it.
    {
      rule: 'exit-cooling-period-7d',
      anchorKey: dayKey(day),
      dueAtMs: endOfDayMs(day + 7),
      approximate: false,
      ...EXIT_COOLING,
    },
    {
      rule: 'exit-deletion-check-15d',
      anchorKey: dayKey(day),
      dueAtMs: endOfDayMs(day + 15),
      approximate: false,
      ...EXIT_DELETION,
    },
  ];
}

/**
 * Auto-renew seen switched on (自动续费 / 连续包月, often on by default): switch it off the same day, before the
 * next charge; a later sighting of it switched off ends the reminder, a new 'on' after that starts a new one.
 */
function autoRenewRules(input: ReminderInput): Draft[] {
  let open: number | null = null;
  const sightings = (input.autoRenewSightings ?? [])
    .map((s) => ({ state: s.state, ms: parseIsoMs(s.at) }))
    .filter((s): s is { state: 'on' | 'off'; ms: number } => s.ms !== null)
    .sort((a, b) => a.ms - b.ms);
  for (const sighting of sightings) {
    if (sighting.state === 'on' && open === null) {
      open = sighting.ms;
    } else if (sighting.state === 'off') {
      open = null;
    }
  }
  if (open === null) {
    return [];
  }
  const day = shanghaiDayNumber(open);
  return [{ rule: 'auto-renew-switch-off', anchorKey: dayKey(day), dueAtMs: endOfDayMs(day), approximate: false, ...AUTO_RENEW_OFF }];
}
