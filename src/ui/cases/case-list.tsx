/**
 * @module The case list with search and filters. Reads only case records (and the due-soon case ids from
 * storage.local): never captures, messages or events, so it stays fast at scale. Every control is labelled
 * and a native form element, so the list is usable from the keyboard alone.
 */
import { startTransition, useEffect, useId, useMemo, useState, type ReactNode } from 'react';
import { caseSearchText, effectiveStatus, filterCases, type CaseFilter } from '@/src/cases/case-search';
import { OrderStatusSchema, type OrderStatus } from '@/src/cases/order';
import type { CaseRecord } from '@/src/store/records';
import { useT } from '@/src/ui/language';

/** Props of {@link CaseList}. */
export interface CaseListProps {
  cases: readonly CaseRecord[];
  filter: CaseFilter;
  onFilter: (filter: CaseFilter) => void;
  dueSoon: ReadonlySet<string>;
  selected: string | null;
  onSelect: (caseId: string) => void;
  formatTime: Intl.DateTimeFormat;
}

/** Rows rendered in the first pass (more than a tall screen shows). */
const FIRST_ROWS = 30;

function isStatusFilter(value: string): value is OrderStatus | 'none' {
  return value === 'none' || OrderStatusSchema.safeParse(value).success;
}

/** Search box, filters and the filtered list. */
export function CaseList({ cases, filter, onFilter, dueSoon, selected, onSelect, formatTime }: CaseListProps): ReactNode {
  const { t } = useT();
  const searchId = useId();
  // One lower-cased text per case, rebuilt only when the cases change (not per keystroke).
  const texts = useMemo(() => new Map(cases.map((c) => [c.id, caseSearchText(c)])), [cases]);
  const shops = useMemo(() => [...new Set(cases.map((c) => c.shopOrigin))].sort(), [cases]);
  const shown = useMemo(() => filterCases(cases, filter, texts, dueSoon), [cases, filter, texts, dueSoon]);
  // The first screenful renders at once, the rest right after as a transition: with hundreds of cases the list
  // appears in one frame instead of waiting for rows nobody can see yet.
  const [rowLimit, setRowLimit] = useState(FIRST_ROWS);
  useEffect(() => {
    if (rowLimit < Number.POSITIVE_INFINITY) {
      startTransition(() => setRowLimit(Number.POSITIVE_INFINITY));
    }
  }, [rowLimit]);
  const rows = shown.length > rowLimit ? shown.slice(0, rowLimit) : shown;
  return (
    <>
      <div role="search" className="case-filters" aria-label={t('searchCases')}>
        <label htmlFor={searchId} className="visually-hidden">
          {t('searchCases')}
        </label>
        <input id={searchId} type="search" value={filter.query} placeholder={t('searchPlaceholder')} onChange={(e) => onFilter({ ...filter, query: e.target.value })} data-testid="case-search" />
        <label>
          <span className="visually-hidden">{t('shop')}</span>
          <select value={filter.shop ?? ''} onChange={(e) => onFilter({ ...filter, shop: e.target.value === '' ? null : e.target.value })} data-testid="filter-shop">
            <option value="">{t('filterAllShops')}</option>
            {shops.map((s) => (
              <option key={s} value={s}>
                {new URL(s).host}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span className="visually-hidden">{t('field_status')}</span>
          <select
            value={filter.status ?? ''}
            onChange={(e) => onFilter({ ...filter, status: isStatusFilter(e.target.value) ? e.target.value : null })}
            data-testid="filter-status"
          >
            <option value="">{t('filterAllStatuses')}</option>
            {OrderStatusSchema.options.map((s) => (
              <option key={s} value={s}>
                {t(`status_${s}`)}
              </option>
            ))}
            <option value="none">{t('statusNone')}</option>
          </select>
        </label>
        <label className="filter-check">
          <input type="checkbox" checked={filter.dueSoon} onChange={(e) => onFilter({ ...filter, dueSoon: e.target.checked })} data-testid="filter-due-soon" /> {t('filterDueSoon')}
        </label>
      </div>
      <p className="muted" role="status" style={{ fontSize: 12 }} data-testid="cases-shown">
        {shown.length === 0 && cases.length > 0 ? t('noMatches') : t('casesShown', { n: shown.length, total: cases.length })}
      </p>
      <ul style={{ listStyle: 'none', padding: 0, margin: 0 }} data-testid="case-list">
        {rows.map((c) => {
          const status = effectiveStatus(c);
          return (
            <li key={c.id}>
              <button type="button" className="case-item" aria-current={c.id === selected} onClick={() => onSelect(c.id)} data-testid="case-item" data-case-id={c.id}>
                <div style={{ fontWeight: 600 }}>{c.title}</div>
                <div className="muted">
                  {c.orderNo === '' ? t('noOrder') : `${t('orderNo')} ${c.orderNo}`}
                  {status !== null && isStatusFilter(status) && status !== 'none' ? ` · ${t(`status_${status}`)}` : ''}
                  {dueSoon.has(c.id) ? ` · ${t('filterDueSoon')}` : ''}
                </div>
                <div className="muted" style={{ fontSize: 12 }}>
                  {t('updated')} {formatTime.format(c.updatedAtMs)}
                </div>
              </button>
            </li>
          );
        })}
      </ul>
    </>
  );
}
