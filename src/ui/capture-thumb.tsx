/** @module A thumbnail of a stored screenshot that opens the full-size image. */
import type { ReactNode } from 'react';
import { useBlobUrl } from '@/src/ui/use-blob-url';

/** Thumbnail for a PNG capture; alt text names what it shows. */
export function CaptureThumb({ sha256, alt, linkLabel }: { sha256: string; alt: string; linkLabel: string }): ReactNode {
  const url = useBlobUrl(sha256, 'image/png');
  if (url === null) {
    return <div className="thumb" aria-hidden="true" />;
  }
  return (
    <a href={url} target="_blank" rel="noreferrer" title={linkLabel}>
      <img className="thumb" src={url} alt={alt} />
    </a>
  );
}
