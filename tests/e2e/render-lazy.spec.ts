/**
 * The extension's html2canvas-pro reads computed styles lazily (scripts/vite/html2canvas-lazy-styles.ts). These
 * tests draw the same pages with the library as published and with the transformed one, in real Chromium, and
 * require the same pixels: the transform may change when a value is read, never what is drawn.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { orderPageHtml } from '../../scripts/lib/bench-pages.ts';
import { chromiumPath } from '../../scripts/lib/chromium.ts';
import { lazyStyleReads } from '../../scripts/vite/html2canvas-lazy-styles.ts';
import { FIXTURES, expect, test } from './fixtures.ts';
import { distance, draw, openWithRenderers } from './render-compare.ts';

const require = createRequire(import.meta.url);

let browser: Browser;
let published = '';
let lazy = '';

test.beforeAll(async () => {
  published = await readFile(path.join(path.dirname(require.resolve('html2canvas-pro')), 'html2canvas-pro.esm.js'), 'utf8');
  lazy = lazyStyleReads(published);
  browser = await chromium.launch({ executablePath: chromiumPath(), args: ['--no-sandbox'] });
});

test.afterAll(async () => {
  await browser.close();
});

const pages: [string, () => Promise<string>][] = [
  ['many CSS properties (transforms, a paused animation, pseudo-elements, borders, shadows, masks, forms)', () => readFile(path.join(FIXTURES, 'pages/render-styles.html'), 'utf8')],
  ['a Chinese order page', () => readFile(path.join(FIXTURES, 'pages/order-zh.html'), 'utf8')],
  ['a page using oklch() colours', () => readFile(path.join(FIXTURES, 'pages/oklch.html'), 'utf8')],
  ["the bench's 789-element order page", () => Promise.resolve(orderPageHtml(789))],
  ['a card-shop order detail page', () => readFile(path.join(FIXTURES, 'shops/dujiaoka-hyper-bill.html'), 'utf8')],
];

for (const [name, html] of pages) {
  test(`lazy style reads draw ${name} pixel for pixel as html2canvas-pro does`, async () => {
    const page = await openWithRenderers(browser, await html(), { published, lazy });
    try {
      const drawn = await draw(page, 'published');
      await draw(page, 'lazy');
      await draw(page, 'published', 'published-again');
      // Drawing twice with the published library agrees with itself, so any difference would be the transform's.
      expect((await distance(page, 'published-again', { drawn: 'published' })).differing).toBe(0);
      expect(drawn.colours).toBeGreaterThan(5);
      expect(drawn.height).toBeGreaterThan(300);
      expect((await distance(page, 'lazy', { drawn: 'published' })).differing).toBe(0);
    } finally {
      await page.close();
    }
  });
}

test('the transform refuses an html2canvas-pro whose constructor it does not recognise', () => {
  expect(() => lazyStyleReads(published.replace('this[key] = parse(context, descriptor, declaration[cssProp]);', 'this[key] = parse(context, descriptor, declaration[cssProp] ?? null);'))).toThrow(/source has changed/);
});
