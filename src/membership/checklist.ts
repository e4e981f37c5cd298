/**
 * @module The before-exit and after-refund checklists of one shop (DOMAIN.md, "Leaving a membership"). Each
 * item is ticked from what 留证 has captured or seen (order statuses, refund actions, balance / membership /
 * auto-renew wording) or by the user (a tick is an event in the case chain). Pure: `now` is an input.
 */
import type { OrderStatus } from '@/src/cases/order';
import type { MembershipReading } from '@/src/membership/page-reading';
import { shanghaiDate } from '@/src/membership/page-reading';
import type { CaseAction } from '@/src/reminders/types';

/** Every checklist item, before exit then after the refund. */
export const CHECKLIST_ITEM_IDS = [
  'history-saved',
  'no-unfinished-order',
  'no-pending-refund',
  'zero-balance',
  'no-unexpired-benefits',
  'refund-arrival-proof',
  'non-member-shown',
  'auto-renew-off',
] as const;
export type ChecklistItemId = (typeof CHECKLIST_ITEM_IDS)[number];

/** Items of the before-exit checklist, in the order to work through them. */
export const BEFORE_EXIT_ITEMS: readonly ChecklistItemId[] = ['history-saved', 'no-unfinished-order', 'no-pending-refund', 'zero-balance', 'no-unexpired-benefits'];
/** Items of the after-refund checklist. */
export const AFTER_REFUND_ITEMS: readonly ChecklistItemId[] = ['refund-arrival-proof', 'non-member-shown', 'auto-renew-off'];

/** A page reading recorded in a shop case. */
export interface MembershipSighting {
  at: string;
  caseId: string;
  url: string;
  /** Set when the reading comes from a capture (evidence); null when the page was only seen. */
  batchId: string | null;
  reading: MembershipReading;
}

/** What the checklists are computed from. */
export interface ChecklistInput {
  cases: { caseId: string; orderNo: string; status: OrderStatus | null; actions: readonly CaseAction[] }[];
  sightings: readonly MembershipSighting[];
  ticks: readonly { at: string; item: ChecklistItemId; checked: boolean }[];
  historySaves: readonly { at: string; pages: number; complete: boolean }[];
  now: Date;
}

/** Where an item stands. */
export type ItemState = 'done' | 'open' | 'unknown';

/** Why: a capture, a page seen but not captured, the cases' order facts and actions, or the user's tick. */
export type ItemSource = 'captured' | 'seen' | 'orders' | 'user' | null;

/** One checklist item. */
export interface ChecklistItem {
  id: ChecklistItemId;
  state: ItemState;
  source: ItemSource;
  /** What the automatic reading found (order numbers, a balance, a quote, an expiry date), for display. */
  detail: string | null;
  /** The user ticked it although the automatic reading says it is still open. */
  conflict: boolean;
}

/** Both checklists of a shop. */
export interface ShopChecklists {
  beforeExit: ChecklistItem[];
  afterRefund: ChecklistItem[];
  /** Every before-exit item is done. */
  readyToExit: boolean;
  /** Auto-renew wording was last seen switched on: remind the user to switch it off. */
  autoRenewOn: boolean;
}

/** Statuses of an order that is not finished yet (unpaid, or paid and waiting for delivery). */
const UNFINISHED: readonly OrderStatus[] = ['unpaid', 'paid'];

interface Automatic {
  state: ItemState;
  source: ItemSource;
  detail: string | null;
}

const UNKNOWN: Automatic = { state: 'unknown', source: null, detail: null };

function byTime<T extends { at: string }>(list: readonly T[]): T[] {
  return [...list].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
}

/** The newest sighting that says something about `pick`, or undefined. */
function latest(sightings: readonly MembershipSighting[], pick: (r: MembershipReading) => boolean): MembershipSighting | undefined {
  return byTime(sightings.filter((s) => pick(s.reading))).at(-1);
}

function sourceOf(sighting: MembershipSighting): ItemSource {
  return sighting.batchId === null ? 'seen' : 'captured';
}

function historyItem(input: ChecklistInput): Automatic {
  const last = byTime(input.historySaves).at(-1);
  if (last === undefined) {
    return { state: 'open', source: null, detail: null };
  }
  return { state: last.complete ? 'done' : 'open', source: 'captured', detail: String(last.pages) };
}

function unfinishedItem(input: ChecklistInput): Automatic {
  const known = input.cases.filter((c) => c.status !== null);
  if (known.length === 0) {
    return UNKNOWN;
  }
  const open = known.filter((c) => c.status !== null && UNFINISHED.includes(c.status));
  return open.length > 0 ? { state: 'open', source: 'orders', detail: open.map((c) => c.orderNo).join(', ') } : { state: 'done', source: 'orders', detail: null };
}

/** True when a refund was asked for or approved and neither received nor the case closed since. */
function refundPending(actions: readonly CaseAction[]): boolean {
  let pending = false;
  for (const action of byTime(actions)) {
    if (action.type === 'refund-requested' || action.type === 'refund-approved') {
      pending = true;
    } else if (action.type === 'refund-received' || action.type === 'case-closed') {
      pending = false;
    }
  }
  return pending;
}

function pendingRefundItem(input: ChecklistInput): Automatic {
  const withOrders = input.cases.filter((c) => c.orderNo !== '');
  if (withOrders.length === 0) {
    return UNKNOWN;
  }
  const open = withOrders.filter((c) => c.status === 'refunding' || (c.status !== 'refunded' && refundPending(c.actions)));
  return open.length > 0 ? { state: 'open', source: 'orders', detail: open.map((c) => c.orderNo).join(', ') } : { state: 'done', source: 'orders', detail: null };
}

function balanceItem(input: ChecklistInput): Automatic {
  const last = latest(input.sightings, (r) => r.balance !== null);
  if (last === undefined || last.reading.balance === null) {
    return UNKNOWN;
  }
  return { state: last.reading.balance === 0 ? 'done' : 'open', source: sourceOf(last), detail: `¥${last.reading.balance.toFixed(2)}` };
}

function benefitsItem(input: ChecklistInput): Automatic {
  const last = latest(input.sightings, (r) => r.memberState !== null || r.benefitsUntil !== null);
  if (last === undefined) {
    return UNKNOWN;
  }
  const { benefitsUntil, memberState } = last.reading;
  const running = (benefitsUntil !== null && benefitsUntil >= shanghaiDate(input.now)) || (benefitsUntil === null && memberState === 'member');
  return { state: running ? 'open' : 'done', source: sourceOf(last), detail: benefitsUntil };
}

function refundProofItem(input: ChecklistInput): Automatic {
  const captured = latest(
    input.sightings.filter((s) => s.batchId !== null),
    (r) => r.refundArrived,
  );
  return captured === undefined ? { state: 'open', source: null, detail: null } : { state: 'done', source: 'captured', detail: captured.url };
}

function nonMemberItem(input: ChecklistInput): Automatic {
  const last = latest(input.sightings, (r) => r.memberState !== null);
  if (last === undefined) {
    return { state: 'open', source: null, detail: null };
  }
  // Only a capture proves it: a page merely seen leaves the item open until the user presses 取证.
  const done = last.reading.memberState === 'non-member' && last.batchId !== null;
  return { state: done ? 'done' : 'open', source: sourceOf(last), detail: last.url };
}

function autoRenewItem(input: ChecklistInput): Automatic {
  const last = latest(input.sightings, (r) => r.autoRenew !== 'none');
  if (last === undefined) {
    return UNKNOWN;
  }
  const done = last.reading.autoRenew === 'off' && last.batchId !== null;
  return { state: done ? 'done' : 'open', source: sourceOf(last), detail: last.reading.autoRenewQuotes[0] ?? null };
}

const AUTOMATIC: Record<ChecklistItemId, (input: ChecklistInput) => Automatic> = {
  'history-saved': historyItem,
  'no-unfinished-order': unfinishedItem,
  'no-pending-refund': pendingRefundItem,
  'zero-balance': balanceItem,
  'no-unexpired-benefits': benefitsItem,
  'refund-arrival-proof': refundProofItem,
  'non-member-shown': nonMemberItem,
  'auto-renew-off': autoRenewItem,
};

/** One item: the automatic reading, overridden by the user's latest tick (an untick hands back to automatic). */
export function checklistItem(id: ChecklistItemId, input: ChecklistInput): ChecklistItem {
  const automatic = AUTOMATIC[id](input);
  const tick = byTime(input.ticks.filter((t) => t.item === id)).at(-1);
  if (tick?.checked === true && automatic.state !== 'done') {
    return { id, state: 'done', source: 'user', detail: automatic.detail, conflict: automatic.state === 'open' };
  }
  return { id, ...automatic, conflict: false };
}

/** Both checklists of one shop. */
export function shopChecklists(input: ChecklistInput): ShopChecklists {
  const beforeExit = BEFORE_EXIT_ITEMS.map((id) => checklistItem(id, input));
  const afterRefund = AFTER_REFUND_ITEMS.map((id) => checklistItem(id, input));
  return {
    beforeExit,
    afterRefund,
    readyToExit: beforeExit.every((item) => item.state === 'done'),
    autoRenewOn: latest(input.sightings, (r) => r.autoRenew !== 'none')?.reading.autoRenew === 'on',
  };
}
