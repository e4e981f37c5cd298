/**
 * @module Scores an eval report against truth files (conventions: the fixtures READMEs). Pure, so the
 * scoring itself is unit-tested.
 */

/** The order fields compared with the truth. */
export const ORDER_FIELDS = ['orderNo', 'amount', 'currency', 'item', 'quantity', 'orderTime', 'status', 'statusText', 'shopName', 'paymentMethod', 'contact'] as const;

/** One order as reported or as in a truth file. */
export type OrderLike = Partial<Record<(typeof ORDER_FIELDS)[number], unknown>>;
/** One message as reported or as in a truth file. */
export interface MessageLike {
  role: string;
  text: string;
  kind?: string;
  shownTime?: string | null;
}

/** A page's truth and what the extension reported for it. */
export interface ScoredPage {
  file: string;
  truth: { pageKind: string; order?: OrderLike | null; orders?: OrderLike[]; messages?: MessageLike[] };
  orders: OrderLike[];
  messages: MessageLike[];
}

/** Per-set scores. */
export interface Scores {
  pages: number;
  orderPages: { truePositive: number; falsePositive: number; falseNegative: number; f1: number };
  fields: { right: number; total: number; accuracy: number; wrong: string[] };
  messages: { expected: number; found: number; roleRight: number; duplicates: number; onNegatives: number; recall: number; roleAccuracy: number; missing: string[] };
}

const squash = (text: string): string => text.replace(/\s+/g, '');

function sameValue(field: string, truth: unknown, got: unknown): boolean {
  if (truth === null || truth === undefined) {
    return got === null || got === undefined;
  }
  if (typeof truth === 'number') {
    return typeof got === 'number' && Math.abs(truth - got) < 0.005;
  }
  if (field === 'orderTime' && typeof truth === 'string' && typeof got === 'string') {
    return Date.parse(truth) === Date.parse(got);
  }
  if (typeof truth === 'string' && typeof got === 'string') {
    return squash(truth) === squash(got);
  }
  return JSON.stringify(truth) === JSON.stringify(got);
}

/** Scores every page of a set. */
export function scorePages(pages: readonly ScoredPage[]): Scores {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let right = 0;
  let total = 0;
  const wrong: string[] = [];
  let expected = 0;
  let found = 0;
  let roleRight = 0;
  let duplicates = 0;
  let onNegatives = 0;
  const missing: string[] = [];
  for (const page of pages) {
    const truthOrders = page.truth.orders ?? (page.truth.order ? [page.truth.order] : []);
    const isOrderPage = page.truth.pageKind === 'order';
    const detected = page.orders.length > 0;
    if (isOrderPage && detected) {
      tp += 1;
    } else if (isOrderPage) {
      fn += 1;
    } else if (detected) {
      fp += 1;
    }
    for (const truthOrder of truthOrders) {
      const match = page.orders.find((o) => o.orderNo === truthOrder.orderNo);
      for (const field of ORDER_FIELDS) {
        total += 1;
        if (match !== undefined && sameValue(field, truthOrder[field], match[field])) {
          right += 1;
        } else {
          wrong.push(`${page.file} ${String(truthOrder.orderNo)}.${field}: want ${JSON.stringify(truthOrder[field])}, got ${match === undefined ? '(order missing)' : JSON.stringify(match[field])}`);
        }
      }
    }
    const truthMessages = page.truth.messages ?? [];
    if (page.truth.pageKind !== 'chat') {
      onNegatives += page.messages.length;
    }
    // Greedy in-order matching on whitespace-free text: identical texts must each be found once.
    const used = new Set<number>();
    for (const want of truthMessages) {
      expected += 1;
      const index = page.messages.findIndex((m, i) => !used.has(i) && squash(m.text) === squash(want.text));
      if (index === -1) {
        missing.push(`${page.file}: ${want.role} «${want.text.slice(0, 40)}»`);
        continue;
      }
      used.add(index);
      found += 1;
      if (page.messages[index]?.role === want.role) {
        roleRight += 1;
      }
    }
    if (page.truth.pageKind === 'chat') {
      duplicates += Math.max(0, page.messages.length - used.size - 0);
    }
  }
  const precision = tp + fp === 0 ? 1 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 1 : tp / (tp + fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return {
    pages: pages.length,
    orderPages: { truePositive: tp, falsePositive: fp, falseNegative: fn, f1 },
    fields: { right, total, accuracy: total === 0 ? 1 : right / total, wrong },
    messages: {
      expected,
      found,
      roleRight,
      duplicates,
      onNegatives,
      recall: expected === 0 ? 1 : found / expected,
      roleAccuracy: expected === 0 ? 1 : roleRight / expected,
      missing,
    },
  };
}

/** The figures a baseline holds; higher is better except for the `*Count` ones. */
export interface ScoreFigures {
  orderF1: number;
  fieldAccuracy: number;
  messageRecall: number;
  roleAccuracy: number;
  extraMessages: number;
}

/** The gate figures of a score. */
export function figuresOf(scores: Scores): ScoreFigures {
  return {
    orderF1: scores.orderPages.f1,
    fieldAccuracy: scores.fields.accuracy,
    messageRecall: scores.messages.recall,
    roleAccuracy: scores.messages.roleAccuracy,
    extraMessages: scores.messages.duplicates + scores.messages.onNegatives,
  };
}

/** Every figure that fell below (or, for extra messages, rose above) the baseline. */
export function regressions(current: ScoreFigures, baseline: Partial<ScoreFigures>): string[] {
  const out: string[] = [];
  const eps = 1e-9;
  for (const key of ['orderF1', 'fieldAccuracy', 'messageRecall', 'roleAccuracy'] as const) {
    const base = baseline[key];
    if (base !== undefined && current[key] + eps < base) {
      out.push(`${key} ${current[key].toFixed(3)} < baseline ${base.toFixed(3)}`);
    }
  }
  if (baseline.extraMessages !== undefined && current.extraMessages > baseline.extraMessages) {
    out.push(`extraMessages ${current.extraMessages} > baseline ${baseline.extraMessages}`);
  }
  return out;
}
