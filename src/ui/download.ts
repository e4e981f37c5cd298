/**
 * @module Hands a file this page made (a blob: URL) to the browser's downloads, and reports when the browser
 * interrupts that download afterwards (disk full, refused, folder removed), so the page can say so and still
 * offer the file.
 */
import { browser, type Browser } from 'wxt/browser';

/** Starts the download; `onInterrupted` gets the browser's reason if it stops before the file is written. */
export async function downloadWatched(url: string, filename: string, onInterrupted: (reason: string) => void): Promise<void> {
  const downloadId = await browser.downloads.download({ url, filename, saveAs: false });
  const watch = (delta: Browser.downloads.DownloadDelta): void => {
    if (delta.id !== downloadId || delta.state === undefined) {
      return;
    }
    browser.downloads.onChanged.removeListener(watch);
    if (delta.state.current === 'interrupted') {
      onInterrupted(delta.error?.current ?? 'interrupted');
    }
  };
  browser.downloads.onChanged.addListener(watch);
  // A download refused at once may have ended before the listener existed.
  const [item] = await browser.downloads.search({ id: downloadId });
  if (item?.state === 'interrupted') {
    browser.downloads.onChanged.removeListener(watch);
    onInterrupted(item.error ?? 'interrupted');
  }
}
