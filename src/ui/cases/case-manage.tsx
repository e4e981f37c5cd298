/**
 * @module Merge, split and delete (store/workspace-repo.ts): each writes events in every chain it touches.
 * Deletion asks for confirmation in place and says exactly what is removed and what stays.
 */
import { useId, useState, type ReactNode } from 'react';
import { evidenceTime } from '@/src/shared/time';
import { getDb } from '@/src/store/db';
import type { CaptureRecord, CaseRecord, ChatMessageRecord } from '@/src/store/records';
import { deleteCase, mergeCases, splitCase } from '@/src/store/workspace-repo';
import { groupBatches } from '@/src/ui/cases/capture-timeline';
import { useT } from '@/src/ui/language';
import { OperationError } from '@/src/ui/operation-error';
import { groupChats } from '@/src/ui/transcript';

/** Props of {@link CaseManage}. */
export interface CaseManageProps {
  record: CaseRecord;
  /** Active cases the user may merge into (this one excluded). */
  targets: readonly CaseRecord[];
  captures: readonly CaptureRecord[];
  messages: readonly ChatMessageRecord[];
  /** Called after a change with the case to show next (null = the first in the list). */
  onCasesChanged: (select: string | null) => void;
}

/** The "organise the case" section. */
export function CaseManage({ record, targets, captures, messages, onCasesChanged }: CaseManageProps): ReactNode {
  const { t } = useT();
  const id = useId();
  const [mergeTarget, setMergeTarget] = useState('');
  const [splitBatches, setSplitBatches] = useState<ReadonlySet<string>>(new Set());
  const [splitChats, setSplitChats] = useState<ReadonlySet<string>>(new Set());
  const [splitOrderNo, setSplitOrderNo] = useState('');
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // Same shop first: merging two cases of one shop is the usual fix.
  const sortedTargets = [...targets].sort((a, b) => Number(b.shopOrigin === record.shopOrigin) - Number(a.shopOrigin === record.shopOrigin));
  const batches = groupBatches(captures);
  const chats = groupChats(messages);

  async function run(action: () => Promise<string | null>): Promise<void> {
    setError(null);
    try {
      onCasesChanged(await action());
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  }

  function toggle(set: ReadonlySet<string>, key: string): Set<string> {
    const next = new Set(set);
    if (!next.delete(key)) {
      next.add(key);
    }
    return next;
  }

  return (
    <section aria-labelledby={`${id}-h`} data-testid="case-manage">
      <h3 id={`${id}-h`}>{t('manageCase')}</h3>
      {sortedTargets.length > 0 ? (
        <div className="manage-row">
          <label>
            {t('mergeInto')}{' '}
            <select value={mergeTarget} onChange={(e) => setMergeTarget(e.target.value)} data-testid="merge-target">
              <option value="">—</option>
              {sortedTargets.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.title}
                </option>
              ))}
            </select>
          </label>{' '}
          <button type="button" disabled={mergeTarget === ''} onClick={() => void run(async () => (await mergeCases(getDb(), record.id, mergeTarget, evidenceTime()), mergeTarget))} data-testid="merge-button">
            {t('mergeButton')}
          </button>
          <p className="muted" style={{ fontSize: 12 }}>
            {t('mergeHint')}
          </p>
        </div>
      ) : null}
      {batches.length + chats.length > 1 ? (
        <fieldset className="manage-row">
          <legend>{t('splitTitle')}</legend>
          <p className="muted" style={{ fontSize: 12, margin: 0 }}>
            {t('splitHint')}
          </p>
          {batches.map(({ batchId, items }) => (
            <label key={batchId} className="option-row">
              <input type="checkbox" checked={splitBatches.has(batchId)} onChange={() => setSplitBatches(toggle(splitBatches, batchId))} data-testid="split-batch" /> {t('captures')}{' '}
              {items[0]?.capturedAt} · {items.map((i) => t(`kind_${i.kind}`)).join('、')}
            </label>
          ))}
          {chats.map((chat) => (
            <label key={chat.chatKey} className="option-row">
              <input type="checkbox" checked={splitChats.has(chat.chatKey)} onChange={() => setSplitChats(toggle(splitChats, chat.chatKey))} data-testid="split-chat" /> {t('chats')} · {chat.widget} ·{' '}
              {chat.messages.length}
            </label>
          ))}
          <label>
            {t('splitOrderNo')} <input value={splitOrderNo} maxLength={200} onChange={(e) => setSplitOrderNo(e.target.value)} data-testid="split-order-no" />
          </label>{' '}
          <button
            type="button"
            disabled={splitOrderNo.trim() === '' || splitBatches.size + splitChats.size === 0}
            onClick={() =>
              void run(async () => {
                const captureIds = captures.filter((c) => splitBatches.has(c.batchId)).map((c) => c.id);
                return (await splitCase(getDb(), record.id, { captureIds, chatKeys: [...splitChats] }, splitOrderNo, evidenceTime())).id;
              })
            }
            data-testid="split-button"
          >
            {t('splitButton')}
          </button>
        </fieldset>
      ) : null}
      <div className="manage-row">
        {confirming ? (
          <div role="alertdialog" aria-labelledby={`${id}-del`} aria-describedby={`${id}-del-text`} className="confirm" data-testid="delete-confirm">
            <strong id={`${id}-del`}>{t('deleteCase')}</strong>
            <p id={`${id}-del-text`}>{t('deleteConfirmText', { captures: captures.length, messages: messages.length })}</p>
            <button type="button" className="danger" onClick={() => void run(async () => (await deleteCase(getDb(), record.id, evidenceTime()), null))} data-testid="delete-confirm-button">
              {t('deleteConfirm')}
            </button>{' '}
            <button type="button" onClick={() => setConfirming(false)} autoFocus>
              {t('cancel')}
            </button>
          </div>
        ) : (
          <button type="button" className="danger" onClick={() => setConfirming(true)} data-testid="delete-button">
            {t('deleteCase')}
          </button>
        )}
      </div>
      <OperationError error={error} />
    </section>
  );
}
