/**
 * @module Drives the extension as a user does (open the popup for a tab, press 「取证」) and reads back
 * what it stored, straight from IndexedDB inside the extension (never from the page, whose globals a
 * hostile page may replace). Shared by the end-to-end tests, eval and bench.
 */
import type { Page, Worker } from 'playwright-core';
import type { ExtensionBrowser } from './chromium.ts';

/** The browser tab id showing `page`. */
export async function tabIdOf(sw: Worker, page: Page): Promise<number> {
  const url = page.url();
  const id = await sw.evaluate(async (target) => {
    const tabs = await chrome.tabs.query({});
    return tabs.find((t) => t.url === target)?.id ?? null;
  }, url);
  if (id === null) {
    throw new Error(`no tab shows ${url}`);
  }
  return id;
}

/** What the popup reported after a capture. */
export interface CaptureRun {
  ok: boolean;
  outcomeText: string;
  /**
   * From the click to the popup showing the stored result, timed inside the popup: the click event's own time
   * stamp to the moment the outcome element is inserted (a MutationObserver in the popup).
   */
  clickToStoredMs: number;
  /** The same seen from the test driver (adds Playwright's actionability checks and polling of the popup). */
  driverMs: number;
}

/** Opens the popup for `page`'s tab and presses the capture button, as a user does. */
export async function pressCapture(browser: ExtensionBrowser, page: Page, options: { lang?: 'zh-CN' | 'en'; pageInFront?: boolean } = {}): Promise<CaptureRun> {
  const tabId = await tabIdOf(browser.serviceWorker, page);
  const popup = await browser.context.newPage();
  try {
    await popup.goto(browser.extensionUrl(`popup.html?tabId=${tabId}${options.lang ? `&lang=${options.lang}` : ''}`));
    const button = popup.getByTestId('capture-button');
    await button.waitFor();
    await popup.waitForFunction(() => {
      const b = document.querySelector('[data-testid="capture-button"]');
      return b instanceof HTMLButtonElement && !b.disabled;
    });
    // Timed in the popup itself: the driver's clock adds its own round trips (hundreds of ms with a busy page).
    await popup.evaluate(() => {
      const marks: { click?: number; outcome?: number } = {};
      (window as unknown as { __liuzhengMarks: typeof marks }).__liuzhengMarks = marks;
      document.addEventListener('click', (event) => (marks.click ??= event.timeStamp), { capture: true });
      const observer = new MutationObserver(() => {
        if (marks.click !== undefined && document.querySelector('[data-testid="capture-outcome"]') !== null) {
          marks.outcome = performance.now();
          observer.disconnect();
        }
      });
      observer.observe(document, { subtree: true, childList: true });
    });
    if (options.pageInFront === true) {
      // A real popup floats over the page, whose tab stays active; the popup opened as a tab here would hide it,
      // and the capture would first have to bring it back. Bring it back now and click the popup behind it.
      await page.bringToFront();
    }
    const started = Date.now();
    await button.click();
    const outcome = popup.getByTestId('capture-outcome');
    await outcome.waitFor({ timeout: 60_000 });
    const driverMs = Date.now() - started;
    const marks = await popup.evaluate(() => (window as unknown as { __liuzhengMarks: { click?: number; outcome?: number } }).__liuzhengMarks);
    const clickToStoredMs = marks.click !== undefined && marks.outcome !== undefined ? Math.round(marks.outcome - marks.click) : driverMs;
    const outcomeText = (await outcome.textContent()) ?? '';
    const ok = (await outcome.getAttribute('role')) === 'status';
    return { ok, outcomeText, clickToStoredMs, driverMs };
  } finally {
    await popup.close();
  }
}

/** A stored capture as read back, with its bytes re-hashed inside the extension. */
export interface StoredCapture {
  id: string;
  caseId: string;
  batchId: string;
  kind: string;
  mime: string;
  bytes: number;
  sha256: string;
  capturedAt: string;
  timeZone: string;
  sourceUrl: string;
  frameUrl: string | null;
  note: string | null;
  /** SHA-256 recomputed from the stored bytes. */
  recomputed: string | null;
  /** For images: distinct colours among sampled pixels (a blank image has 1). */
  distinctColours: number | null;
  /** For text items: the first 20,000 characters. */
  textSample: string | null;
}

/** Everything the extension stored, read with raw IndexedDB inside the service worker. */
export interface StoreDump {
  cases: Record<string, unknown>[];
  captures: StoredCapture[];
  events: Record<string, unknown>[];
  messages: Record<string, unknown>[];
}

/**
 * tsx (esbuild with keepNames) wraps named inner functions in `__name(...)`; functions shipped into the
 * browser by evaluate() then need that helper there too. Playwright's own test runner does not do this.
 */
export async function installNameShim(sw: Worker): Promise<void> {
  await sw.evaluate('globalThis.__name ??= (fn) => fn');
}

/** Reads back the database through the service worker, re-hashing every blob. */
export async function dumpStore(sw: Worker): Promise<StoreDump> {
  await installNameShim(sw);
  return sw.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open('liuzheng');
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(new Error(String(req.error)));
    });
    const all = (store: string): Promise<Record<string, unknown>[]> =>
      new Promise((resolve, reject) => {
        if (!db.objectStoreNames.contains(store)) {
          resolve([]);
          return;
        }
        const req = db.transaction(store).objectStore(store).getAll();
        req.onsuccess = () => resolve(req.result as Record<string, unknown>[]);
        req.onerror = () => reject(new Error(String(req.error)));
      });
    const [cases, captures, blobs, events, messages] = await Promise.all([all('cases'), all('captures'), all('blobs'), all('events'), all('messages')]);
    db.close();
    // Stored as a Blob, or as bytes by earlier builds: read either into bytes.
    const blobBySha = new Map<string, Uint8Array>();
    for (const b of blobs) {
      blobBySha.set(String(b.sha256), b.data instanceof Blob ? new Uint8Array(await b.data.arrayBuffer()) : (b.data as Uint8Array));
    }
    const hex = (buf: ArrayBuffer): string => [...new Uint8Array(buf)].map((b) => b.toString(16).padStart(2, '0')).join('');
    const out = [];
    for (const c of captures) {
      const data = blobBySha.get(String(c.sha256));
      let distinctColours: number | null = null;
      let textSample: string | null = null;
      if (data !== undefined && String(c.mime).startsWith('image/')) {
        const bitmap = await createImageBitmap(new Blob([data as BlobPart], { type: String(c.mime) }));
        const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
        const ctx = canvas.getContext('2d');
        if (ctx !== null) {
          ctx.drawImage(bitmap, 0, 0);
          const colours = new Set<string>();
          const stepX = Math.max(1, Math.floor(bitmap.width / 40));
          const stepY = Math.max(1, Math.floor(bitmap.height / 40));
          const pixels = ctx.getImageData(0, 0, bitmap.width, bitmap.height).data;
          for (let y = 0; y < bitmap.height; y += stepY) {
            for (let x = 0; x < bitmap.width; x += stepX) {
              const i = (y * bitmap.width + x) * 4;
              colours.add(`${pixels[i]},${pixels[i + 1]},${pixels[i + 2]}`);
            }
          }
          distinctColours = colours.size;
        }
      } else if (data !== undefined) {
        textSample = new TextDecoder().decode(data).slice(0, 20_000);
      }
      out.push({
        id: String(c.id),
        caseId: String(c.caseId),
        batchId: String(c.batchId),
        kind: String(c.kind),
        mime: String(c.mime),
        bytes: Number(c.bytes),
        sha256: String(c.sha256),
        capturedAt: String(c.capturedAt),
        timeZone: String(c.timeZone),
        sourceUrl: String(c.sourceUrl),
        frameUrl: typeof c.frameUrl === 'string' ? c.frameUrl : null,
        note: typeof c.note === 'string' ? c.note : null,
        recomputed: data === undefined ? null : hex(await crypto.subtle.digest('SHA-256', data as BufferSource)),
        distinctColours,
        textSample,
      });
    }
    return { cases, captures: out, events, messages };
  });
}
