/** @module React hook: an object URL for stored bytes, revoked when the component goes away. */
import { useEffect, useState } from 'react';
import { getDb } from '@/src/store/db';
import { storedBytes } from '@/src/store/records';

/** Object URL of the blob stored under `sha256` (null while loading or when missing). */
export function useBlobUrl(sha256: string | null, mime: string): string | null {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    if (sha256 === null) {
      return undefined;
    }
    let objectUrl: string | null = null;
    let cancelled = false;
    void getDb()
      .blobs.get(sha256)
      .then((record) => {
        if (cancelled || record === undefined) {
          return;
        }
        objectUrl = URL.createObjectURL(new Blob([record.data as BlobPart], { type: mime }));
        setUrl(objectUrl);
      });
    return () => {
      cancelled = true;
      if (objectUrl !== null) {
        URL.revokeObjectURL(objectUrl);
      }
    };
  }, [sha256, mime]);
  return url;
}

/** Text of the blob stored under `sha256`, decoded as UTF-8 (null while loading). */
export function useBlobText(sha256: string | null): string | null {
  const [text, setText] = useState<string | null>(null);
  useEffect(() => {
    if (sha256 === null) {
      return undefined;
    }
    let cancelled = false;
    void getDb()
      .blobs.get(sha256)
      .then(async (record) => {
        const bytes = record === undefined ? undefined : await storedBytes(record.data);
        if (!cancelled && bytes !== undefined) {
          setText(new TextDecoder().decode(bytes));
        }
      });
    return () => {
      cancelled = true;
    };
  }, [sha256]);
  return text;
}
