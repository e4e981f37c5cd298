/**
 * @module The export page: a full extension tab (not the popup, which closes when it loses focus) that
 * builds the evidence pack for the chosen cases with a progress bar and hands it to the browser's downloads.
 */
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { browser } from 'wxt/browser';
import { buildPack, StoredBytesMismatchError, type Demand, type PackResult } from '@/src/bundle/index';
import { loadPackCases, loadPackDeadlines } from '@/src/cases/load-pack-input';
import { blobHashers, type BlobHashers } from '@/src/cases/blob-hashers';
import { blobsReader } from '@/src/cases/blobs-reader';
import { checkStoredBytes, type StoredBytesCheck, type StoredCheckState } from '@/src/cases/stored-bytes-check';
import { readSettings } from '@/src/settings/store';
import { evidenceTime } from '@/src/shared/time';
import { getDb } from '@/src/store/db';
import { caseCaptures } from '@/src/store/repo';
import { downloadWatched } from '@/src/ui/download';
import type { Language, MessageKey } from '@/src/ui/i18n';
import { useT } from '@/src/ui/language';

const DEMAND_LABEL: Record<Demand, MessageKey> = {
  refund: 'demand_refund',
  'refund-interest-costs': 'demand_refund_interest_costs',
  'triple-compensation': 'demand_triple_compensation',
};
const DEMANDS: readonly Demand[] = ['refund', 'refund-interest-costs', 'triple-compensation'];

/** Packs go to mainland shops, payment platforms and 12315: simplified Chinese unless the interface is English. */
function packLanguage(language: Language): 'zh-CN' | 'en' {
  return language === 'en' ? 'en' : 'zh-CN';
}

/** The check of the stored bytes as the page shows it; `endedAt` (local wall time) once it has finished. */
type ShownCheck = StoredCheckState & { endedAt: string | null };

/** The export page. */
export function ExportApp(): ReactNode {
  const { t, language } = useT();
  const [caseIds] = useState(() => (new URLSearchParams(location.search).get('cases') ?? '').split(',').filter((id) => id !== ''));
  const [demand, setDemand] = useState<Demand>('refund');
  const [mask, setMask] = useState(true);
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [result, setResult] = useState<{ pack: PackResult; url: string } | null>(null);
  // `altered`: a capture's stored bytes no longer match their recorded hash (explained in the page's language).
  const [error, setError] = useState<{ message: string; altered: boolean } | null>(null);
  // The browser may still interrupt the download after it started (disk full, the file removed meanwhile).
  const [interrupted, setInterrupted] = useState<string | null>(null);
  const [titles, setTitles] = useState<string[]>([]);
  const [check, setCheck] = useState<ShownCheck | null>(null);

  useEffect(() => {
    // The user's defaults from the options page preselect the choices (still changeable here).
    void readSettings().then((settings) => {
      setDemand(settings.defaultDemand);
      setMask(settings.maskPrivacy);
    });
  }, []);
  useEffect(() => {
    void getDb()
      .cases.bulkGet(caseIds)
      .then((list) => setTitles(list.flatMap((c) => (c === undefined ? [] : [c.title]))));
  }, [caseIds]);
  useEffect(() => () => {
    if (result !== null) {
      URL.revokeObjectURL(result.url);
    }
  }, [result]);
  // The hashing workers live as long as the page. They start at once on the check of every chosen capture's
  // stored bytes (stored-bytes-check.ts): its outcome is shown before the user clicks, and an export soon after
  // takes the hashes it computed instead of reading every capture again.
  const workers = useRef<{ hashers: BlobHashers; check: StoredBytesCheck | null } | null>(null);
  useEffect(() => {
    const hashers = blobHashers();
    const current: { hashers: BlobHashers; check: StoredBytesCheck | null } = { hashers, check: null };
    workers.current = current;
    const db = getDb();
    void (async () => {
      // In the order the pack takes them (case by case, oldest capture first), so an early click waits least.
      const perCase = await Promise.all(caseIds.map((id) => caseCaptures(db, id)));
      if (workers.current !== current) {
        return;
      }
      const started = performance.now();
      // One screen update per frame at most: a case of thousands of captures reports thousands of steps.
      let latest: StoredCheckState | null = null;
      const show = (): void => {
        if (latest !== null && workers.current === current) {
          setCheck({ ...latest, endedAt: null });
        }
        latest = null;
      };
      current.check = checkStoredBytes({
        captures: perCase.flat(),
        readBlobs: blobsReader(db),
        hashBlob: hashers.hash,
        onProgress: (state) => {
          if (latest === null) {
            requestAnimationFrame(show);
          }
          latest = state;
        },
      });
      const state = await current.check.done;
      // A frame still pending must not show "running" over the outcome.
      latest = null;
      // For `npm run bench`, which reports how long the check took beside the export it spares.
      performance.measure('liuzheng-stored-check', { start: started, detail: { files: state.total } });
      setCheck({ ...state, endedAt: evidenceTime().iso.slice(0, 19).replace('T', ' ') });
    })().catch(() => {
      // The captures could not be listed (storage closing): no check to show, and an export hashes every capture.
    });
    return () => {
      workers.current = null;
      hashers.close();
    };
  }, [caseIds]);

  // Leaving while an export runs would drop it, or leave a pack whose captures were not all checked yet: the
  // browser asks first.
  const exporting = progress !== null;
  useEffect(() => {
    if (!exporting) {
      return undefined;
    }
    const askFirst = (event: BeforeUnloadEvent): void => {
      event.preventDefault();
    };
    window.addEventListener('beforeunload', askFirst);
    return () => window.removeEventListener('beforeunload', askFirst);
  }, [exporting]);

  async function run(): Promise<void> {
    setError(null);
    setInterrupted(null);
    setResult(null);
    setProgress({ done: 0, total: 1 });
    const started = performance.now();
    const db = getDb();
    const { hashers, check: stored } = workers.current ?? { hashers: blobHashers(), check: null };
    let hashedDuringExport = 0;
    try {
      const pack = await buildPack({
        cases: await loadPackCases(db, caseIds),
        getBlobs: blobsReader(db),
        // The page's check computed these hashes from the stored bytes minutes ago at most; anything it did not
        // cover (a capture added since, a check too old) is hashed now, beside writing the file.
        hashBlob: (blob, recordedSha256) => {
          const hashNow = (): Promise<string> => {
            hashedDuringExport += 1;
            return hashers.hash(blob);
          };
          // A file the check could not read is tried again: the export has just read it from storage itself.
          return stored?.hashOf(recordedSha256)?.catch(hashNow) ?? hashNow();
        },
        options: { language: packLanguage(language), maskPrivacy: mask, demand, createdAt: evidenceTime(), generator: `留证 ${browser.runtime.getManifest().version}`, deadlines: await loadPackDeadlines(caseIds) },
        onProgress: (done, total) => setProgress({ done, total }),
      });
      const blob = pack.zip instanceof Blob ? pack.zip : new Blob([pack.zip as BlobPart], { type: 'application/zip' });
      const url = URL.createObjectURL(blob);
      // The browser writes the file while the workers finish checking the captures it refers to; a capture that
      // fails the check takes the file back off the disk, so no pack vouching for altered bytes is left.
      const handingOver = performance.now();
      const download = await downloadWatched(url, pack.fileName, setInterrupted);
      const zipped = performance.now();
      const written = download.finished.then(() => performance.now());
      try {
        await pack.bytesChecked;
      } catch (e) {
        await download.discard();
        URL.revokeObjectURL(url);
        throw e;
      }
      const checked = performance.now();
      setResult({ pack, url });
      // Where the time went, for `npm run bench` (read back with performance.getEntriesByName), once the file is
      // written too (the page does not wait for that: the browser's own list shows the download).
      void written.then((writtenAt) => {
        performance.measure('liuzheng-export', {
          start: started,
          detail: { ...pack.timings, downloadStartMs: zipped - handingOver, checkedMs: checked - started, writtenMs: writtenAt - started, hashedDuringExport },
        });
      });
    } catch (e) {
      setError({ message: e instanceof Error ? e.message : String(e), altered: e instanceof StoredBytesMismatchError });
    } finally {
      if (workers.current?.hashers !== hashers) {
        // The page was leaving: these workers were made for this export alone.
        hashers.close();
      }
      setProgress(null);
    }
  }

  return (
    <main style={{ maxWidth: 720, margin: '24px auto', padding: '0 16px' }}>
      <h1>{t('exportTitle')}</h1>
      <ul>
        {titles.map((title) => (
          <li key={title}>{title}</li>
        ))}
      </ul>
      {/* Nothing to say for cases without stored files (a chat-only case). */}
      {check !== null && check.total > 0 ? <StoredCheckStatus check={check} /> : null}
      <fieldset>
        <legend>{t('demand')}</legend>
        {DEMANDS.map((d) => (
          <label key={d} style={{ display: 'block', margin: '4px 0' }}>
            <input type="radio" name="demand" value={d} checked={demand === d} onChange={() => setDemand(d)} /> {t(DEMAND_LABEL[d])}
          </label>
        ))}
      </fieldset>
      <label style={{ display: 'block', margin: '12px 0' }}>
        <input type="checkbox" checked={mask} onChange={(e) => setMask(e.target.checked)} /> {t('maskPrivacy')}
      </label>
      <button type="button" className="primary" style={{ width: 'auto' }} disabled={progress !== null || caseIds.length === 0} onClick={() => void run()} data-testid="start-export">
        {progress !== null ? t('exporting') : t('startExport')}
      </button>
      {progress !== null ? <progress max={progress.total} value={progress.done} aria-label={t('exporting')} style={{ marginTop: 12 }} /> : null}
      {error !== null ? (
        <p className="error" role="alert" data-testid="export-error">
          {/* The pack core's own message names the item; the user also gets what it means in their language. */}
          {error.altered ? <>{t('exportCaptureAltered')} </> : null}
          {t('exportFailed')}
          {error.message}
        </p>
      ) : null}
      {interrupted !== null ? (
        <p className="error" role="alert" data-testid="export-download-interrupted">
          {t('downloadInterrupted', { reason: interrupted })}
        </p>
      ) : null}
      {result !== null ? (
        <p className="ok" role="status" data-testid="export-done">
          {t('exportDone')}
          <a href={result.url} download={result.pack.fileName}>
            {result.pack.fileName}
          </a>{' '}
          · {t('packFiles')} {result.pack.manifest.files.length}
        </p>
      ) : null}
    </main>
  );
}

/** Where the check of the stored bytes stands: running, all matching, or which captures are altered or unreadable. */
function StoredCheckStatus({ check }: { check: ShownCheck }): ReactNode {
  const { t } = useT();
  const problems = check.altered.length + check.unreadable.length > 0;
  const state = check.endedAt === null ? 'running' : problems ? 'problem' : 'ok';
  return (
    <div data-testid="stored-check" data-state={state} role="status">
      {state === 'running' ? <p>{t('storedCheckRunning', { checked: String(check.checked), total: String(check.total) })}</p> : null}
      {state === 'ok' ? <p className="ok">{t('storedCheckOk', { total: String(check.total), time: check.endedAt ?? '' })}</p> : null}
      {/* Capture ids are the store's own keys (never page text); shown as text all the same. */}
      {check.altered.length > 0 ? <p className="error">{t('storedCheckAltered', { count: String(check.altered.length), ids: check.altered.join(', ') })}</p> : null}
      {check.unreadable.length > 0 ? <p className="error">{t('storedCheckUnreadable', { count: String(check.unreadable.length), ids: check.unreadable.join(', ') })}</p> : null}
    </div>
  );
}
