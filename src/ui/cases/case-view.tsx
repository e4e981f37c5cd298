/**
 * @module One case: order facts (marked when typed by hand), status history, deadlines and actions, notes,
 * the user's files, chat transcripts, the capture timeline, merge/split/delete and the event log with a live
 * check of the hash chain.
 */
import { useEffect, useState, type ReactNode } from 'react';
import { browser } from 'wxt/browser';
import { readStoredDeadlines, type StoredDeadline } from '@/src/cases/stored-deadlines';
import { messenger } from '@/src/messaging/protocol';
import type { RecordCaseEventRequest } from '@/src/messaging/schemas';
import { evidenceTime } from '@/src/shared/time';
import { verifyEventChain, type ChainFailure } from '@/src/store/chain';
import { messagesOfCase, moveChat } from '@/src/store/chat-repo';
import { getDb } from '@/src/store/db';
import type { CaptureRecord, CaseRecord, ChatMessageRecord, EventRecord } from '@/src/store/records';
import { caseCaptures, caseEvents } from '@/src/store/repo';
import { isActiveCase } from '@/src/store/workspace-repo';
import { CaptureTimeline } from '@/src/ui/cases/capture-timeline';
import { CaseActions } from '@/src/ui/cases/case-actions';
import { CaseFiles } from '@/src/ui/cases/case-files';
import { CaseManage } from '@/src/ui/cases/case-manage';
import { CaseNotes } from '@/src/ui/cases/case-notes';
import { StatusHistory } from '@/src/ui/cases/status-history';
import { useT } from '@/src/ui/language';
import { ShopMembershipPanel } from '@/src/ui/membership/membership-panel';
import { OrderFactsPanel } from '@/src/ui/order-facts';
import { Transcript } from '@/src/ui/transcript';

/** Props of {@link CaseView}. */
export interface CaseViewProps {
  record: CaseRecord;
  /** The other active cases (merge targets; same-shop ones are chat move targets). */
  otherCases: readonly CaseRecord[];
  /** After a merge, split or delete: reload the list and show `select` (null = the first case). */
  onCasesChanged: (select: string | null) => void;
}

/** The case page. */
export function CaseView({ record, otherCases, onCasesChanged }: CaseViewProps): ReactNode {
  const { t, language } = useT();
  const [captures, setCaptures] = useState<CaptureRecord[]>([]);
  const [events, setEvents] = useState<EventRecord[]>([]);
  const [messages, setMessages] = useState<ChatMessageRecord[]>([]);
  const [deadlines, setDeadlines] = useState<StoredDeadline[]>([]);
  const [failures, setFailures] = useState<ChainFailure[] | null>(null);
  const [version, setVersion] = useState(0);
  useEffect(() => {
    const db = getDb();
    void caseCaptures(db, record.id).then((list) => setCaptures(list.reverse()));
    void messagesOfCase(db, record.id).toArray().then(setMessages);
    void readStoredDeadlines().then((all) => setDeadlines(all.filter((d) => d.caseId === record.id)));
    void caseEvents(db, record.id).then(async (list) => {
      setEvents(list);
      setFailures(await verifyEventChain(list));
    });
  }, [record.id, version]);

  const refresh = (): void => setVersion((v) => v + 1);
  function recordEvent(request: RecordCaseEventRequest): void {
    void messenger.sendMessage('recordCaseEvent', request).then(refresh);
  }
  const readOnly = !isActiveCase(record);
  const enteredByHand = events.some((e) => e.type === 'order-entered');
  const sameShop = otherCases.filter((c) => c.shopOrigin === record.shopOrigin);

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
      {enteredByHand ? (
        <p className="notice" data-testid="entered-by-hand">
          {t('enteredByHand')}
        </p>
      ) : null}
      {record.order !== null ? <OrderFactsPanel key={version} caseIds={[record.id]} /> : null}
      <ShopMembershipPanel key={`membership-${version}`} shopOrigin={record.shopOrigin} caseId={record.id} />
      <h3>{t('statusHistory')}</h3>
      <StatusHistory events={events} />
      {record.order !== null && !readOnly ? <CaseActions caseId={record.id} deadlines={deadlines} events={events} onRecord={recordEvent} /> : null}
      <CaseNotes caseId={record.id} events={events} readOnly={readOnly} onChanged={refresh} />
      {readOnly ? null : <CaseFiles caseId={record.id} onChanged={refresh} />}
      <h3>{t('chats')}</h3>
      <Transcript
        messages={messages}
        moveTargets={sameShop.map((c) => ({ id: c.id, title: c.title }))}
        onMove={(chatKey, caseId) => void moveChat(getDb(), chatKey, caseId, evidenceTime()).then(refresh)}
      />
      <h3>{t('captures')}</h3>
      <CaptureTimeline captures={captures} />
      {readOnly ? null : <CaseManage record={record} targets={otherCases} captures={captures} messages={messages} onCasesChanged={onCasesChanged} />}
      <h3>{t('events')}</h3>
      <table className="events">
        <thead>
          <tr>
            <th>#</th>
            <th>{t('eventType')}</th>
            <th>{t('eventTime')}</th>
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
