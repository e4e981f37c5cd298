/**
 * @module Search and filters of the case list. Pure: it reads only the case records (facts, corrections,
 * shop details and the denormalised notes) and the due-soon case ids, never captures, messages or events,
 * so the list stays fast at 10,000 captures / 100,000 messages.
 */
import type { StoredDeadline } from '@/src/cases/stored-deadlines';
import type { OrderStatus } from '@/src/cases/order';
import type { CaseRecord } from '@/src/store/records';

/** What the user filters the list by; `null` = any. */
export interface CaseFilter {
  /** Free text: every whitespace-separated word must occur (shop, order number, item, facts, notes). */
  query: string;
  /** A shop origin. */
  shop: string | null;
  /** A status; `'none'` = cases without a known status. */
  status: OrderStatus | 'none' | null;
  /** Only cases with a deadline due soon or overdue. */
  dueSoon: boolean;
}

/** The empty filter. */
export const NO_FILTER: CaseFilter = { query: '', shop: null, status: null, dueSoon: false };

/** Everything the free-text search looks at, lower-cased once per case. */
export function caseSearchText(record: CaseRecord): string {
  const parts: (string | number | null | undefined)[] = [record.title, record.shopOrigin, record.orderNo, record.notesText];
  if (record.order !== null) {
    parts.push(...Object.values(record.order));
  }
  parts.push(...Object.values(record.corrections));
  if (record.extras !== null) {
    parts.push(record.extras.companyName, record.extras.creditCode, record.extras.refundPolicyText);
  }
  return parts
    .filter((p) => p !== null && p !== undefined && p !== '')
    .join('\n')
    .toLowerCase();
}

/** The cases whose deadlines are due soon or overdue (and not dismissed or snoozed). */
export function dueSoonCaseIds(deadlines: readonly StoredDeadline[]): Set<string> {
  return new Set(deadlines.filter((d) => d.state === 'due-soon' || d.state === 'overdue').map((d) => d.caseId));
}

/** The effective status: the user's correction wins over the extracted one. */
export function effectiveStatus(record: CaseRecord): string | null {
  const corrected = record.corrections.status;
  return typeof corrected === 'string' ? corrected : record.status;
}

/** Filters cases (keeping their order); `texts` are the precomputed {@link caseSearchText}s by case id. */
export function filterCases(cases: readonly CaseRecord[], filter: CaseFilter, texts: ReadonlyMap<string, string>, dueSoon: ReadonlySet<string>): CaseRecord[] {
  const words = filter.query.toLowerCase().split(/\s+/).filter((w) => w !== '');
  return cases.filter((c) => {
    if (filter.shop !== null && c.shopOrigin !== filter.shop) {
      return false;
    }
    if (filter.status !== null && (effectiveStatus(c) ?? 'none') !== filter.status) {
      return false;
    }
    if (filter.dueSoon && !dueSoon.has(c.id)) {
      return false;
    }
    if (words.length === 0) {
      return true;
    }
    const text = texts.get(c.id) ?? caseSearchText(c);
    return words.every((w) => text.includes(w));
  });
}
