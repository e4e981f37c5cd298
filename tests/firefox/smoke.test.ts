/**
 * Firefox smoke test (npm run test:firefox): the Firefox build, installed as a temporary add-on in Debian's
 * firefox-esr over WebDriver BiDi, recognises an order page (its content script reports to the background,
 * which opens a case in IndexedDB), a support chat is saved message by message, the popup's 「取证」 captures a
 * page with its full-page image, its popup, cases and options pages render, and its export page builds a pack
 * (its hashing workers included).
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchFirefoxWithAddon, type FirefoxWithAddon } from '../../scripts/lib/firefox.ts';
import { serveStatic, type StaticServer } from '../../scripts/lib/static-server.ts';

const ORDER_NO = 'R7KQ2M9XW4PLTAAA';
/** The order of tests/fixtures/pages/order-zh.html, opened while its site is paused. */
const PAUSED_ORDER_NO = 'K8QW2M7ZP4XR9T1A';

async function poll<T>(probe: () => Promise<T | null>, what: string, timeoutMs = 20_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== null) {
      return value;
    }
    if (Date.now() > until) {
      throw new Error(`timed out waiting for ${what}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

describe('Firefox build', () => {
  let server: StaticServer;
  let firefox: FirefoxWithAddon;
  beforeAll(async () => {
    server = await serveStatic(path.resolve('tests/fixtures'));
    firefox = await launchFirefoxWithAddon();
  }, 60_000);
  afterAll(async () => {
    await firefox.close();
    await server.close();
  });

  /** Opens one of the add-on's pages in a new tab and waits until it shows its heading. */
  async function openShown(page: string, what: string): Promise<string> {
    const tab = await firefox.openTab(`${firefox.extensionBase}${page}`);
    await poll(async () => ((await firefox.evaluate(tab, `document.querySelector('h1')?.textContent ?? ''`)) === '' ? null : true), what);
    return tab;
  }

  it('recognises an order page and lists its case on the cases page', async () => {
    await firefox.openTab(`${server.origin}/pages/order-relative.html?placedAgoMs=3600000`);
    const cases = await firefox.openTab(`${firefox.extensionBase}cases.html?lang=zh-CN`);
    const listed = await poll(async () => {
      await firefox.send('browsingContext.reload', { context: cases, wait: 'none' });
      // [data-testid=case-list]: the case list of the cases page
      const text = await firefox.evaluate(cases, `new Promise((r) => setTimeout(() => r(document.querySelector('[data-testid=case-list]')?.textContent ?? ''), 500))`);
      return typeof text === 'string' && text.includes(ORDER_NO) ? text : null;
    }, 'the order case in the cases page');
    expect(listed).toContain(ORDER_NO);
  }, 60_000);

  it('honours a paused site: no case while paused, the case once resumed', async () => {
    const options = await openShown('options.html?lang=en', 'the options page');
    // Writes the setting the way the popup's switch does (storage.local, read by content scripts and the background).
    const pause = (paused: boolean): Promise<unknown> =>
      firefox.evaluate(options, `browser.storage.local.set({ settings: { pausedOrigins: ${paused ? JSON.stringify([server.origin]) : '[]'} } }).then(() => true)`);
    await pause(true);
    // [data-testid=paused-sites]: the options page's list of paused sites, which follows the stored setting
    await poll(async () => {
      const listed = await firefox.evaluate(options, `document.querySelector('[data-testid=paused-sites]')?.textContent ?? ''`);
      return typeof listed === 'string' && listed.includes(server.origin) ? true : null;
    }, 'the paused site listed');
    const order = await firefox.openTab(`${server.origin}/pages/order-zh.html`);
    // Time enough to detect and report (the unpaused page above took about a second), then a fresh read of the list.
    await new Promise((resolve) => setTimeout(resolve, 4_000));
    const cases = await firefox.openTab(`${firefox.extensionBase}cases.html?lang=zh-CN`);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const whilePaused = await firefox.evaluate(cases, `document.querySelector('[data-testid=case-list]')?.textContent ?? ''`);
    expect(whilePaused).toContain(ORDER_NO);
    expect(whilePaused).not.toContain(PAUSED_ORDER_NO);
    await pause(false);
    // Resumed: the content script restarts on the settings change and reports the page it is on.
    await firefox.send('browsingContext.reload', { context: order, wait: 'complete' });
    const resumed = await poll(async () => {
      await firefox.send('browsingContext.reload', { context: cases, wait: 'none' });
      const text = await firefox.evaluate(cases, `new Promise((r) => setTimeout(() => r(document.querySelector('[data-testid=case-list]')?.textContent ?? ''), 500))`);
      return typeof text === 'string' && text.includes(PAUSED_ORDER_NO) ? text : null;
    }, 'the case after resuming');
    expect(resumed).toContain(PAUSED_ORDER_NO);
  }, 60_000);

  it('saves a support chat message by message (the chat saver in its own tasks)', async () => {
    const chat = await firefox.openTab(`${server.origin}/pages/live-chat.html`);
    const options = await openShown('options.html?lang=en', 'the options page');
    // The smoke helper returns primitives only: the texts come back as JSON.
    const stored = (): Promise<unknown> =>
      firefox.evaluate(
        options,
        `new Promise((resolve, reject) => { const r = indexedDB.open('liuzheng'); r.onerror = () => reject(r.error); r.onsuccess = () => { const q = r.result.transaction('messages').objectStore('messages').getAll(); q.onsuccess = () => resolve(JSON.stringify(q.result.map((m) => m.text).filter((t) => typeof t === 'string' && t.includes('火狐')).sort())); q.onerror = () => reject(q.error); }; })`,
      );
    await new Promise((resolve) => setTimeout(resolve, 1500));
    for (let i = 1; i <= 3; i++) {
      await firefox.evaluate(chat, `window.say('agent', '火狐测试消息 ${i}')`);
    }
    const texts = await poll(async () => {
      const found: unknown = JSON.parse(String(await stored()));
      return Array.isArray(found) && found.length >= 3 ? found : null;
    }, 'three chat messages in the database');
    expect(texts).toEqual(['火狐测试消息 1', '火狐测试消息 2', '火狐测试消息 3']);
  }, 60_000);

  it('captures a page from the popup: all five items, the full-page image drawn (its copy made without document.open())', async () => {
    const order = await firefox.openTab(`${server.origin}/pages/order-zh.html`);
    const options = await openShown('options.html?lang=en', 'the options page');
    const tabId = await firefox.evaluate(options, `browser.tabs.query({}).then((tabs) => tabs.find((t) => (t.url ?? '').endsWith('/pages/order-zh.html'))?.id ?? -1)`);
    expect(tabId).toBeGreaterThan(0);
    const popup = await firefox.openTab(`${firefox.extensionBase}popup.html?lang=en&tabId=${String(tabId)}`);
    // As under a real popup, the page's tab is the active one when the button is pressed (the visible screenshot is of it).
    await firefox.send('browsingContext.activate', { context: order });
    // [data-testid=capture-button]: the popup's 「取证」 button, enabled once the tab's state is known
    await poll(async () => ((await firefox.evaluate(popup, `(() => { const b = document.querySelector('[data-testid=capture-button]'); if (!b || b.disabled) return false; b.click(); return true; })()`)) === true ? true : null), 'the capture button');
    // [data-testid=capture-outcome]: the popup's result line
    const outcome = await poll(async () => {
      const text = await firefox.evaluate(popup, `document.querySelector('[data-testid=capture-outcome]')?.textContent ?? ''`);
      return text === '' ? null : String(text);
    }, 'the capture outcome', 60_000);
    expect(outcome).toContain('5 evidence items saved');
    expect(outcome).not.toContain('could not');
    // The stored full-page image, decoded in the add-on's page: the page's size and more than a blank page's colours.
    const fullPage = JSON.parse(
      String(
        await firefox.evaluate(
          options,
          `new Promise((resolve, reject) => { const r = indexedDB.open('liuzheng'); r.onerror = () => reject(r.error); r.onsuccess = () => { const db = r.result; const q = db.transaction('captures').objectStore('captures').getAll(); q.onsuccess = () => { const c = q.result.find((x) => x.kind === 'fullpage' && x.sourceUrl.endsWith('/pages/order-zh.html')); if (!c) { resolve('null'); return; } const g = db.transaction('blobs').objectStore('blobs').get(c.sha256); g.onsuccess = async () => { const d = g.result.data; const bitmap = await createImageBitmap(d instanceof Blob ? d : new Blob([d])); const canvas = new OffscreenCanvas(bitmap.width, bitmap.height); const ctx = canvas.getContext('2d'); ctx.drawImage(bitmap, 0, 0); const px = ctx.getImageData(0, 0, bitmap.width, bitmap.height).data; const colours = new Set(); for (let i = 0; i < px.length; i += 4 * 7) colours.add((px[i] << 16) | (px[i + 1] << 8) | px[i + 2]); resolve(JSON.stringify({ width: bitmap.width, height: bitmap.height, colours: colours.size })); }; }; }; })`,
        ),
      ),
    ) as { width: number; height: number; colours: number } | null;
    expect(fullPage).not.toBeNull();
    expect(fullPage?.width).toBeGreaterThan(300);
    expect(fullPage?.colours).toBeGreaterThan(5);
  }, 90_000);

  it('renders the popup and the options page in each language', async () => {
    const popup = await firefox.openTab(`${firefox.extensionBase}popup.html?lang=en`);
    // [data-testid=capture-button]: the popup's capture button
    const label = await poll(async () => {
      const text = await firefox.evaluate(popup, `document.querySelector('[data-testid=capture-button]')?.textContent ?? ''`);
      return text === '' ? null : text;
    }, 'the popup');
    expect(label).toBe('Capture');
    const options = await firefox.openTab(`${firefox.extensionBase}options.html?lang=zh-TW`);
    const heading = await poll(async () => {
      const text = await firefox.evaluate(options, `document.querySelector('h1')?.textContent ?? ''`);
      return text === '' ? null : text;
    }, 'the options page');
    expect(heading).toBe('留證設定');
  }, 60_000);

  it('exports a pack of a stored Blob (checked by its hashing workers) and of bytes stored by an earlier build', async () => {
    // The order case of the first test, plus two stored captures: one as the extension stores them now (a Blob
    // with its CRC-32: taken into the zip by reference, hashed by the export page's workers), one as earlier
    // builds did (bytes without a CRC-32: read into the page, checked and checksummed there).
    const exportTab = await openShown('export.html?lang=en', 'the export page');
    const caseId = await firefox.evaluate(
      exportTab,
      `(async () => {
        const db = await new Promise((resolve, reject) => { const r = indexedDB.open('liuzheng'); r.onsuccess = () => resolve(r.result); r.onerror = () => reject(r.error); });
        const all = (store) => new Promise((resolve, reject) => { const r = db.transaction(store).objectStore(store).getAll(); r.onsuccess = () => resolve(r.result); r.onerror = () => reject(r.error); });
        const kase = (await all('cases')).find((c) => c.orderNo === ${JSON.stringify(ORDER_NO)});
        const data = new Uint8Array(300000).map((_, i) => (i * 31) & 0xff);
        const sha256 = [...new Uint8Array(await crypto.subtle.digest('SHA-256', data))].map((b) => b.toString(16).padStart(2, '0')).join('');
        const blobData = new Uint8Array(200000).map((_, i) => (i * 17 + 3) & 0xff);
        const blobSha256 = [...new Uint8Array(await crypto.subtle.digest('SHA-256', blobData))].map((b) => b.toString(16).padStart(2, '0')).join('');
        // CRC-32 (IEEE), bit by bit: the test cannot import the extension's library here.
        let crc = 0xffffffff;
        for (const byte of blobData) { crc ^= byte; for (let k = 0; k < 8; k++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1)); }
        const blobCrc = (crc ^ 0xffffffff) >>> 0;
        const at = Date.now();
        const iso = new Date(at + 8 * 3600000).toISOString().slice(0, 23) + '+08:00';
        await new Promise((resolve, reject) => {
          const tx = db.transaction(['captures', 'blobs'], 'readwrite');
          tx.objectStore('blobs').put({ sha256, mime: 'image/png', bytes: data.length, data });
          tx.objectStore('captures').put({ id: 'firefox-capture-1', caseId: kase.id, batchId: 'firefox-batch-1', kind: 'visible', mime: 'image/png', bytes: data.length, sha256, capturedAt: iso, capturedAtMs: at, timeZone: 'Asia/Shanghai', sourceUrl: 'http://shop.example/order', frameUrl: null, title: 'order', note: null });
          tx.objectStore('blobs').put({ sha256: blobSha256, mime: 'image/png', bytes: blobData.length, data: new Blob([blobData], { type: 'image/png' }), crc32: blobCrc });
          tx.objectStore('captures').put({ id: 'firefox-capture-2', caseId: kase.id, batchId: 'firefox-batch-1', kind: 'fullpage', mime: 'image/png', bytes: blobData.length, sha256: blobSha256, capturedAt: iso, capturedAtMs: at, timeZone: 'Asia/Shanghai', sourceUrl: 'http://shop.example/order', frameUrl: null, title: 'order', note: null });
          tx.oncomplete = () => resolve(true);
          tx.onerror = () => reject(tx.error);
        });
        db.close();
        return kase.id;
      })()`,
    );
    expect(typeof caseId).toBe('string');
    await firefox.send('browsingContext.navigate', { context: exportTab, url: `${firefox.extensionBase}export.html?lang=en&cases=${String(caseId)}`, wait: 'none' });
    // [data-testid=start-export]: the export page's button, enabled once the chosen case is loaded
    await poll(async () => ((await firefox.evaluate(exportTab, `(() => { const b = document.querySelector('[data-testid=start-export]'); if (!b || b.disabled) return false; b.click(); return true; })()`)) === true ? true : null), 'the export button');
    // [data-testid=export-done] / [data-testid=export-error]: the export page's outcome
    const outcome = await poll(async () => {
      const text = await firefox.evaluate(exportTab, `document.querySelector('[data-testid=export-done], [data-testid=export-error]')?.textContent ?? ''`);
      return text === '' ? null : String(text);
    }, 'the export outcome', 60_000);
    expect(outcome).toContain('Evidence pack ready');
  }, 90_000);
});
