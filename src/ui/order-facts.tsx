/**
 * @module The order facts of the cases recognised on the current tab. The user may correct a field: the
 * correction is an event and is shown next to the extracted value, which is kept.
 */
import { useEffect, useState, type ReactNode } from 'react';
import type { OrderFacts } from '@/src/cases/order';
import { evidenceTime } from '@/src/shared/time';
import { getDb } from '@/src/store/db';
import { correctOrderField } from '@/src/store/repo';
import type { CaseRecord } from '@/src/store/records';
import { useT } from '@/src/ui/language';

const FIELDS = ['orderNo', 'amount', 'item', 'quantity', 'orderTime', 'status', 'statusText', 'shopName', 'paymentMethod', 'contact'] as const;
type Field = (typeof FIELDS)[number];

/** Shows only the first and last 4 characters of a card key: the popup may be seen over the shoulder. */
export function maskCardKey(key: string): string {
  return key.length <= 8 ? '•'.repeat(key.length) : `${key.slice(0, 4)}${'•'.repeat(Math.min(12, key.length - 8))}${key.slice(-4)}`;
}

function show(value: OrderFacts[Field] | string | number | null | undefined): string | null {
  return value === null || value === undefined ? null : String(value);
}

/** Facts of each case on the tab, editable. */
export function OrderFactsPanel({ caseIds }: { caseIds: string[] }): ReactNode {
  const { t } = useT();
  const [cases, setCases] = useState<CaseRecord[]>([]);
  const [version, setVersion] = useState(0);
  useEffect(() => {
    void getDb()
      .cases.bulkGet(caseIds)
      .then((list) => setCases(list.filter((c): c is CaseRecord => c !== undefined)));
  }, [caseIds, version]);
  if (cases.length === 0) {
    return null;
  }
  return (
    <section className="card" aria-labelledby="order-heading" data-testid="order-facts">
      <h2 id="order-heading" style={{ fontSize: 14, margin: '0 0 6px' }}>
        {t('orderRecognised')} ({cases.length})
      </h2>
      {cases.map((c) => (
        <CaseFacts key={c.id} record={c} onChanged={() => setVersion((v) => v + 1)} />
      ))}
    </section>
  );
}

function CaseFacts({ record, onChanged }: { record: CaseRecord; onChanged: () => void }): ReactNode {
  const { t } = useT();
  const [editing, setEditing] = useState<Field | null>(null);
  const [draft, setDraft] = useState('');
  async function save(field: Field): Promise<void> {
    const numeric = field === 'amount' || field === 'quantity';
    const value = draft.trim() === '' ? null : numeric ? Number(draft) : draft.trim();
    if (typeof value === 'number' && !Number.isFinite(value)) {
      return;
    }
    await correctOrderField(getDb(), record.id, field, value, evidenceTime());
    setEditing(null);
    onChanged();
  }
  return (
    <dl style={{ display: 'grid', gridTemplateColumns: 'auto 1fr', gap: '2px 8px', margin: '4px 0 8px' }}>
      {FIELDS.map((field) => {
        const extracted = show(record.order?.[field]);
        const corrected = Object.hasOwn(record.corrections, field) ? show(record.corrections[field]) : undefined;
        return (
          <div key={field} style={{ display: 'contents' }}>
            <dt className="muted">{t(`field_${field}`)}</dt>
            <dd style={{ margin: 0 }} data-testid={`fact-${field}`}>
              {editing === field ? (
                <span>
                  <input aria-label={t(`field_${field}`)} value={draft} onChange={(e) => setDraft(e.target.value)} style={{ width: 140 }} />{' '}
                  <button type="button" onClick={() => void save(field)}>
                    {t('save')}
                  </button>{' '}
                  <button type="button" onClick={() => setEditing(null)}>
                    {t('cancel')}
                  </button>
                </span>
              ) : (
                <span>
                  {corrected !== undefined ? (corrected ?? t('unknown')) : extracted === null ? <span className="muted">{t('unknown')}</span> : field === 'status' && record.order?.status != null ? t(`status_${record.order.status}`) : extracted}
                  {corrected !== undefined ? <span className="muted"> ({t('corrected')}{extracted ?? t('unknown')})</span> : null}{' '}
                  {field !== 'orderNo' ? (
                    <button
                      type="button"
                      className="link-button"
                      aria-label={`${t('edit')} ${t(`field_${field}`)}`}
                      onClick={() => {
                        setDraft(corrected ?? extracted ?? '');
                        setEditing(field);
                      }}
                    >
                      {t('edit')}
                    </button>
                  ) : null}
                </span>
              )}
            </dd>
          </div>
        );
      })}
      {record.extras?.companyName ? (
        <>
          <dt className="muted">{t('companyName')}</dt>
          <dd style={{ margin: 0 }}>{record.extras.companyName}</dd>
        </>
      ) : null}
      {record.extras?.creditCode ? (
        <>
          <dt className="muted">{t('creditCode')}</dt>
          <dd style={{ margin: 0 }}>{record.extras.creditCode}</dd>
        </>
      ) : null}
      {record.extras !== null && record.extras.cardKeys.length > 0 ? (
        <>
          <dt className="muted">{t('cardKeys')}</dt>
          <dd style={{ margin: 0 }} className="hash">
            {record.extras.cardKeys.map(maskCardKey).join(' · ')}
          </dd>
        </>
      ) : null}
    </dl>
  );
}
