import { describe, expect, it } from 'vitest';
import { caseSearchText, dueSoonCaseIds, filterCases, NO_FILTER } from '@/src/cases/case-search';
import type { StoredDeadline } from '@/src/cases/stored-deadlines';
import type { CaseRecord } from '@/src/store/records';

function record(id: string, shopOrigin: string, orderNo: string, over: Partial<CaseRecord> = {}): CaseRecord {
  return {
    id,
    shopOrigin,
    orderNo,
    title: `${new URL(shopOrigin).host} · ${orderNo}`,
    createdAt: '2026-11-02T21:10:00.000+08:00',
    updatedAtMs: 1,
    order: null,
    corrections: {},
    status: null,
    extras: null,
    deleted: false,
    mergedInto: null,
    notesText: '',
    ...over,
  };
}

const A = record('a', 'https://xinghe.example', 'K8QW2M7ZP4XR9T1A', {
  status: 'paid',
  order: { orderNo: 'K8QW2M7ZP4XR9T1A', amount: 158, currency: 'CNY', item: '腾讯视频VIP年卡', quantity: 1, orderTime: null, status: 'paid', statusText: '已支付', shopName: '星河数卡', paymentMethod: '支付宝', contact: null },
});
const B = record('b', 'https://other.example', 'ZX900', { notesText: '客服承诺三天内退款', corrections: { status: 'refunding' }, status: 'paid' });
const C = record('c', 'https://xinghe.example', '');
const ALL = [A, B, C];
const texts = new Map(ALL.map((c) => [c.id, caseSearchText(c)]));
const ids = (list: CaseRecord[]) => list.map((c) => c.id);

function deadline(caseId: string, state: StoredDeadline['state']): StoredDeadline {
  return {
    id: `${caseId}-d`,
    rule: 'r',
    orderNo: null,
    dueAt: '',
    dueAtMs: 0,
    approximate: false,
    action: { zh: '', en: '' },
    basis: { kind: 'law', zh: '', en: '' },
    state,
    snoozedUntilMs: null,
    caseId,
    caseTitle: '',
  };
}

describe('case search', () => {
  it('finds by shop, order number, item, facts and notes; every word must match; case-insensitive', () => {
    expect(ids(filterCases(ALL, { ...NO_FILTER, query: 'k8qw2m' }, texts, new Set()))).toEqual(['a']);
    expect(ids(filterCases(ALL, { ...NO_FILTER, query: '腾讯视频' }, texts, new Set()))).toEqual(['a']);
    expect(ids(filterCases(ALL, { ...NO_FILTER, query: '星河数卡 支付宝' }, texts, new Set()))).toEqual(['a']);
    expect(ids(filterCases(ALL, { ...NO_FILTER, query: '三天内退款' }, texts, new Set()))).toEqual(['b']);
    expect(ids(filterCases(ALL, { ...NO_FILTER, query: 'xinghe' }, texts, new Set()))).toEqual(['a', 'c']);
    expect(ids(filterCases(ALL, { ...NO_FILTER, query: 'xinghe 退款' }, texts, new Set()))).toEqual([]);
    expect(ids(filterCases(ALL, NO_FILTER, texts, new Set()))).toEqual(['a', 'b', 'c']);
  });

  it('filters by shop, by the corrected status and by deadlines due soon', () => {
    expect(ids(filterCases(ALL, { ...NO_FILTER, shop: 'https://xinghe.example' }, texts, new Set()))).toEqual(['a', 'c']);
    expect(ids(filterCases(ALL, { ...NO_FILTER, status: 'refunding' }, texts, new Set()))).toEqual(['b']);
    expect(ids(filterCases(ALL, { ...NO_FILTER, status: 'paid' }, texts, new Set()))).toEqual(['a']);
    expect(ids(filterCases(ALL, { ...NO_FILTER, status: 'none' }, texts, new Set()))).toEqual(['c']);
    const due = dueSoonCaseIds([deadline('a', 'upcoming'), deadline('b', 'overdue'), deadline('c', 'dismissed')]);
    expect(ids(filterCases(ALL, { ...NO_FILTER, dueSoon: true }, texts, due))).toEqual(['b']);
  });
});
