/**
 * The extension's html2canvas-pro makes the page copy's document without `document.open()` where the browser
 * refuses it to the renderer (Firefox's content scripts; scripts/vite/html2canvas-srcdoc-clone.ts). In real
 * Chromium, where `open()` is allowed: the transformed library draws exactly what the published one draws, and so
 * does its path without `open()` when forced — on standards-mode pages and on a quirks-mode page, whose mode the
 * copy must keep. The Firefox smoke test (tests/firefox/smoke.test.ts) captures a page through that path for real.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { chromiumPath } from '../../scripts/lib/chromium.ts';
import { srcdocCloneFallback } from '../../scripts/vite/html2canvas-srcdoc-clone.ts';
import { FIXTURES, expect, test } from './fixtures.ts';
import { distance, draw, openWithRenderers } from './render-compare.ts';

const require = createRequire(import.meta.url);

let browser: Browser;
let published = '';
/** The transform alone: Chromium allows open(), so this takes the library's own path. */
let transformed = '';
/** The transform with its open() made to fail, as in Firefox: the path without open(). */
let withoutOpen = '';

/** The transform's open() probe, which the forced build replaces by a refusal. */
const OPEN_PROBE = 'documentClone.open();\n\t\treturn true;';

test.beforeAll(async () => {
  published = await readFile(path.join(path.dirname(require.resolve('html2canvas-pro')), 'html2canvas-pro.esm.js'), 'utf8');
  transformed = srcdocCloneFallback(published);
  expect(transformed.split(OPEN_PROBE)).toHaveLength(2);
  withoutOpen = transformed.replace(OPEN_PROBE, 'throw new DOMException("The operation is insecure.", "SecurityError");');
  browser = await chromium.launch({ executablePath: chromiumPath(), args: ['--no-sandbox'] });
});

test.afterAll(async () => {
  await browser.close();
});

/*
 * A quirks-mode page (no doctype) that draws differently in standards mode: in quirks mode a table does not
 * inherit the body's font size, so the cell's text is 16 px there and 40 px in standards mode.
 */
const QUIRKS_PAGE = `<html><head><meta charset="utf-8"><title>quirks</title></head>
<body style="font-size:40px;margin:8px;font-family:'Noto Sans CJK SC',sans-serif">
<table style="border:2px solid #333"><tr><td>订单号 KM2026</td><td style="background:#fde">￥99.00</td></tr></table>
<p style="color:#c00">售后说明：未发货可退款</p>
</body></html>`;

const pages: [string, () => Promise<string>][] = [
  ['a standards-mode Chinese order page', () => readFile(path.join(FIXTURES, 'pages/order-zh.html'), 'utf8')],
  ['a standards-mode page of many CSS properties', () => readFile(path.join(FIXTURES, 'pages/render-styles.html'), 'utf8')],
  ['a quirks-mode page', () => Promise.resolve(QUIRKS_PAGE)],
];

for (const [name, html] of pages) {
  test(`the page copy made without document.open() is drawn pixel for pixel as the library's own: ${name}`, async () => {
    const page = await openWithRenderers(browser, await html(), { published, transformed, withoutOpen });
    try {
      const size = await draw(page, 'published');
      expect(size.colours).toBeGreaterThan(3);
      await draw(page, 'transformed');
      await draw(page, 'withoutOpen');
      expect((await distance(page, 'transformed', { drawn: 'published' })).differing).toBe(0);
      expect((await distance(page, 'withoutOpen', { drawn: 'published' })).differing).toBe(0);
    } finally {
      await page.close();
    }
  });
}

test('the quirks-mode page is one whose mode changes the image (the check above can fail)', async () => {
  const standards = `<!DOCTYPE html>${QUIRKS_PAGE}`;
  const quirks = await openWithRenderers(browser, QUIRKS_PAGE, { published });
  const other = await openWithRenderers(browser, standards, { published });
  try {
    const a = await draw(quirks, 'published');
    const b = await draw(other, 'published');
    expect(await quirks.evaluate(() => document.compatMode)).toBe('BackCompat');
    expect(await other.evaluate(() => document.compatMode)).toBe('CSS1Compat');
    // Same canvas size (the viewport), different drawing: the table's text size differs.
    expect([a.width, a.height]).toEqual([b.width, b.height]);
    const pngA = await quirks.evaluate(() => (globalThis as unknown as { drawn: Record<string, HTMLCanvasElement> }).drawn.published?.toDataURL() ?? '');
    const pngB = await other.evaluate(() => (globalThis as unknown as { drawn: Record<string, HTMLCanvasElement> }).drawn.published?.toDataURL() ?? '');
    expect(pngA).not.toBe(pngB);
  } finally {
    await quirks.close();
    await other.close();
  }
});

test('the transform refuses an html2canvas-pro whose page copy it does not recognise', () => {
  expect(() => srcdocCloneFallback(published.replace('\tdocumentClone.open();\n', '\tdocumentClone.open("text/html");\n'))).toThrow(/source has changed/);
  expect(() => srcdocCloneFallback(published.replace('const addBase = (targetELement, baseUri)', 'const addBaseElement = (targetELement, baseUri)'))).toThrow(/source has changed/);
});
