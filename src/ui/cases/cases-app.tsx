/**
 * @module The full-tab cases page: every stored case, its captures (thumbnails, hashes, text shown as
 * text) and its event log with a live check of the hash chain.
 */
import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { getDb } from '@/src/store/db';
import { caseEvents, listCases } from '@/src/store/repo';
import type { CaptureRecord, CaseRecord, EventRecord } from '@/src/store/records';
import { verifyEventChain, type ChainFailure } from '@/src/store/chain';
import { CaptureThumb } from '@/src/ui/capture-thumb';
import { useT } from '@/src/ui/language';
import { useBlobText } from '@/src/ui/use-blob-url';
import { browser } from 'wxt/browser';
import { CASE_ACTIONS } from '@/src/cases/reminder-input';
import { readStoredDeadlines, type StoredDeadline } from '@/src/cases/stored-deadlines';
import { messenger } from '@/src/messaging/protocol';
import type { ChatMessageRecord } from '@/src/store/records';
import { DeadlineList } from '@/src/ui/deadline-list';
import type { MessageKey } from '@/src/ui/i18n';
import { OrderFactsPanel } from '@/src/ui/order-facts';
import { Transcript } from '@/src/ui/transcript';
import { evidenceTime } from '@/src/shared/time';
import { moveChat } from '@/src/store/chat-repo';

const ACTION_LABEL: Record<(typeof CASE_ACTIONS)[number], MessageKey> = {
  'refund-requested': 'action_refund_requested',
  'refund-approved': 'action_refund_approved',
  'refund-received': 'action_refund_received',
  'complaint-12315-filed': 'action_complaint_12315_filed',
  'complaint-wechat-filed': 'action_complaint_wechat_filed',
  'complaint-alipay-filed': 'action_complaint_alipay_filed',
  delivered: 'action_delivered',
  'case-closed': 'action_case_closed',
};

/** The cases page. */
export function CasesApp(): ReactNode {
  const { t, language, setLanguage } = useT();
  const [cases, setCases] = useState<CaseRecord[] | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  useEffect(() => {
    // Marks for the bench (case list at scale): query start → list rendered.
    performance.mark('case-list-start');
    void listCases(getDb()).then((list) => {
      setCases(list);
      const fromHash = location.hash.slice(1);
      setSelected(list.some((c) => c.id === fromHash) ? fromHash : (list[0]?.id ?? null));
    });
  }, []);
  useEffect(() => {
    if (cases !== null) {
      performance.mark('case-list-rendered');
    }
  }, [cases]);
  // One formatter for the whole list: Date#toLocaleString builds a new one per call (slow over hundreds of cases).
  const formatTime = useMemo(() => new Intl.DateTimeFormat(language, { dateStyle: 'short', timeStyle: 'short' }), [language]);
  const current = cases?.find((c) => c.id === selected) ?? null;
  return (
    <div className="cases">
      <nav aria-label={t('casesTitle')}>
        <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'baseline' }}>
          <h1 style={{ fontSize: 20 }}>{t('casesTitle')}</h1>
          <button type="button" className="link-button" onClick={() => setLanguage(language === 'zh-CN' ? 'en' : 'zh-CN')}>
            {t('language')}
          </button>
        </div>
        {cases !== null && cases.length === 0 ? <p className="muted">{t('casesEmpty')}</p> : null}
        <ul style={{ listStyle: 'none', padding: 0, margin: 0 }} data-testid="case-list">
          {cases?.map((c) => (
            <li key={c.id}>
              <button type="button" className="case-item" aria-current={c.id === selected} onClick={() => setSelected(c.id)} data-testid="case-item">
                <div style={{ fontWeight: 600 }}>{c.title}</div>
                <div className="muted">{c.orderNo === '' ? t('noOrder') : `${t('orderNo')} ${c.orderNo}`}</div>
                <div className="muted" style={{ fontSize: 12 }}>
                  {t('updated')} {formatTime.format(c.updatedAtMs)}
                </div>
              </button>
            </li>
          ))}
        </ul>
      </nav>
      <main>{current !== null ? <CaseView key={current.id} record={current} otherCases={(cases ?? []).filter((c) => c.id !== current.id && c.shopOrigin === current.shopOrigin)} /> : null}</main>
    </div>
  );
}

function CaseView({ record, otherCases }: { record: CaseRecord; otherCases: CaseRecord[] }): ReactNode {
  const { t, language } = useT();
  const [captures, setCaptures] = useState<CaptureRecord[]>([]);
  const [events, setEvents] = useState<EventRecord[]>([]);
  const [messages, setMessages] = useState<ChatMessageRecord[]>([]);
  const [deadlines, setDeadlines] = useState<StoredDeadline[]>([]);
  const [failures, setFailures] = useState<ChainFailure[] | null>(null);
  const [version, setVersion] = useState(0);
  const [policyDays, setPolicyDays] = useState('');
  useEffect(() => {
    const db = getDb();
    void db.captures.where('caseId').equals(record.id).sortBy('capturedAtMs').then((list) => setCaptures(list.reverse()));
    void db.messages.where('caseId').equals(record.id).toArray().then(setMessages);
    void readStoredDeadlines().then((all) => setDeadlines(all.filter((d) => d.caseId === record.id)));
    void caseEvents(db, record.id).then(async (list) => {
      setEvents(list);
      setFailures(await verifyEventChain(list));
    });
  }, [record.id, version]);

  async function recordEvent(request: Parameters<typeof messenger.sendMessage<'recordCaseEvent'>>[1]): Promise<void> {
    await messenger.sendMessage('recordCaseEvent', request);
    setVersion((v) => v + 1);
  }

  const batches = new Map<string, CaptureRecord[]>();
  for (const capture of captures) {
    batches.set(capture.batchId, [...(batches.get(capture.batchId) ?? []), capture]);
  }
  return (
    <article>
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'baseline', gap: 12 }}>
        <h2>{record.title}</h2>
        <button
          type="button"
          className="primary"
          style={{ width: 'auto' }}
          data-testid="export-button"
          onClick={() => void browser.tabs.create({ url: browser.runtime.getURL(`/export.html?cases=${encodeURIComponent(record.id)}&lang=${language}`) })}
        >
          {t('exportPack')}
        </button>
      </div>
      <p className="muted">
        {t('shop')}: {record.shopOrigin} · {record.orderNo === '' ? t('noOrder') : `${t('orderNo')} ${record.orderNo}`}
      </p>
      {failures !== null ? (
        <p className={failures.length === 0 ? 'ok' : 'error'} data-testid="chain-status">
          {failures.length === 0 ? t('chainOk', { n: events.length }) : `${t('chainBroken')}${failures.map((f) => `#${f.seq} ${f.problem}`).join(', ')}`}
        </p>
      ) : null}
      {record.order !== null ? <OrderFactsPanel key={version} caseIds={[record.id]} /> : null}
      {record.order !== null ? (
        <section>
          <h3>{t('deadlines')}</h3>
          <DeadlineList
            deadlines={deadlines}
            onDismiss={(d) => void recordEvent({ caseId: record.id, type: 'reminder-dismissed', data: { deadlineId: d.id } })}
            onSnooze={(d) => void recordEvent({ caseId: record.id, type: 'reminder-snoozed', data: { deadlineId: d.id, until: new Date(Date.now() + 86_400_000).toISOString() } })}
          />
          <h3>{t('recordAction')}</h3>
          <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8 }}>
            {CASE_ACTIONS.map((action) => (
              <button key={action} type="button" data-testid={`action-${action}`} onClick={() => void recordEvent({ caseId: record.id, type: 'action-recorded', data: { type: action, at: new Date().toISOString(), channel: null } })}>
                {t(ACTION_LABEL[action])}
              </button>
            ))}
          </div>
          <p>
            <label>
              {t('shopPolicy')}{' '}
              <input type="number" min={0} max={365} value={policyDays} onChange={(e) => setPolicyDays(e.target.value)} style={{ width: 64 }} />
            </label>{' '}
            <button
              type="button"
              disabled={policyDays === '' || !Number.isFinite(Number(policyDays))}
              onClick={() => void recordEvent({ caseId: record.id, type: 'policy-changed', data: { shopRefundDays: Number(policyDays), shopRefundWorkingDays: false, shopRefundQuote: null } })}
            >
              {t('savePolicy')}
            </button>
          </p>
        </section>
      ) : null}
      <h3>{t('chats')}</h3>
      <Transcript
        messages={messages}
        moveTargets={otherCases.map((c) => ({ id: c.id, title: c.title }))}
        onMove={(chatKey, caseId) => void moveChat(getDb(), chatKey, caseId, evidenceTime()).then(() => setVersion((v) => v + 1))}
      />
      <h3>{t('captures')}</h3>
      {[...batches.entries()].map(([batchId, items]) => (
        <section key={batchId} className="batch" data-testid="case-batch">
          <div className="muted">
            {t('capturedAt')} <time dateTime={items[0]?.capturedAt}>{items[0]?.capturedAt}</time> ({items[0]?.timeZone}) · {items[0]?.sourceUrl}
          </div>
          <div className="batch-items">
            {items.map((item) => (
              <CaptureItem key={item.id} item={item} />
            ))}
          </div>
        </section>
      ))}
      <h3>{t('events')}</h3>
      <table className="events">
        <thead>
          <tr>
            <th>#</th>
            <th>type</th>
            <th>time</th>
            <th>{t('hash')}</th>
          </tr>
        </thead>
        <tbody>
          {events.map((e) => (
            <tr key={e.seq}>
              <td>{e.seq}</td>
              <td>{e.type}</td>
              <td>{e.at}</td>
              <td className="hash">{e.hash}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </article>
  );
}

function CaptureItem({ item }: { item: CaptureRecord }): ReactNode {
  const { t } = useT();
  const [open, setOpen] = useState(false);
  const isImage = item.mime === 'image/png';
  return (
    <div className="card" data-testid="capture-item" data-kind={item.kind}>
      <div style={{ fontWeight: 600 }}>{t(`kind_${item.kind}`)}</div>
      {item.frameUrl !== null ? (
        <div className="muted" style={{ fontSize: 12, wordBreak: 'break-all' }}>
          {t('frame')}: {item.frameUrl}
        </div>
      ) : null}
      {isImage ? <CaptureThumb sha256={item.sha256} alt={`${t(`kind_${item.kind}`)} · ${item.title}`} linkLabel={t('openFull')} /> : null}
      <div className="muted" style={{ fontSize: 12 }}>
        {item.bytes.toLocaleString()} {t('bytes')}
        {item.note !== null ? ` · ${item.note}` : ''}
      </div>
      <div className="hash">
        {t('hash')} {item.sha256}
      </div>
      {!isImage ? (
        <button type="button" className="link-button" aria-expanded={open} onClick={() => setOpen(!open)}>
          {open ? t('hideText') : item.kind === 'html' ? t('htmlAsText') : t('showText')}
        </button>
      ) : null}
      {open ? <CapturedText sha256={item.sha256} /> : null}
    </div>
  );
}

/** Captured text or HTML rendered strictly as text: React escapes it, nothing is parsed or run. */
function CapturedText({ sha256 }: { sha256: string }): ReactNode {
  const text = useBlobText(sha256);
  return <pre className="captured-text">{text ?? '…'}</pre>;
}
