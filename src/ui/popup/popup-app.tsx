/**
 * @module The toolbar popup: the current tab's state, the 「取证」 button with progress, the latest
 * captures and the way to the cases page.
 */
import { useEffect, useState, type ReactNode } from 'react';
import { browser } from 'wxt/browser';
import { messenger } from '@/src/messaging/protocol';
import { CaptureProgressSchema, type CaptureOutcome, type CaptureStep, type TabState } from '@/src/messaging/schemas';
import { isMessageKey, type MessageKey } from '@/src/ui/i18n';
import { useT } from '@/src/ui/language';
import { OrderFactsPanel } from '@/src/ui/order-facts';
import { PopupMembership } from '@/src/ui/membership/membership-panel';
import { RecentCaptures } from '@/src/ui/popup/recent-captures';
import { TabTranscript } from '@/src/ui/popup/tab-transcript';
import { ManualCapture } from '@/src/ui/popup/manual-capture';
import { readStoredDeadlines, type StoredDeadline } from '@/src/cases/stored-deadlines';
import { DeadlineList } from '@/src/ui/deadline-list';
import { LanguagePicker, OptionsLink } from '@/src/ui/page-tools';
import { SitePause } from '@/src/ui/popup/site-pause';

const STEP_LABEL: Record<CaptureStep, MessageKey> = {
  visible: 'stepVisible',
  text: 'stepText',
  fullpage: 'stepFullpage',
  hash: 'stepHash',
  store: 'stepStore',
  done: 'stepDone',
};

/**
 * The tab the popup acts on: `?tabId=` when the popup was opened for a specific tab (as a window or by
 * tests), otherwise the active tab of the current window.
 */
async function targetTabId(): Promise<number | null> {
  const fromQuery = Number(new URLSearchParams(location.search).get('tabId'));
  if (Number.isInteger(fromQuery) && fromQuery > 0) {
    return fromQuery;
  }
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab?.id ?? null;
}

/** The popup page. */
export function PopupApp(): ReactNode {
  const { t } = useT();
  const [tab, setTab] = useState<TabState | null>(null);
  const [busy, setBusy] = useState(false);
  const [progress, setProgress] = useState<{ step: CaptureStep; done: number; total: number } | null>(null);
  const [outcome, setOutcome] = useState<CaptureOutcome | null>(null);
  const [refreshKey, setRefreshKey] = useState(0);
  const [deadlines, setDeadlines] = useState<StoredDeadline[]>([]);

  useEffect(() => {
    void readStoredDeadlines().then((all) => setDeadlines(all.filter((d) => d.state !== 'dismissed' && d.state !== 'snoozed').slice(0, 3)));
    void targetTabId().then(async (tabId) => {
      if (tabId !== null) {
        setTab(await messenger.sendMessage('getTabState', { tabId }));
      }
    });
    return messenger.onMessage('captureProgress', (message) => {
      if (message.sender.id !== browser.runtime.id) {
        return;
      }
      const parsed = CaptureProgressSchema.safeParse(message.data);
      if (parsed.success) {
        setProgress(parsed.data);
      }
    });
  }, []);

  async function capture(): Promise<void> {
    if (tab === null) {
      return;
    }
    setBusy(true);
    setOutcome(null);
    setProgress(null);
    try {
      setOutcome(await messenger.sendMessage('captureTab', { tabId: tab.tabId }));
    } catch {
      // The request itself failed: the background stopped or restarted mid-capture (it stores a batch in one
      // transaction, so nothing half-done was kept). The browser's own wording means nothing to the user.
      setOutcome({ ok: false, batchId: null, caseId: null, capturedAt: null, items: [], problems: [], error: 'captureInterrupted', durationMs: 0 });
    } finally {
      setBusy(false);
      setRefreshKey((k) => k + 1);
    }
  }

  const reasonText = tab?.reason != null && isMessageKey(tab.reason) ? t(tab.reason) : tab?.reason;
  return (
    <div className="popup">
      <header>
        <h1>
          {t('appName')} <span className="muted" style={{ fontSize: 12, fontWeight: 400 }}>{t('tagline')}</span>
        </h1>
        <span className="page-tools">
          <LanguagePicker />
          <OptionsLink />
        </span>
      </header>
      <section className="card" aria-label={t('currentPage')}>
        <div style={{ fontWeight: 600, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }} data-testid="tab-title">
          {tab?.title ?? '…'}
        </div>
        <div className="hash">{tab?.url}</div>
        {tab !== null && !tab.capturable ? (
          <p className="error" role="alert" data-testid="uncapturable">
            {reasonText}
          </p>
        ) : null}
        {tab !== null ? <SitePause pageUrl={tab.url} /> : null}
      </section>
      {tab !== null && tab.caseIds.length > 0 ? <OrderFactsPanel caseIds={tab.caseIds} /> : null}
      <button type="button" className="primary" disabled={busy || tab === null || !tab.capturable} onClick={() => void capture()} data-testid="capture-button">
        {busy ? t('capturing') : t('capture')}
      </button>
      <div className="muted" style={{ fontSize: 12 }}>{t('shortcutHint')}</div>
      {busy && progress !== null ? (
        <div aria-live="polite">
          <progress max={progress.total} value={progress.done} aria-label={t(STEP_LABEL[progress.step])} />
          <div className="muted">{t(STEP_LABEL[progress.step])}</div>
        </div>
      ) : null}
      {outcome !== null ? <OutcomeView outcome={outcome} /> : null}
      {tab !== null ? (
        <ManualCapture
          tab={tab}
          onDone={() => {
            setRefreshKey((k) => k + 1);
            // Facts typed by hand attach the page to a case: show it like a recognised order.
            void messenger.sendMessage('getTabState', { tabId: tab.tabId }).then(setTab);
          }}
        />
      ) : null}
      {deadlines.length > 0 ? (
        <section className="card" aria-labelledby="deadline-heading" data-testid="popup-deadlines">
          <h2 id="deadline-heading" style={{ fontSize: 14, margin: '0 0 6px' }}>{t('deadlines')}</h2>
          <DeadlineList deadlines={deadlines} />
        </section>
      ) : null}
      {tab !== null ? <PopupMembership tab={tab} /> : null}
      {tab !== null ? <TabTranscript pageUrl={tab.url} /> : null}
      <RecentCaptures refreshKey={refreshKey} />
      <button type="button" className="link-button" onClick={() => void browser.tabs.create({ url: browser.runtime.getURL('/cases.html') })}>
        {t('openCases')}
      </button>
    </div>
  );
}

function OutcomeView({ outcome }: { outcome: CaptureOutcome }): ReactNode {
  const { t } = useT();
  if (!outcome.ok) {
    const message = outcome.error !== null && isMessageKey(outcome.error) ? t(outcome.error) : outcome.error;
    return (
      <p className="error" role="alert" data-testid="capture-outcome">
        {t('captureFailed')}
        {message}
      </p>
    );
  }
  return (
    <div role="status" data-testid="capture-outcome">
      <p className="ok" style={{ margin: 0 }}>
        {t('captureDone', { n: outcome.items.length })}
      </p>
      {outcome.problems.length > 0 ? (
        <ul className="error">
          <li>{t('captureProblems')}</li>
          {outcome.problems.map((p) => (
            <li key={p.kind}>
              {p.kind}: {p.message}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
