/**
 * @module Leaving a shop and after the refund (src/membership), as two components: the shop's checklists,
 * licence and exit actions for the cases page, and the current page's auto-renew notice plus 「先全部取证」 for
 * the popup. Captured text (quotes, URLs, licence) is rendered as React text only.
 */
import { useEffect, useState, type ReactNode } from 'react';
import { browser } from 'wxt/browser';
import * as z from 'zod';
import { checklistInputFor, type ShopCase } from '@/src/membership/events';
import { shopChecklists, type ChecklistItem, type ChecklistItemId, type ItemSource, type ShopChecklists } from '@/src/membership/checklist';
import { MembershipReadingSchema } from '@/src/membership/page-reading';
import { licenceOf, type ShopLicence } from '@/src/membership/shop-licence';
import { messenger } from '@/src/messaging/protocol';
import type { SaveHistoryOutcome, TabState } from '@/src/messaging/schemas';
import { getDb } from '@/src/store/db';
import { caseEvents } from '@/src/store/repo';
import type { MessageKey } from '@/src/ui/i18n';
import { useT } from '@/src/ui/language';

const ITEM_LABEL: Record<ChecklistItemId, MessageKey> = {
  'history-saved': 'msItem_history_saved',
  'no-unfinished-order': 'msItem_no_unfinished_order',
  'no-pending-refund': 'msItem_no_pending_refund',
  'zero-balance': 'msItem_zero_balance',
  'no-unexpired-benefits': 'msItem_no_unexpired_benefits',
  'refund-arrival-proof': 'msItem_refund_arrival_proof',
  'non-member-shown': 'msItem_non_member_shown',
  'auto-renew-off': 'msItem_auto_renew_off',
};

const SOURCE_LABEL: Record<Exclude<ItemSource, null>, MessageKey> = {
  captured: 'msSource_captured',
  seen: 'msSource_seen',
  orders: 'msSource_orders',
  user: 'msSource_user',
};

/** Everything the shop panel shows, read from the database. */
interface ShopView {
  checklists: ShopChecklists;
  licence: ShopLicence | null;
  /** Where ticks and exit actions are recorded: the shop's case without an order, else the case shown. */
  targetCaseId: string;
}

async function loadShopView(shopOrigin: string, caseId: string): Promise<ShopView> {
  const db = getDb();
  const records = await db.cases.where('shopOrigin').equals(shopOrigin).toArray();
  const shopCases: ShopCase[] = [];
  for (const record of records) {
    shopCases.push({ record, events: await caseEvents(db, record.id) });
  }
  const live = records.filter((r) => !r.deleted && r.mergedInto === null);
  return {
    checklists: shopChecklists(checklistInputFor(shopCases, new Date())),
    licence: live.map((r) => licenceOf(r.extras)).find((l) => l !== null) ?? null,
    targetCaseId: live.find((r) => r.orderNo === '')?.id ?? caseId,
  };
}

/** The shop's before-exit and after-refund checklists, its licence, and the exit actions (cases page). */
export function ShopMembershipPanel({ shopOrigin, caseId }: { shopOrigin: string; caseId: string }): ReactNode {
  const { t } = useT();
  const [view, setView] = useState<ShopView | null>(null);
  const [version, setVersion] = useState(0);
  useEffect(() => {
    void loadShopView(shopOrigin, caseId).then(setView);
  }, [shopOrigin, caseId, version]);
  if (view === null) {
    return null;
  }
  const record = async (request: Parameters<typeof messenger.sendMessage<'recordCaseEvent'>>[1]): Promise<void> => {
    await messenger.sendMessage('recordCaseEvent', request);
    setVersion((v) => v + 1);
  };
  const tick = (item: ChecklistItem): void => {
    void record({ caseId: view.targetCaseId, type: 'membership-check-ticked', data: { item: item.id, checked: item.source !== 'user' } });
  };
  const action = (type: 'exit-applied' | 'exit-completed'): void => {
    void record({ caseId: view.targetCaseId, type: 'action-recorded', data: { type, at: new Date().toISOString(), channel: null } });
  };
  return (
    <section className="card" data-testid="membership-panel" aria-labelledby="membership-heading">
      <h3 id="membership-heading" style={{ marginTop: 0 }}>
        {t('msTitle')}
      </h3>
      <h4>{t('msBeforeExit')}</h4>
      <Checklist items={view.checklists.beforeExit} onTick={tick} />
      <p className={view.checklists.readyToExit ? 'ok' : 'muted'} data-testid="membership-ready">
        {view.checklists.readyToExit ? t('msReadyToExit') : t('msNotReady')}
      </p>
      <div style={{ display: 'flex', gap: 8, flexWrap: 'wrap' }}>
        <button type="button" data-testid="action-exit-applied" onClick={() => action('exit-applied')}>
          {t('msExitApplied')}
        </button>
        <button type="button" data-testid="action-exit-completed" onClick={() => action('exit-completed')}>
          {t('msExitCompleted')}
        </button>
      </div>
      <h4>{t('msAfterRefund')}</h4>
      {view.checklists.autoRenewOn ? (
        <p className="error" role="alert" data-testid="membership-auto-renew-on">
          {t('msAutoRenewOn')}
        </p>
      ) : null}
      <Checklist items={view.checklists.afterRefund} onTick={tick} />
      <h4>{t('msLicence')}</h4>
      {view.licence === null ? (
        <p className="muted" data-testid="membership-licence-missing">
          {t('msLicenceMissing')}
        </p>
      ) : (
        <dl data-testid="membership-licence">
          <dt>{t('msCompany')}</dt>
          <dd>{view.licence.companyName ?? '—'}</dd>
          <dt>{t('msCreditCode')}</dt>
          <dd>{view.licence.creditCode ?? '—'}</dd>
          <dt>{t('msIcp')}</dt>
          <dd>{view.licence.icp ?? '—'}</dd>
        </dl>
      )}
      <p className="muted" style={{ fontSize: 12 }}>
        {t('msDeletionDraft')}
      </p>
    </section>
  );
}

function Checklist({ items, onTick }: { items: readonly ChecklistItem[]; onTick: (item: ChecklistItem) => void }): ReactNode {
  const { t } = useT();
  return (
    <ul style={{ listStyle: 'none', padding: 0, margin: 0 }}>
      {items.map((item) => (
        <li key={item.id} data-testid="membership-item" data-item={item.id} data-state={item.state} data-source={item.source ?? ''} style={{ margin: '4px 0' }}>
          <label>
            <input type="checkbox" checked={item.state === 'done'} onChange={() => onTick(item)} /> {t(ITEM_LABEL[item.id])}
          </label>
          <div className="muted" style={{ fontSize: 12, marginLeft: 22 }}>
            {item.source === null ? (item.state === 'unknown' ? t('msUnknown') : '') : t(SOURCE_LABEL[item.source])}
            {item.detail !== null ? ` · ${item.detail}` : ''}
            {item.conflict ? <span className="error"> · {t('msConflict')}</span> : null}
          </div>
        </li>
      ))}
    </ul>
  );
}

const TabReadingSchema = z.object({ url: z.string(), reading: MembershipReadingSchema });

/** Only http(s) addresses become links (they come from the page's origin via the content script). */
function isWebUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

/** The popup's part: this page's auto-renew notice and 「先全部取证」 (order history page by page). */
export function PopupMembership({ tab }: { tab: TabState }): ReactNode {
  const { t } = useT();
  const [reading, setReading] = useState<z.infer<typeof TabReadingSchema> | null>(null);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<SaveHistoryOutcome | null>(null);
  const [knownShop, setKnownShop] = useState(false);
  useEffect(() => {
    // Only shops 留证 already holds a case of get the section: an ordinary site's popup stays as it was.
    const origin = URL.canParse(tab.url) ? new URL(tab.url).origin : '';
    void getDb()
      .cases.where('shopOrigin')
      .equals(origin)
      .count()
      .then((n) => setKnownShop(n > 0));
    const key = `tab-membership:${tab.tabId}`;
    void browser.storage.session.get(key).then((stored: Record<string, unknown>) => {
      const parsed = TabReadingSchema.safeParse(stored[key]);
      setReading(parsed.success && parsed.data.url === tab.url ? parsed.data : null);
    });
  }, [tab.tabId, tab.url]);
  const save = async (): Promise<void> => {
    setBusy(true);
    setOutcome(null);
    try {
      setOutcome(await messenger.sendMessage('saveOrderHistory', { tabId: tab.tabId }));
    } catch (error) {
      setOutcome({ ok: false, system: null, pages: [], stoppedBecause: 'error', guidance: null, entryUrls: [], error: error instanceof Error ? error.message : String(error) });
    } finally {
      setBusy(false);
    }
  };
  const autoRenew = reading?.reading.autoRenew ?? 'none';
  if (!knownShop && autoRenew === 'none' && tab.caseIds.length === 0) {
    return null;
  }
  return (
    <section className="card" data-testid="popup-membership">
      {autoRenew === 'on' ? (
        <p className="error" role="alert" data-testid="auto-renew-on">
          {t('msAutoRenewOn')}
          {reading?.reading.autoRenewQuotes[0] !== undefined ? <q style={{ display: 'block' }}>{reading.reading.autoRenewQuotes[0]}</q> : null}
        </p>
      ) : null}
      {autoRenew === 'off' ? (
        <p className="ok" data-testid="auto-renew-off">
          {t('msAutoRenewOff')}
        </p>
      ) : null}
      <button type="button" disabled={busy || !tab.capturable} onClick={() => void save()} data-testid="save-history-button">
        {busy ? t('msSavingHistory') : t('msSaveHistory')}
      </button>
      {outcome !== null ? <HistoryOutcome outcome={outcome} /> : null}
    </section>
  );
}

function HistoryOutcome({ outcome }: { outcome: SaveHistoryOutcome }): ReactNode {
  const { t } = useT();
  const captured = outcome.pages.filter((p) => p.ok).length;
  if (outcome.stoppedBecause === 'not-history') {
    return (
      <div data-testid="history-outcome" data-stopped="not-history">
        <p>{t('msHistoryGuide')}</p>
        {outcome.guidance !== null ? <p>{outcome.guidance}</p> : null}
        {outcome.entryUrls.filter(isWebUrl).map((url) => (
          <div key={url}>
            {t('msOpenPage')}{' '}
            <a href={url} target="_blank" rel="noreferrer">
              {url}
            </a>
          </div>
        ))}
      </div>
    );
  }
  return (
    <div role={outcome.ok ? 'status' : 'alert'} data-testid="history-outcome" data-stopped={outcome.stoppedBecause} data-pages={captured}>
      <p className={outcome.ok ? 'ok' : 'error'}>{outcome.ok ? t('msHistorySaved', { n: captured }) : t('msHistoryIncomplete', { n: captured, reason: outcome.error ?? outcome.stoppedBecause })}</p>
      {outcome.guidance !== null ? <p className="muted">{outcome.guidance}</p> : null}
    </div>
  );
}
