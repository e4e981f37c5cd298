/**
 * @module Deadlines with a live countdown, what to do, and the basis of each (law, the shop's own promise,
 * or a platform habit, labelled as such). Optional dismiss and snooze buttons.
 */
import { useEffect, useState, type ReactNode } from 'react';
import type { StoredDeadline } from '@/src/cases/stored-deadlines';
import { useT } from '@/src/ui/language';

/** Time left until `dueAtMs`, in the interface language. */
function useCountdown(dueAtMs: number): { overdue: boolean; days: number; hours: number; minutes: number } {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(timer);
  }, []);
  const left = dueAtMs - now;
  return { overdue: left < 0, days: Math.floor(left / 86_400_000), hours: Math.floor((left % 86_400_000) / 3_600_000), minutes: Math.floor((left % 3_600_000) / 60_000) };
}

function DeadlineRow({ deadline, onDismiss, onSnooze }: { deadline: StoredDeadline; onDismiss?: () => void; onSnooze?: () => void }): ReactNode {
  const { t, language } = useT();
  const left = useCountdown(deadline.dueAtMs);
  const text = language === 'en' ? deadline.action.en : deadline.action.zh;
  const basis = language === 'en' ? deadline.basis.en : deadline.basis.zh;
  return (
    <li className="capture-row" data-testid="deadline" data-rule={deadline.rule} style={{ flexDirection: 'column', gap: 2 }}>
      <div style={{ fontWeight: 600 }}>
        {text} <span className={left.overdue ? 'error' : 'muted'}>{left.overdue ? t('overdue') : left.days > 0 ? t('dueIn', { d: left.days, h: left.hours }) : t('dueInHours', { h: left.hours, m: left.minutes })}</span>
      </div>
      <div className="muted" style={{ fontSize: 12 }}>
        <time dateTime={deadline.dueAt}>{deadline.dueAt}</time>
        {deadline.approximate ? t('approximate') : ''} · {deadline.caseTitle}
      </div>
      <div style={{ fontSize: 12 }}>
        {t('basis')}（{t(`basis_${deadline.basis.kind}`)}）：{basis}
        {deadline.basis.quote !== undefined ? <q className="muted">{deadline.basis.quote}</q> : null}
      </div>
      {onDismiss !== undefined || onSnooze !== undefined ? (
        <div style={{ display: 'flex', gap: 8 }}>
          {onSnooze ? (
            <button type="button" className="link-button" onClick={onSnooze}>
              {t('snooze')}
            </button>
          ) : null}
          {onDismiss ? (
            <button type="button" className="link-button" onClick={onDismiss}>
              {t('dismiss')}
            </button>
          ) : null}
        </div>
      ) : null}
    </li>
  );
}

/** A list of deadlines; `onDismiss`/`onSnooze` add the buttons. */
export function DeadlineList({ deadlines, onDismiss, onSnooze }: { deadlines: StoredDeadline[]; onDismiss?: (d: StoredDeadline) => void; onSnooze?: (d: StoredDeadline) => void }): ReactNode {
  const { t } = useT();
  if (deadlines.length === 0) {
    return <p className="muted">{t('noDeadlines')}</p>;
  }
  return (
    <ul style={{ listStyle: 'none', margin: 0, padding: 0 }}>
      {deadlines.map((d) => (
        <DeadlineRow key={`${d.caseId}|${d.id}`} deadline={d} onDismiss={onDismiss ? () => onDismiss(d) : undefined} onSnooze={onSnooze ? () => onSnooze(d) : undefined} />
      ))}
    </ul>
  );
}
