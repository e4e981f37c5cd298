/**
 * Firefox smoke test (npm run test:firefox): the Firefox build, installed as a temporary add-on in Debian's
 * firefox-esr over WebDriver BiDi, recognises an order page (its content script reports to the background,
 * which opens a case in IndexedDB) and its popup, cases and options pages render.
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
    const options = await firefox.openTab(`${firefox.extensionBase}options.html?lang=en`);
    await poll(async () => ((await firefox.evaluate(options, `document.querySelector('h1')?.textContent ?? ''`)) === '' ? null : true), 'the options page');
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
});
