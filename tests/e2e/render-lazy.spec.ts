/**
 * The extension's html2canvas-pro reads computed styles lazily (scripts/vite/html2canvas-lazy-styles.ts). These
 * tests draw the same pages with the library as published and with the transformed one, in real Chromium, and
 * require the same pixels: the transform may change when a value is read, never what is drawn.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { orderPageHtml } from '../../scripts/lib/bench-pages.ts';
import { chromiumPath } from '../../scripts/lib/chromium.ts';
import { lazyStyleReads } from '../../scripts/vite/html2canvas-lazy-styles.ts';
import { FIXTURES, expect, test } from './fixtures.ts';

const require = createRequire(import.meta.url);
const ORIGIN = 'http://render.test';

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

/** Serves `html` at render.test with both builds of the renderer beside it. */
async function openPage(html: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.route(`${ORIGIN}/**`, async (route) => {
    const url = new URL(route.request().url());
    if (url.pathname === '/published.js' || url.pathname === '/lazy.js') {
      await route.fulfill({ contentType: 'text/javascript', body: url.pathname === '/lazy.js' ? lazy : published });
    } else {
      await route.fulfill({ contentType: 'text/html; charset=utf-8', body: html });
    }
  });
  await page.goto(`${ORIGIN}/page.html`);
  return page;
}

/** Draws the page with each renderer (published, lazy, published again) and counts pixels that differ. */
async function compareRenders(page: Page): Promise<{ width: number; height: number; colours: number; lazyDiff: number; repeatDiff: number }> {
  return page.evaluate(async () => {
    type Renderer = (element: HTMLElement, options: Record<string, unknown>) => Promise<HTMLCanvasElement>;
    const load = async (file: string): Promise<Renderer> => ((await import(file)) as { default: Renderer }).default;
    const [publishedRender, lazyRender] = await Promise.all([load('/published.js'), load('/lazy.js')]);
    const root = document.documentElement;
    // The options the extension's renderer uses (src/capture/render-full-page.ts).
    const options = {
      scale: 1,
      width: Math.max(root.scrollWidth, document.body.scrollWidth, window.innerWidth),
      height: Math.max(root.scrollHeight, document.body.scrollHeight, window.innerHeight),
      windowWidth: window.innerWidth,
      windowHeight: window.innerHeight,
      x: 0,
      y: 0,
      scrollX: 0,
      scrollY: 0,
      backgroundColor: '#ffffff',
      logging: false,
      useCORS: false,
      imageTimeout: 3000,
    };
    const pixels = async (render: Renderer): Promise<{ data: Uint8ClampedArray; width: number; height: number }> => {
      const canvas = await render(root, options);
      const ctx = canvas.getContext('2d');
      if (ctx === null) {
        throw new Error('no 2d context');
      }
      return { data: ctx.getImageData(0, 0, canvas.width, canvas.height).data, width: canvas.width, height: canvas.height };
    };
    const differing = (a: Uint8ClampedArray, b: Uint8ClampedArray): number => {
      if (a.length !== b.length) {
        return Number.POSITIVE_INFINITY;
      }
      let count = 0;
      for (let i = 0; i < a.length; i += 4) {
        if (a[i] !== b[i] || a[i + 1] !== b[i + 1] || a[i + 2] !== b[i + 2] || a[i + 3] !== b[i + 3]) {
          count++;
        }
      }
      return count;
    };
    const first = await pixels(publishedRender);
    const lazyDrawn = await pixels(lazyRender);
    const again = await pixels(publishedRender);
    const colours = new Set<number>();
    for (let i = 0; i < first.data.length; i += 4 * 97) {
      colours.add(((first.data[i] ?? 0) << 16) | ((first.data[i + 1] ?? 0) << 8) | (first.data[i + 2] ?? 0));
    }
    return { width: first.width, height: first.height, colours: colours.size, lazyDiff: differing(first.data, lazyDrawn.data), repeatDiff: differing(first.data, again.data) };
  });
}

const pages: [string, () => Promise<string>][] = [
  ['many CSS properties (transforms, a paused animation, pseudo-elements, borders, shadows, masks, forms)', () => readFile(path.join(FIXTURES, 'pages/render-styles.html'), 'utf8')],
  ['a Chinese order page', () => readFile(path.join(FIXTURES, 'pages/order-zh.html'), 'utf8')],
  ['a page using oklch() colours', () => readFile(path.join(FIXTURES, 'pages/oklch.html'), 'utf8')],
  ["the bench's 789-element order page", () => Promise.resolve(orderPageHtml(789))],
  ['a card-shop order detail page', () => readFile(path.join(FIXTURES, 'shops/dujiaoka-hyper-bill.html'), 'utf8')],
];

for (const [name, html] of pages) {
  test(`lazy style reads draw ${name} pixel for pixel as html2canvas-pro does`, async () => {
    const page = await openPage(await html());
    try {
      const result = await compareRenders(page);
      // Drawing twice with the published library agrees with itself, so any difference would be the transform's.
      expect(result.repeatDiff).toBe(0);
      expect(result.colours).toBeGreaterThan(5);
      expect(result.height).toBeGreaterThan(300);
      expect(result.lazyDiff).toBe(0);
    } finally {
      await page.close();
    }
  });
}

test('the transform refuses an html2canvas-pro whose constructor it does not recognise', () => {
  expect(() => lazyStyleReads(published.replace('this[key] = parse(context, descriptor, declaration[cssProp]);', 'this[key] = parse(context, descriptor, declaration[cssProp] ?? null);'))).toThrow(/source has changed/);
});
