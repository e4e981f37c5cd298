/**
 * @module The case's status history (cases/status-history.ts), oldest first, each step saying where it came
 * from: the order page, the user's typed facts or the user's correction.
 */
import type { ReactNode } from 'react';
import { OrderStatusSchema } from '@/src/cases/order';
import { statusSteps } from '@/src/cases/status-history';
import type { EventRecord } from '@/src/store/records';
import { useT } from '@/src/ui/language';

/** The history as a list. */
export function StatusHistory({ events }: { events: readonly EventRecord[] }): ReactNode {
  const { t } = useT();
  const steps = statusSteps(events);
  if (steps.length === 0) {
    return <p className="muted">{t('noStatusHistory')}</p>;
  }
  return (
    <ol data-testid="status-history">
      {steps.map((s) => {
        const parsed = OrderStatusSchema.safeParse(s.status);
        return (
          <li key={s.seq}>
            <time dateTime={s.at}>{s.at}</time> · {parsed.success ? t(`status_${parsed.data}`) : (s.status ?? t('unknown'))}
            {s.statusText !== null ? ` (${s.statusText})` : ''}
            {s.source === 'user-entered' ? ` · ${t('enteredByHand')}` : s.source === 'user-corrected' ? ` · ${t('edit')}` : ''}
          </li>
        );
      })}
    </ol>
  );
}
