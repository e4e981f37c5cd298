/**
 * @module A full-size view of a stored screenshot in a modal dialog (Esc or the button closes it; focus is
 * kept inside by the browser). Only images, only from blob: URLs made from stored bytes: captured HTML is
 * never rendered, and nothing is loaded from the page's addresses.
 */
import { useEffect, useRef, type ReactNode } from 'react';
import { useBlobUrl } from '@/src/ui/use-blob-url';
import { useT } from '@/src/ui/language';

/** Image MIME types the viewer shows; anything else is not an image to the browser we trust. */
const VIEWABLE = new Set(['image/png', 'image/jpeg', 'image/webp', 'image/gif']);

/** True when the viewer can show bytes of this MIME type. */
export function isViewableImage(mime: string): boolean {
  return VIEWABLE.has((mime.split(';')[0] ?? '').trim().toLowerCase());
}

/** The dialog; `onClose` is called when the user closes it. */
export function ImageViewer({ sha256, mime, alt, onClose }: { sha256: string; mime: string; alt: string; onClose: () => void }): ReactNode {
  const { t } = useT();
  const dialog = useRef<HTMLDialogElement>(null);
  // SVG could carry script: only raster types get a URL at all.
  const url = useBlobUrl(isViewableImage(mime) ? sha256 : null, mime);
  useEffect(() => {
    const element = dialog.current;
    if (element !== null && !element.open) {
      element.showModal();
    }
  }, []);
  return (
    <dialog ref={dialog} className="image-viewer" aria-label={alt} onClose={onClose} data-testid="image-viewer">
      <div style={{ display: 'flex', justifyContent: 'space-between', gap: 12, alignItems: 'baseline' }}>
        <span className="muted">{alt}</span>
        <button type="button" onClick={() => dialog.current?.close()} autoFocus>
          {t('closeViewer')}
        </button>
      </div>
      {url !== null ? <img src={url} alt={alt} style={{ maxWidth: '100%' }} /> : <p className="muted">…</p>}
    </dialog>
  );
}
