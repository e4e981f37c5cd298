/**
 * @module The case's captures as a timeline of batches (one click = one batch, newest first): thumbnails
 * that open the full-size image in the safe viewer, hashes, and text shown strictly as text. Captured HTML
 * is shown as source text only, never rendered.
 */
import { useState, type ReactNode } from 'react';
import type { CaptureRecord } from '@/src/store/records';
import { ImageViewer, isViewableImage } from '@/src/ui/cases/image-viewer';
import { useT } from '@/src/ui/language';
import { useBlobText, useBlobUrl } from '@/src/ui/use-blob-url';

/** Captures grouped by batch, newest batch first (input sorted newest first). */
export function groupBatches(captures: readonly CaptureRecord[]): { batchId: string; items: CaptureRecord[] }[] {
  const batches = new Map<string, CaptureRecord[]>();
  for (const capture of captures) {
    batches.set(capture.batchId, [...(batches.get(capture.batchId) ?? []), capture]);
  }
  return [...batches.entries()].map(([batchId, items]) => ({ batchId, items }));
}

/** The timeline. */
export function CaptureTimeline({ captures }: { captures: readonly CaptureRecord[] }): ReactNode {
  const { t } = useT();
  if (captures.length === 0) {
    return <p className="muted">{t('noCaptures')}</p>;
  }
  return (
    <ol style={{ listStyle: 'none', padding: 0, margin: 0 }}>
      {groupBatches(captures).map(({ batchId, items }) => (
        <li key={batchId} className="batch" data-testid="case-batch">
          <div className="muted">
            {t('capturedAt')} <time dateTime={items[0]?.capturedAt}>{items[0]?.capturedAt}</time> ({items[0]?.timeZone}){items[0]?.sourceUrl ? ` · ${items[0].sourceUrl}` : ''}
          </div>
          <div className="batch-items">
            {items.map((item) => (
              <CaptureItem key={item.id} item={item} />
            ))}
          </div>
        </li>
      ))}
    </ol>
  );
}

function CaptureItem({ item }: { item: CaptureRecord }): ReactNode {
  const { t } = useT();
  const [open, setOpen] = useState(false);
  const [viewing, setViewing] = useState(false);
  const isImage = isViewableImage(item.mime);
  const isText = item.mime.startsWith('text/') || item.mime.startsWith('application/json');
  const label = `${t(`kind_${item.kind}`)} · ${item.kind === 'file' ? (item.note ?? '') : item.title}`;
  return (
    <div className="card" data-testid="capture-item" data-kind={item.kind}>
      <div style={{ fontWeight: 600 }}>{t(`kind_${item.kind}`)}</div>
      {item.kind === 'file' && item.note !== null ? (
        <div style={{ wordBreak: 'break-all' }} data-testid="file-name">
          {item.note}
        </div>
      ) : null}
      {item.frameUrl !== null ? (
        <div className="muted" style={{ fontSize: 12, wordBreak: 'break-all' }}>
          {t('frame')}: {item.frameUrl}
        </div>
      ) : null}
      {isImage ? (
        <button type="button" className="thumb-button" onClick={() => setViewing(true)} aria-label={`${t('viewImage')}: ${label}`} data-testid="open-viewer">
          <Thumb sha256={item.sha256} mime={item.mime} />
        </button>
      ) : null}
      {viewing ? <ImageViewer sha256={item.sha256} mime={item.mime} alt={label} onClose={() => setViewing(false)} /> : null}
      <div className="muted" style={{ fontSize: 12 }}>
        {item.mime} · {item.bytes.toLocaleString()} {t('bytes')}
        {item.note !== null && item.kind !== 'file' ? ` · ${item.note}` : ''}
      </div>
      <div className="hash" data-testid="capture-hash">
        {t('hash')} {item.sha256}
      </div>
      {isText ? (
        <button type="button" className="link-button" aria-expanded={open} onClick={() => setOpen(!open)}>
          {open ? t('hideText') : item.kind === 'html' ? t('htmlAsText') : t('showText')}
        </button>
      ) : null}
      {open ? <CapturedText sha256={item.sha256} /> : null}
    </div>
  );
}

function Thumb({ sha256, mime }: { sha256: string; mime: string }): ReactNode {
  const url = useBlobUrl(sha256, mime);
  return url === null ? <span className="thumb" aria-hidden="true" style={{ display: 'inline-block' }} /> : <img className="thumb" src={url} alt="" />;
}

/** Captured text or HTML rendered strictly as text: React escapes it, nothing is parsed or run. */
function CapturedText({ sha256 }: { sha256: string }): ReactNode {
  const text = useBlobText(sha256);
  return <pre className="captured-text">{text ?? '…'}</pre>;
}
