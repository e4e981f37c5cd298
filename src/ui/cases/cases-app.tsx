/**
 * @module The full-tab cases page: the searchable, filterable list of active cases (merged and deleted ones
 * are hidden) and the selected case (case-view.tsx). Components live beside this file.
 */
import { startTransition, useCallback, useEffect, useLayoutEffect, useMemo, useState, type ReactNode } from 'react';
import { browser } from 'wxt/browser';
import { dueSoonCaseIds, NO_FILTER, type CaseFilter } from '@/src/cases/case-search';
import { readStoredDeadlines } from '@/src/cases/stored-deadlines';
import { messenger } from '@/src/messaging/protocol';
import { getDb } from '@/src/store/db';
import type { CaseRecord } from '@/src/store/records';
import { listCases } from '@/src/store/repo';
import { isActiveCase } from '@/src/store/workspace-repo';
import { CaseList } from '@/src/ui/cases/case-list';
import { CaseView } from '@/src/ui/cases/case-view';
import { useT } from '@/src/ui/language';
import { LanguagePicker, OptionsLink } from '@/src/ui/page-tools';

/** The cases page. */
export function CasesApp(): ReactNode {
  const { t, language } = useT();
  const [cases, setCases] = useState<CaseRecord[] | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const [filter, setFilter] = useState<CaseFilter>(NO_FILTER);
  const [dueSoon, setDueSoon] = useState<ReadonlySet<string>>(new Set());

  const load = useCallback(async (select: string | null): Promise<void> => {
    const list = (await listCases(getDb())).filter(isActiveCase);
    // Bench marks (case list at scale): start → cases read → list rendered.
    performance.mark('case-list-loaded');
    setCases(list);
    // The list first, the selected case's view in a following render: the list shows as soon as it can.
    startTransition(() => setSelected(select !== null && list.some((c) => c.id === select) ? select : (list[0]?.id ?? null)));
    // Deadlines come from storage.local after the list is shown: they never hold the list back.
    void readStoredDeadlines().then((all) => setDueSoon(dueSoonCaseIds(all)));
  }, []);

  useEffect(() => {
    // Marks for the bench (case list at scale): the query starts once the database is open (opening it is the
    // same for every page and every store size, and overlaps React's first render) → list rendered.
    void getDb()
      .open()
      .then(() => {
        performance.mark('case-list-start');
        return load(location.hash.slice(1));
      });
  }, [load]);
  // A layout effect runs as soon as React has put the list into the page, before any later render (the case view).
  useLayoutEffect(() => {
    if (cases !== null) {
      performance.mark('case-list-rendered');
    }
  }, [cases]);

  const onCasesChanged = useCallback(
    (select: string | null): void => {
      void load(select).then(() => messenger.sendMessage('casesChanged', { caseIds: select === null ? [] : [select] }).then(() => readStoredDeadlines()).then((all) => setDueSoon(dueSoonCaseIds(all))));
    },
    [load],
  );

  // One formatter for the whole list: Date#toLocaleString builds a new one per call (slow over hundreds of cases).
  const formatTime = useMemo(() => new Intl.DateTimeFormat(language, { dateStyle: 'short', timeStyle: 'short' }), [language]);
  const current = cases?.find((c) => c.id === selected) ?? null;
  return (
    <div className="cases">
      <nav aria-label={t('casesTitle')}>
        <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, justifyContent: 'space-between', alignItems: 'baseline' }}>
          <h1 style={{ fontSize: 20 }}>{t('casesTitle')}</h1>
          <span className="page-tools">
            <LanguagePicker />
            <OptionsLink />
            <a href={browser.runtime.getURL('/backup.html')} target="_blank" rel="noreferrer" data-testid="open-backup">
              {t('backupTitle')}
            </a>
          </span>
        </div>
        {cases !== null && cases.length === 0 ? <p className="muted">{t('casesEmpty')}</p> : null}
        {cases !== null && cases.length > 0 ? (
          <CaseList cases={cases} filter={filter} onFilter={setFilter} dueSoon={dueSoon} selected={selected} onSelect={setSelected} formatTime={formatTime} />
        ) : null}
      </nav>
      <main>
        {current !== null ? <CaseView key={current.id} record={current} otherCases={(cases ?? []).filter((c) => c.id !== current.id)} onCasesChanged={onCasesChanged} /> : null}
      </main>
    </div>
  );
}
