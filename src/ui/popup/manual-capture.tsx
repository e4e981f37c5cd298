/**
 * @module When the detector missed something: capture an element or a dragged region of the page, or mark
 * the page as an order page with facts typed by hand (recorded as user-entered, never as read from the page).
 * Everything goes to the background through the protocol (markOrderPage, captureArea).
 */
import { useEffect, useId, useState, type ReactNode, type SyntheticEvent } from 'react';
import { OrderStatusSchema, type OrderFacts, type OrderStatus } from '@/src/cases/order';
import { messenger } from '@/src/messaging/protocol';
import type { AreaMode, CaptureOutcome, TabState } from '@/src/messaging/schemas';
import { evidenceTime } from '@/src/shared/time';
import { getDb } from '@/src/store/db';
import type { CaseRecord } from '@/src/store/records';
import { isActiveCase } from '@/src/store/workspace-repo';
import { isMessageKey } from '@/src/ui/i18n';
import { useT } from '@/src/ui/language';
import { OperationError } from '@/src/ui/operation-error';

function shopOriginOf(url: string): string | null {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.origin : null;
  } catch {
    return null;
  }
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The "not recognised?" section of the popup. */
export function ManualCapture({ tab, onDone }: { tab: TabState; onDone: () => void }): ReactNode {
  const { t } = useT();
  const id = useId();
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);
  const [formOpen, setFormOpen] = useState(false);
  const shopOrigin = shopOriginOf(tab.url);
  if (!tab.capturable || shopOrigin === null) {
    return null;
  }

  async function area(mode: AreaMode): Promise<void> {
    setBusy(true);
    setStatus(null);
    try {
      const outcome: CaptureOutcome = await messenger.sendMessage('captureArea', { tabId: tab.tabId, mode, hint: t(mode === 'element' ? 'pickElementHint' : 'pickRegionHint') });
      if (outcome.ok) {
        setStatus({ ok: true, text: t('captureDone', { n: outcome.items.length }) });
      } else {
        const reason = outcome.error !== null && isMessageKey(outcome.error) ? t(outcome.error) : (outcome.error ?? '');
        setStatus({ ok: false, text: outcome.error === 'areaCancelled' ? reason : `${t('captureFailed')}${reason}` });
      }
    } catch (error) {
      setStatus({ ok: false, text: `${t('captureFailed')}${errorText(error)}` });
    } finally {
      setBusy(false);
      onDone();
    }
  }

  return (
    <section className="card" aria-labelledby={`${id}-h`} data-testid="manual-capture">
      <h2 id={`${id}-h`} style={{ fontSize: 14, margin: '0 0 6px' }}>
        {t('missedSomething')}
      </h2>
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 6 }}>
        <button type="button" disabled={busy} onClick={() => void area('element')} data-testid="capture-element">
          {t('captureElement')}
        </button>
        <button type="button" disabled={busy} onClick={() => void area('region')} data-testid="capture-region">
          {t('captureRegion')}
        </button>
        <button type="button" aria-expanded={formOpen} onClick={() => setFormOpen(!formOpen)} data-testid="mark-order-page">
          {t('markOrderPage')}
        </button>
      </div>
      {formOpen ? (
        <ManualOrderForm
          tab={tab}
          shopOrigin={shopOrigin}
          onSaved={() => {
            setFormOpen(false);
            setStatus({ ok: true, text: t('manualSaved') });
            onDone();
          }}
        />
      ) : null}
      {status !== null ? (
        <p className={status.ok ? 'ok' : 'error'} role={status.ok ? 'status' : 'alert'} data-testid="manual-status">
          {status.text}
        </p>
      ) : null}
    </section>
  );
}

function isStatus(value: string): value is OrderStatus {
  return OrderStatusSchema.safeParse(value).success;
}

/** The facts form: into a new case or an active case of the same shop. */
function ManualOrderForm({ tab, shopOrigin, onSaved }: { tab: TabState; shopOrigin: string; onSaved: () => void }): ReactNode {
  const { t } = useT();
  const [cases, setCases] = useState<CaseRecord[]>([]);
  const [target, setTarget] = useState('new');
  const [orderNo, setOrderNo] = useState('');
  const [amount, setAmount] = useState('');
  const [item, setItem] = useState('');
  const [orderTime, setOrderTime] = useState('');
  const [status, setStatus] = useState('');
  const [shopName, setShopName] = useState('');
  const [paymentMethod, setPaymentMethod] = useState('');
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    void getDb()
      .cases.where('shopOrigin')
      .equals(shopOrigin)
      .toArray()
      .then((list) => setCases(list.filter(isActiveCase)));
  }, [shopOrigin]);

  async function submit(event: SyntheticEvent): Promise<void> {
    event.preventDefault();
    setError(null);
    const amountNumber = amount.trim() === '' ? null : Number(amount);
    const order: OrderFacts = {
      orderNo: orderNo.trim(),
      amount: amountNumber !== null && Number.isFinite(amountNumber) ? amountNumber : null,
      currency: amountNumber !== null ? 'CNY' : null,
      item: item.trim() === '' ? null : item.trim(),
      quantity: null,
      // datetime-local has no zone: it is the user's wall clock, stored with the user's offset.
      orderTime: orderTime === '' ? null : evidenceTime(new Date(orderTime)).iso,
      status: isStatus(status) ? status : null,
      statusText: null,
      shopName: shopName.trim() === '' ? null : shopName.trim(),
      paymentMethod: paymentMethod.trim() === '' ? null : paymentMethod.trim(),
      contact: null,
    };
    try {
      await messenger.sendMessage('markOrderPage', { tabId: tab.tabId, target: target === 'new' ? { kind: 'new' } : { kind: 'existing', caseId: target }, order });
      onSaved();
    } catch (e) {
      setError(errorText(e));
    }
  }

  const field = (label: string, value: string, set: (v: string) => void, testId: string, type = 'text'): ReactNode => (
    <label className="option-row">
      {label}{' '}
      <input type={type} value={value} onChange={(e) => set(e.target.value)} data-testid={testId} step={type === 'number' ? '0.01' : undefined} />
    </label>
  );

  return (
    <form onSubmit={(e) => void submit(e)} style={{ marginTop: 8 }} data-testid="manual-order-form">
      <label className="option-row">
        {t('saveInto')}{' '}
        <select value={target} onChange={(e) => setTarget(e.target.value)} data-testid="manual-target">
          <option value="new">{t('newCase')}</option>
          {cases.map((c) => (
            <option key={c.id} value={c.id}>
              {c.title}
            </option>
          ))}
        </select>
      </label>
      <label className="option-row">
        {t('field_orderNo')} {t('required')}{' '}
        <input value={orderNo} required maxLength={200} onChange={(e) => setOrderNo(e.target.value)} data-testid="manual-orderNo" />
      </label>
      {field(t('field_amount'), amount, setAmount, 'manual-amount', 'number')}
      {field(t('field_item'), item, setItem, 'manual-item')}
      {field(t('field_orderTime'), orderTime, setOrderTime, 'manual-orderTime', 'datetime-local')}
      <label className="option-row">
        {t('field_status')}{' '}
        <select value={status} onChange={(e) => setStatus(e.target.value)} data-testid="manual-status-select">
          <option value="">{t('unknown')}</option>
          {OrderStatusSchema.options.map((s) => (
            <option key={s} value={s}>
              {t(`status_${s}`)}
            </option>
          ))}
        </select>
      </label>
      {field(t('field_shopName'), shopName, setShopName, 'manual-shopName')}
      {field(t('field_paymentMethod'), paymentMethod, setPaymentMethod, 'manual-paymentMethod')}
      <button type="submit" className="primary" disabled={orderNo.trim() === ''} data-testid="manual-save">
        {t('saveFacts')}
      </button>
      <OperationError error={error} />
    </form>
  );
}
