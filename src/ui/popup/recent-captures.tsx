/** @module The latest capture batches: thumbnail, time and hashes. */
import { useEffect, useState, type ReactNode } from 'react';
import { getDb } from '@/src/store/db';
import { latestCaptures } from '@/src/store/repo';
import type { CaptureRecord } from '@/src/store/records';
import { CaptureThumb } from '@/src/ui/capture-thumb';
import { useT } from '@/src/ui/language';

/** Groups captures of one click together, newest batch first. */
function groupBatches(captures: CaptureRecord[]): CaptureRecord[][] {
  const batches = new Map<string, CaptureRecord[]>();
  for (const capture of captures) {
    const list = batches.get(capture.batchId) ?? [];
    list.push(capture);
    batches.set(capture.batchId, list);
  }
  return [...batches.values()];
}

/** Lists the newest captures; `refreshKey` changes after each capture. */
export function RecentCaptures({ refreshKey }: { refreshKey: number }): ReactNode {
  const { t } = useT();
  const [batches, setBatches] = useState<CaptureRecord[][] | null>(null);
  useEffect(() => {
    void latestCaptures(getDb(), 40).then((captures) => setBatches(groupBatches(captures).slice(0, 5)));
  }, [refreshKey]);
  useEffect(() => {
    if (batches !== null) {
      // Mark for the bench (popup open at scale): the popup is usable once the latest captures are listed.
      performance.mark('popup-ready');
    }
  }, [batches]);
  if (batches === null) {
    return null;
  }
  return (
    <section className="card" aria-labelledby="latest-heading">
      <h2 id="latest-heading" style={{ fontSize: 14, margin: '0 0 6px' }}>{t('latestCaptures')}</h2>
      {batches.length === 0 ? <p className="muted">{t('noCaptures')}</p> : null}
      <ul style={{ listStyle: 'none', margin: 0, padding: 0 }} data-testid="recent-captures">
        {batches.map((batch) => {
          const visible = batch.find((c) => c.kind === 'visible') ?? batch.find((c) => c.kind === 'fullpage');
          const meta = batch.find((c) => c.kind === 'meta');
          const first = batch[0];
          if (first === undefined) {
            return null;
          }
          return (
            <li key={first.batchId} className="capture-row" data-testid="capture-batch">
              {visible ? <CaptureThumb sha256={visible.sha256} alt={visible.title} linkLabel={t('openFull')} /> : null}
              <div style={{ minWidth: 0 }}>
                <div style={{ fontWeight: 600, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>{first.title || first.sourceUrl}</div>
                <div className="muted">
                  <time dateTime={first.capturedAt}>{first.capturedAt}</time> · {batch.length}
                </div>
                {meta ? (
                  <div className="hash" title={t('hash')}>
                    {t('kind_meta')} {meta.sha256.slice(0, 16)}…
                  </div>
                ) : null}
              </div>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
