// throwaway: before/after detector timing, interleaved, on generated pages (COOP/COEP for 5 µs timers)
import { chromium } from 'playwright-core';
import { build } from 'vite';
import { ordinaryPageWithOrderWordsHtml, type OrdinaryPageKind } from './scripts/lib/detector-bench.ts';
import { orderPageHtml } from './scripts/lib/bench-pages.ts';

async function bundle(root: string, name: string): Promise<string> {
  const r = await build({ configFile: false, root, logLevel: 'silent', resolve: { alias: [{ find: /^@\//, replacement: `${root}/` }] },
    build: { write: false, minify: true, emptyOutDir: false, lib: { entry: `${root}/src/detect/index.ts`, formats: ['iife'], name, fileName: () => 'd.js' } } });
  const out = (Array.isArray(r) ? r : [r]) as { output: { type: string; code?: string }[] }[];
  return out[0]!.output.find((c) => c.type === 'chunk')!.code!;
}
const before = await bundle('/tmp/lz-before', 'B');
const after = await bundle(process.cwd(), 'A');
const runs = Number(process.argv[2] ?? 200);
const rounds = 5;
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true });
const page = await browser.newPage();
const kinds: (OrdinaryPageKind | 'order')[] = ['news', 'news-order-word', 'portal', 'forum', 'order'];
const pct = (a: number[], q: number) => { const s = [...a].sort((x, y) => x - y); return s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)]!; };
for (const kind of kinds) {
  const html = kind === 'order' ? orderPageHtml(5000) : ordinaryPageWithOrderWordsHtml(kind, 5000);
  await page.route('http://localhost:8123/**', (r) => r.fulfill({ body: html, contentType: 'text/html; charset=utf-8', headers: { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' } }));
  await page.goto(`http://localhost:8123/${kind === 'portal' ? 'index' : kind === 'forum' ? 'thread/123' : kind === 'order' ? 'order/detail' : 'news/1'}.html`);
  await page.unroute('http://localhost:8123/**');
  await page.addScriptTag({ content: before });
  await page.addScriptTag({ content: after });
  const t: Record<string, number[]> = { B: [], A: [] };
  for (let r = 0; r < rounds; r++) {
    for (const v of r % 2 === 0 ? ['B', 'A'] : ['A', 'B']) {
      const times = await page.evaluate(`(() => { const d = ${v}.detectOrderPage; for (let i = 0; i < 20; i++) d(new URL(location.href), document); const out = []; for (let i = 0; i < ${Math.round(runs / rounds)}; i++) { const s = performance.now(); d(new URL(location.href), document); out.push(performance.now() - s); } return out; })()`) as number[];
      t[v]!.push(...times);
    }
  }
  const res = await page.evaluate(`[B, A].map((D) => { const m = D.detectOrderPage(new URL(location.href), document); return m === null ? null : JSON.stringify(m); })`) as (string | null)[];
  const same = res[0] === res[1];
  console.log(`${kind.padEnd(16)} before p50=${pct(t.B!, 0.5).toFixed(3)} p95=${pct(t.B!, 0.95).toFixed(3)} | after p50=${pct(t.A!, 0.5).toFixed(3)} p95=${pct(t.A!, 0.95).toFixed(3)} | same result: ${same} ${res[1]?.slice(0, 60) ?? 'null'}`);
}
await browser.close();
