import { chromium } from 'playwright-core';
import { build } from 'vite';
import { ordinaryPageWithOrderWordsHtml, type OrdinaryPageKind } from './scripts/lib/detector-bench.ts';
const root = process.cwd();
const r = await build({ configFile: false, root, logLevel: 'silent', resolve: { alias: [{ find: /^@\//, replacement: `${root}/` }] },
  build: { write: false, minify: false, emptyOutDir: false, lib: { entry: 'src/detect/index.ts', formats: ['iife'], name: 'D', fileName: () => 'd.js' } } });
const out = (Array.isArray(r) ? r : [r]) as { output: { type: string; code?: string }[] }[];
const code = out[0]!.output.find((c) => c.type === 'chunk')!.code!;
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true });
const page = await browser.newPage();
for (const kind of (process.argv.slice(2) as OrdinaryPageKind[])) {
  await page.route('http://localhost:8123/**', (rt) => rt.fulfill({ body: ordinaryPageWithOrderWordsHtml(kind, 5000), contentType: 'text/html; charset=utf-8' }));
  await page.goto(`http://localhost:8123/${kind === 'portal' ? 'index' : 'thread/123'}.html`);
  await page.unroute('http://localhost:8123/**');
  await page.addScriptTag({ content: code });
  await page.evaluate('for (let i=0;i<20;i++) D.detectOrderPage(new URL(location.href), document)');
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable'); await cdp.send('Profiler.setSamplingInterval', { interval: 50 }); await cdp.send('Profiler.start');
  await page.evaluate('for (let i=0;i<200;i++) D.detectOrderPage(new URL(location.href), document)');
  const { profile } = await cdp.send('Profiler.stop') as { profile: { nodes: { id: number; callFrame: { functionName: string; lineNumber: number }; hitCount?: number; children?: number[] }[]; samples: number[] } };
  const self = new Map<string, number>(); const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>(); for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const total = new Map<string, number>();
  for (const s of profile.samples) {
    const n = byId.get(s)!; const k = `${n.callFrame.functionName || '(anon)'}:${n.callFrame.lineNumber}`;
    self.set(k, (self.get(k) ?? 0) + 1);
    const seen = new Set<string>();
    for (let id: number | undefined = s; id !== undefined; id = parent.get(id)) { const m = byId.get(id)!; const kk = `${m.callFrame.functionName || '(anon)'}:${m.callFrame.lineNumber}`; if (!seen.has(kk)) { seen.add(kk); total.set(kk, (total.get(kk) ?? 0) + 1); } }
  }
  const N = profile.samples.length;
  console.log(`== ${kind} samples=${N}`);
  console.log('self:', [...self].sort((a, b) => b[1] - a[1]).slice(0, 15).map(([k, v]) => `${k} ${(100 * v / N).toFixed(1)}%`).join('\n  '));
  console.log('total:', [...total].sort((a, b) => b[1] - a[1]).slice(0, 30).map(([k, v]) => `${k} ${(100 * v / N).toFixed(1)}%`).join('\n  '));
}
await browser.close();
