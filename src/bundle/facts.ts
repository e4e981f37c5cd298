/**
 * @module Case facts as the pack presents them: extracted order fields with the user's corrections applied,
 * the status history read from the event log, and the amounts each demand asks for.
 */
import { OrderStatusSchema, type OrderStatus } from '@/src/cases/order';
import type { CaseRecord, EventRecord, JsonValue } from '@/src/store/records';

/** Which remedy the drafts ask for (消保法 Art. 53 / Art. 55 where applicable). */
export type Demand = 'refund' | 'refund-interest-costs' | 'triple-compensation';

/** The order facts shown in the pack: corrected where the user corrected them, `null` when unknown. */
export interface CaseFacts {
  caseId: string;
  shopOrigin: string;
  shopHost: string;
  shopName: string | null;
  orderNo: string;
  title: string;
  item: string | null;
  quantity: number | null;
  amount: number | null;
  currency: string | null;
  orderTime: string | null;
  status: OrderStatus | null;
  statusText: string | null;
  paymentMethod: string | null;
  contact: string | null;
  companyName: string | null;
  creditCode: string | null;
  icp: string | null;
  refundPolicyText: string | null;
  promisesNoReasonReturn: boolean;
  /** Field names whose value comes from a user correction. */
  corrected: string[];
}

function correctedText(record: CaseRecord, field: string, extracted: string | null): string | null {
  if (!Object.hasOwn(record.corrections, field)) {
    return extracted;
  }
  const value = record.corrections[field];
  return value === null || value === undefined ? null : String(value);
}

function correctedNumber(record: CaseRecord, field: string, extracted: number | null): number | null {
  if (!Object.hasOwn(record.corrections, field)) {
    return extracted;
  }
  const value = record.corrections[field];
  if (typeof value === 'number') {
    return Number.isFinite(value) ? value : null;
  }
  if (typeof value === 'string' && value.trim() !== '') {
    const parsed = Number(value.replace(/[,，¥￥\s]/g, ''));
    return Number.isFinite(parsed) ? parsed : null;
  }
  return null;
}

/** Host name of an origin without throwing. */
function hostName(origin: string): string {
  try {
    return new URL(origin).hostname;
  } catch {
    return origin;
  }
}

/** The facts of a case with user corrections applied over the extracted order. */
export function caseFacts(record: CaseRecord): CaseFacts {
  const order = record.order;
  const statusRaw = correctedText(record, 'status', order?.status ?? record.status ?? null);
  const status = OrderStatusSchema.safeParse(statusRaw);
  const orderNo = correctedText(record, 'orderNo', order?.orderNo ?? null) ?? record.orderNo;
  return {
    caseId: record.id,
    shopOrigin: record.shopOrigin,
    shopHost: hostName(record.shopOrigin),
    shopName: correctedText(record, 'shopName', order?.shopName ?? null),
    orderNo: orderNo === '' ? record.orderNo : orderNo,
    title: record.title,
    item: correctedText(record, 'item', order?.item ?? null),
    quantity: correctedNumber(record, 'quantity', order?.quantity ?? null),
    amount: correctedNumber(record, 'amount', order?.amount ?? null),
    currency: correctedText(record, 'currency', order?.currency ?? null),
    orderTime: correctedText(record, 'orderTime', order?.orderTime ?? null),
    status: status.success ? status.data : null,
    statusText: correctedText(record, 'statusText', order?.statusText ?? null),
    paymentMethod: correctedText(record, 'paymentMethod', order?.paymentMethod ?? null),
    contact: correctedText(record, 'contact', order?.contact ?? null),
    companyName: correctedText(record, 'companyName', record.extras?.companyName ?? null),
    creditCode: correctedText(record, 'creditCode', record.extras?.creditCode ?? null),
    icp: record.extras?.icp ?? null,
    refundPolicyText: record.extras?.refundPolicyText ?? null,
    promisesNoReasonReturn: record.extras?.promisesNoReasonReturn ?? false,
    corrected: Object.keys(record.corrections).sort(),
  };
}

/** One status the event log recorded. */
export interface StatusChange {
  at: string;
  status: string;
  statusText: string | null;
  eventType: string;
  seq: number;
}

function field(data: JsonValue, name: string): JsonValue | undefined {
  return data !== null && typeof data === 'object' && !Array.isArray(data) ? data[name] : undefined;
}

/**
 * Status history from the event log: every event whose data carries a `status` string (directly or under
 * `order`), in seq order, repeated statuses collapsed.
 */
export function statusHistory(events: readonly EventRecord[]): StatusChange[] {
  const out: StatusChange[] = [];
  for (const event of [...events].sort((a, b) => a.seq - b.seq)) {
    const direct = field(event.data, 'status');
    const order = field(event.data, 'order');
    const nested = order === undefined ? undefined : field(order, 'status');
    const status = typeof direct === 'string' ? direct : typeof nested === 'string' ? nested : null;
    if (status === null || status === out.at(-1)?.status) {
      continue;
    }
    const textRaw = field(event.data, 'statusText') ?? (order === undefined ? undefined : field(order, 'statusText'));
    out.push({ at: event.at, status, statusText: typeof textRaw === 'string' ? textRaw : null, eventType: event.type, seq: event.seq });
  }
  return out;
}

/** Threefold compensation under 消保法 Art. 55: three times the price, at least ¥500. */
export function tripleCompensation(amount: number): number {
  return Math.max(Math.round(amount * 3 * 100) / 100, 500);
}

/** An amount as `¥12.50` (two decimals, no grouping: complaint forms take plain numbers). */
export function formatYuan(amount: number): string {
  return `¥${amount.toFixed(2)}`;
}

/** An ISO time as a person reads it: `2026-11-21 10:02:33 (UTC+08:00)`; anything else unchanged. */
export function displayTime(iso: string): string {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}:\d{2})(?:\.\d+)?(Z|[+-]\d{2}:\d{2})?$/.exec(iso);
  if (!m) {
    return iso;
  }
  const zone = m[3] === undefined ? '' : ` (UTC${m[3] === 'Z' ? '' : m[3]})`;
  return `${m[1] ?? ''} ${m[2] ?? ''}${zone}`;
}
