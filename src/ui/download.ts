/**
 * @module Hands a file this page made (a blob: URL) to the browser's downloads, and reports when the browser
 * interrupts that download afterwards (disk full, refused, folder removed), so the page can say so and still
 * offer the file.
 */
import { browser, type Browser } from 'wxt/browser';

/** How often the download's state is read again while it is still running. */
const RECHECK_MS = 1_000;

/** A download handed to the browser. */
export interface WatchedDownload {
  /** Settles when the browser has finished with it: 'complete' once the whole file is written, else 'interrupted'. */
  finished: Promise<'complete' | 'interrupted'>;
  /** Cancels it, deletes the file if already written and drops it from the browser's list; not reported as interrupted. */
  discard: () => Promise<void>;
}

/** Starts the download; `onInterrupted` gets the browser's reason if it stops before the file is written. */
export async function downloadWatched(url: string, filename: string, onInterrupted: (reason: string) => void): Promise<WatchedDownload> {
  let downloadId: number | undefined;
  let settled = false;
  let discarded = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let reportFinished: (state: 'complete' | 'interrupted') => void = () => undefined;
  const finished = new Promise<'complete' | 'interrupted'>((resolve) => {
    reportFinished = resolve;
  });
  const settle = (state: string, reason: string | undefined): void => {
    if (settled || state === 'in_progress') {
      return;
    }
    settled = true;
    reportFinished(state === 'complete' ? 'complete' : 'interrupted');
    browser.downloads.onChanged.removeListener(watch);
    clearTimeout(timer);
    if (state === 'interrupted' && !discarded) {
      onInterrupted(reason ?? 'interrupted');
    }
  };
  // Changes that arrive before download() has told us the id are kept, then judged once it is known.
  const early: Browser.downloads.DownloadDelta[] = [];
  const watch = (delta: Browser.downloads.DownloadDelta): void => {
    if (downloadId === undefined) {
      early.push(delta);
    } else if (delta.id === downloadId && delta.state !== undefined) {
      settle(delta.state.current ?? 'in_progress', delta.error?.current);
    }
  };
  // Listening before the download starts: the listener is registered with the browser over a different channel
  // from the download call, so a download refused at once could otherwise end before anyone listens.
  browser.downloads.onChanged.addListener(watch);
  try {
    downloadId = await browser.downloads.download({ url, filename, saveAs: false });
  } catch (e) {
    browser.downloads.onChanged.removeListener(watch);
    throw e;
  }
  for (const delta of early) {
    watch(delta);
  }
  // And the state is read back until it settles, so that an event lost in that race still cannot leave the
  // page claiming a download the browser gave up.
  const recheck = async (): Promise<void> => {
    const [item] = await browser.downloads.search({ id: downloadId });
    if (item === undefined) {
      settle('interrupted', 'removed');
    } else {
      settle(item.state, item.error);
    }
    if (!settled) {
      timer = setTimeout(() => void recheck(), RECHECK_MS);
    }
  };
  await recheck();
  const id = downloadId;
  return {
    finished,
    discard: async () => {
      discarded = true;
      // Each step may find nothing to do (already complete, already gone); the next still runs.
      await browser.downloads.cancel(id).catch(() => undefined);
      const [item] = await browser.downloads.search({ id }).catch(() => []);
      if (item?.state === 'complete') {
        await browser.downloads.removeFile(id).catch(() => undefined);
      }
      await browser.downloads.erase({ id }).catch(() => undefined);
      settle('interrupted', 'discarded');
    },
  };
}
