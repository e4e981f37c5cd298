/**
 * @module The reminders contract: what the background passes in (order facts, the user's actions, policy,
 * dismissals, now) and the deadlines it gets back. Everything here is plain data, so it survives storage.
 */
import type { OrderFacts, ShopExtras } from '@/src/cases/order';

/** Something the user did or recorded in a case; each type starts or ends reminder clocks (README.md). */
export type CaseActionType =
  | 'refund-requested'
  | 'refund-approved'
  | 'refund-received'
  | 'complaint-12315-filed'
  /** The market regulator told the user whether it accepts the complaint. */
  | 'complaint-12315-answered'
  | 'complaint-wechat-filed'
  /** The merchant replied in the WeChat Pay complaint (ends the current 48 h stage). */
  | 'complaint-wechat-answered'
  | 'complaint-alipay-filed'
  | 'delivered'
  | 'exit-applied'
  /** The account was deleted or the exit otherwise finished. */
  | 'exit-completed'
  /** The user considers the dispute settled: every clock anchored before it ends. */
  | 'case-closed';

/** One recorded user action. */
export interface CaseAction {
  type: CaseActionType;
  /** ISO 8601 with offset (a time without one is read as +08:00). */
  at: string;
  detail?: { channel?: 'alipay' | 'wechat' | 'bank' };
}

/** What the shop itself promised about refunds, as edited by the user (e.g. "退款3个工作日内到账"). */
export interface CasePolicy {
  /** Refund promised within this many days after the request. */
  shopRefundDays?: number | null;
  /** Whether shopRefundDays counts working days (true) or calendar days (false or absent). */
  shopRefundWorkingDays?: boolean;
  /** Refund promised within this many hours after the request (e.g. support said "24小时内退款"); wins over days. */
  shopRefundHours?: number | null;
  /** The shop's promise as captured (page or chat text), shown as the basis quote. */
  shopRefundQuote?: string | null;
}

/** Everything computeDeadlines needs, so it stays a pure function. */
export interface ReminderInput {
  order: OrderFacts | null;
  extras: ShopExtras | null;
  /** Delivery time when the shop page shows one (ISO 8601). */
  deliveredAt?: string | null;
  actions: CaseAction[];
  policy: CasePolicy;
  /**
   * Auto-renew wording seen on the shop's membership pages (src/membership), oldest first: 'on' starts the
   * "switch it off" reminder, a later 'off' ends it. Absent = none seen.
   */
  autoRenewSightings?: { at: string; state: 'on' | 'off' }[];
  /** Deadline ids the user dismissed. */
  dismissed: string[];
  /** Deadline id → snoozed until (ISO 8601). */
  snoozed: Record<string, string>;
  now: Date;
}

/** Where a rule comes from: a law, the shop's own promise, or a platform habit. */
export interface DeadlineBasis {
  kind: 'law' | 'shop' | 'habit';
  zh: string;
  en: string;
  /** Statute and article, for kind 'law'. */
  article?: string;
  /** The shop's captured text, for kind 'shop'. */
  quote?: string;
}

/** Where a deadline stands relative to now and the user's choices. */
export type DeadlineState = 'upcoming' | 'due-soon' | 'overdue' | 'dismissed' | 'snoozed';

/** One computed deadline. */
export interface Deadline {
  /** Stable `rule@anchor`, so dismiss and snooze survive recomputation. */
  id: string;
  /** Rule id, e.g. 'report-problem-48h'. */
  rule: string;
  orderNo: string | null;
  /** ISO 8601 in +08:00. */
  dueAt: string;
  dueAtMs: number;
  /** True when the working-day calendar did not cover a year counted. */
  approximate: boolean;
  /** What to do. */
  action: { zh: string; en: string };
  basis: DeadlineBasis;
  state: DeadlineState;
  /** End of the snooze in epoch ms when the user snoozed this deadline (kept even after it passes). */
  snoozedUntilMs: number | null;
}

/** One future firing time for browser.alarms. */
export interface AlarmPlanEntry {
  deadlineId: string;
  fireAtMs: number;
  /** 'snooze-end' wakes a snoozed deadline whose regular firing times fell inside the snooze. */
  kind: 'before-24h' | 'before-2h' | 'due' | 'snooze-end';
}
