/**
 * @module A case's deadlines and the actions the user records (refund requested, complaint filed, the shop's
 * refund promise, dismissed or snoozed reminders): events recorded by the background, which recomputes the
 * deadlines.
 */
import { useState, type ReactNode } from 'react';
import { CASE_ACTIONS } from '@/src/cases/reminder-input';
import type { StoredDeadline } from '@/src/cases/stored-deadlines';
import type { RecordCaseEventRequest } from '@/src/messaging/schemas';
import type { EventRecord } from '@/src/store/records';
import { DeadlineList } from '@/src/ui/deadline-list';
import type { MessageKey } from '@/src/ui/i18n';
import { useT } from '@/src/ui/language';

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

function isCaseAction(value: unknown): value is (typeof CASE_ACTIONS)[number] {
  return typeof value === 'string' && (CASE_ACTIONS as readonly string[]).includes(value);
}

/** The actions the user recorded, oldest first, from `action-recorded` events. */
function actionsTaken(events: readonly EventRecord[]): { seq: number; at: string; action: (typeof CASE_ACTIONS)[number] }[] {
  return events.flatMap((e) => {
    const data = e.data;
    if (e.type !== 'action-recorded' || data === null || typeof data !== 'object' || Array.isArray(data)) {
      return [];
    }
    const action = data.type;
    const at = typeof data.at === 'string' ? data.at : e.at;
    return isCaseAction(action) ? [{ seq: e.seq, at, action }] : [];
  });
}

/** Deadlines, action buttons and the shop's refund promise of one case. */
export function CaseActions({
  caseId,
  deadlines,
  events,
  onRecord,
}: {
  caseId: string;
  deadlines: readonly StoredDeadline[];
  events: readonly EventRecord[];
  onRecord: (request: RecordCaseEventRequest) => void;
}): ReactNode {
  const { t } = useT();
  const [policyDays, setPolicyDays] = useState('');
  const taken = actionsTaken(events);
  return (
    <section>
      <h3>{t('deadlines')}</h3>
      <DeadlineList
        deadlines={[...deadlines]}
        onDismiss={(d) => onRecord({ caseId, type: 'reminder-dismissed', data: { deadlineId: d.id } })}
        onSnooze={(d) => onRecord({ caseId, type: 'reminder-snoozed', data: { deadlineId: d.id, until: new Date(Date.now() + 86_400_000).toISOString() } })}
      />
      <h3>{t('recordAction')}</h3>
      {taken.length > 0 ? (
        <ul aria-label={t('actionsTaken')} data-testid="actions-taken">
          {taken.map((a) => (
            <li key={a.seq}>
              <time dateTime={a.at}>{a.at}</time> · {t(ACTION_LABEL[a.action])}
            </li>
          ))}
        </ul>
      ) : null}
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8 }}>
        {CASE_ACTIONS.map((action) => (
          <button key={action} type="button" data-testid={`action-${action}`} onClick={() => onRecord({ caseId, type: 'action-recorded', data: { type: action, at: new Date().toISOString(), channel: null } })}>
            {t(ACTION_LABEL[action])}
          </button>
        ))}
      </div>
      <p>
        <label>
          {t('shopPolicy')} <input type="number" min={0} max={365} value={policyDays} onChange={(e) => setPolicyDays(e.target.value)} style={{ width: 64 }} />
        </label>{' '}
        <button
          type="button"
          disabled={policyDays === '' || !Number.isFinite(Number(policyDays))}
          onClick={() => onRecord({ caseId, type: 'policy-changed', data: { shopRefundDays: Number(policyDays), shopRefundWorkingDays: false, shopRefundQuote: null } })}
        >
          {t('savePolicy')}
        </button>
      </p>
    </section>
  );
}
