// throwaway (moved to /tmp after): measures detector on generated pages
import { chromium } from 'playwright-core';
import { benchDetector, ordinaryPageWithOrderWordsHtml, type OrdinaryPageKind } from './scripts/lib/detector-bench.ts';
import { orderPageHtml } from './scripts/lib/bench-pages.ts';

const runs = Number(process.argv[2] ?? 200);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true });
const page = await browser.newPage();
const kinds: (OrdinaryPageKind | 'order')[] = ['news', 'news-order-word', 'portal', 'forum', 'order'];
for (const kind of kinds) {
  const html = kind === 'order' ? orderPageHtml(5000) : ordinaryPageWithOrderWordsHtml(kind, 5000);
  await page.route('http://localhost:8123/**', (r) => r.fulfill({ body: html, contentType: 'text/html; charset=utf-8', headers: { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' } }));
  await page.goto(`http://localhost:8123/${kind === 'portal' ? 'index' : kind === 'forum' ? 'thread/123' : kind === 'order' ? 'order/detail' : 'news/1'}.html`);
  await page.unroute('http://localhost:8123/**');
  const info = await page.evaluate(() => ({ els: document.getElementsByTagName('*').length, iso: crossOriginIsolated }));
  const r = await benchDetector(page, runs);
  const res = await page.evaluate("(() => { const m = __liuzhengDetectorBench.detectOrderPage(new URL(location.href), document); return m === null ? null : m.system + ' ' + m.orders.map(o => o.orderNo).join(','); })()");
  console.log(`${kind.padEnd(16)} els=${info.els} iso=${info.iso} p50=${r.p50.toFixed(3)} p95=${r.p95.toFixed(3)} match=${res}`);
}
await browser.close();
