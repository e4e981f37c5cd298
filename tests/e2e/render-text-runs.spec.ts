/**
 * The extension's html2canvas-pro draws a text node laid out on one line as one run (scripts/vite/html2canvas-text-runs.ts).
 * In real Chromium: where it does, the image must be at least as close to the browser's own screenshot as the
 * library's word-by-word drawing; where it must not (wrapped, justified, spaced, right-to-left, vertical,
 * decorated text, a ::first-letter, kept tabs), the pixels must be the library's.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { orderPageHtml } from '../../scripts/lib/bench-pages.ts';
import { chromiumPath } from '../../scripts/lib/chromium.ts';
import { lazyStyleReads } from '../../scripts/vite/html2canvas-lazy-styles.ts';
import { transformHtml2canvasPro } from '../../scripts/vite/html2canvas-pro-build.ts';
import { singleLineTextRuns } from '../../scripts/vite/html2canvas-text-runs.ts';
import { FIXTURES, expect, test } from './fixtures.ts';
import { browserScreenshot, distance, draw, openWithRenderers } from './render-compare.ts';

const require = createRequire(import.meta.url);

let browser: Browser;
let published = '';
/** The library as the extension built it before this transform (lazy style reads only; the same pixels as published). */
let wordByWord = '';
/** The extension's build. */
let extension = '';

test.beforeAll(async () => {
  published = await readFile(path.join(path.dirname(require.resolve('html2canvas-pro')), 'html2canvas-pro.esm.js'), 'utf8');
  wordByWord = lazyStyleReads(published);
  extension = transformHtml2canvasPro(published);
  browser = await chromium.launch({ executablePath: chromiumPath(), args: ['--no-sandbox'] });
});

test.afterAll(async () => {
  await browser.close();
});

/**
 * Pages to draw, and whether drawing them in runs must change the image. It must where the page names its font
 * (Noto Sans CJK, installed by .ci/run): the canvas then measures each line exactly as laid out (≤ 0.016 px).
 * Pages left to the browser's default fonts may have every line's width differ a little between layout and
 * canvas (the canvas resolving another font), and then every line is drawn word by word.
 */
const singleLinePages: [string, () => Promise<string>, { mustChange: boolean }][] = [
  ['single-line shop text (prices, no-break and full-width spaces, emoji, shadows, small caps, an ellipsis)', () => readFile(path.join(FIXTURES, 'pages/render-text-runs.html'), 'utf8'), { mustChange: true }],
  ["the bench's 789-element order page", () => Promise.resolve(orderPageHtml(789)), { mustChange: true }],
  ['a Chinese order page', () => readFile(path.join(FIXTURES, 'pages/order-zh.html'), 'utf8'), { mustChange: false }],
  ['a card-shop order detail page', () => readFile(path.join(FIXTURES, 'shops/dujiaoka-hyper-bill.html'), 'utf8'), { mustChange: false }],
  ['a page of many CSS properties', () => readFile(path.join(FIXTURES, 'pages/render-styles.html'), 'utf8'), { mustChange: false }],
];

for (const [name, html, { mustChange }] of singleLinePages) {
  test(`one run per line draws ${name} at least as close to the browser's screenshot as word by word`, async () => {
    const page = await openWithRenderers(browser, await html(), { wordByWord, extension });
    try {
      const size = await draw(page, 'wordByWord');
      await draw(page, 'extension');
      expect(size.colours).toBeGreaterThan(5);
      const screenshot = await browserScreenshot(page, size);
      const library = await distance(page, 'wordByWord', { screenshotPng: screenshot });
      const runs = await distance(page, 'extension', { screenshotPng: screenshot });
      if (mustChange) {
        // The runs were taken: the image changed.
        expect((await distance(page, 'extension', { drawn: 'wordByWord' })).differing).toBeGreaterThan(0);
      }
      // Glyphs are where the browser put them: no more pixels far off than word by word, no larger difference on average.
      expect(runs.far).toBeLessThanOrEqual(library.far);
      expect(runs.meanDifference).toBeLessThanOrEqual(library.meanDifference);
    } finally {
      await page.close();
    }
  });
}

/** The extension's build draws `html` pixel for pixel as the published library: the transform left it word by word. */
async function expectLibraryPixels(html: string): Promise<void> {
  const page = await openWithRenderers(browser, html, { published, extension });
  try {
    const size = await draw(page, 'published');
    await draw(page, 'extension');
    expect(size.colours).toBeGreaterThan(5);
    expect((await distance(page, 'extension', { drawn: 'published' })).differing).toBe(0);
  } finally {
    await page.close();
  }
}

test('text one fillText cannot reproduce is drawn word by word, pixel for pixel as the library does', async () => {
  await expectLibraryPixels(await readFile(path.join(FIXTURES, 'pages/render-text-fallbacks.html'), 'utf8'));
});

/** Single-line text in a font this machine does not have (a shop's Windows and macOS fonts), then in the browser's default. */
const UNINSTALLED_FONT_PAGE = `<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><style>
  .shop { font-family: "Microsoft YaHei", "PingFang SC", sans-serif; } p { margin: 6px 16px; font-size: 15px; }
</style></head><body>
  <div class="shop"><p>订单号：D20240612200113KQ</p><p>商品名称：爱奇艺黄金VIP会员 年卡</p><p>实付金额：¥128.00 元</p><p>Order status: paid · 待发货</p></div>
  <p>下单时间：2024-06-12 20:01:13</p><p>联系客服 QQ 10001</p>
</body></html>`;

const uninstalledFontPages: [string, () => Promise<string>][] = [
  ["a shop's own fonts, not installed here", () => Promise.resolve(UNINSTALLED_FONT_PAGE)],
  ['a card-shop order detail page left to the default font', () => readFile(path.join(FIXTURES, 'shops/dujiaoka-hyper-bill.html'), 'utf8')],
];

for (const [name, html] of uninstalledFontPages) {
  // Layout and canvas fall back on their own; equal widths do not promise equal glyph positions (see the transform).
  test(`text in a font that is not installed is drawn word by word, pixel for pixel as the library does: ${name}`, async () => {
    await expectLibraryPixels(await html());
  });
}

test('the transform refuses an html2canvas-pro whose text measuring it does not recognise', () => {
  expect(() => singleLineTextRuns(published.replace('const textList = breakText(value, styles);', 'const textList = breakText(value, styles) ?? [];'))).toThrow(/source has changed/);
  expect(() => singleLineTextRuns(published.replace('var TextRenderer = class', 'var CanvasTextRenderer = class'))).toThrow(/source has changed/);
});
