import { chromium } from 'playwright-core';
import { ordinaryPageWithOrderWordsHtml } from './scripts/lib/detector-bench.ts';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true });
const page = await browser.newPage();
for (const kind of ['news-order-word', 'portal', 'forum'] as const) {
  await page.route('http://localhost:8123/**', (rt) => rt.fulfill({ body: ordinaryPageWithOrderWordsHtml(kind, 5000), contentType: 'text/html; charset=utf-8', headers: { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' } }));
  await page.goto(`http://localhost:8123/x.html`);
  await page.unroute('http://localhost:8123/**');
  const res = await page.evaluate(`(() => {
    const T = (f) => { for (let i=0;i<20;i++) f(); const a=[]; for (let i=0;i<100;i++){ const s=performance.now(); f(); a.push(performance.now()-s);} a.sort((x,y)=>x-y); return a[50].toFixed(3)+'/'+a[95].toFixed(3); };
    const body = document.body; let sink = 0;
    const out = {};
    out.count = (() => { const w = document.createTreeWalker(body, 4); let n=0; while (w.nextNode()) n++; return n; })();
    out.bareWalk = T(() => { const w = document.createTreeWalker(body, 4); for (let n = w.nextNode(); n !== null; n = w.nextNode()) { sink += n.nodeValue.length; } });
    const RE = /订单|訂單|单号|單號|交易|流水|order|trade|transaction/i;
    out.walkRegex = T(() => { const w = document.createTreeWalker(body, 4); for (let n = w.nextNode(); n !== null; n = w.nextNode()) { if (RE.test(n.nodeValue)) sink++; } });
    const FC = new Set('订单商价数时日状支付联邮手电OoTtPpDdSsCcEeIiGgAaQqNnRrBbUu');
    out.walkFirstChar = T(() => { const w = document.createTreeWalker(body, 4); for (let n = w.nextNode(); n !== null; n = w.nextNode()) { const v = n.nodeValue; const c = v.charCodeAt(0); if (c <= 32 ? /\\S/.test(v) : FC.has(v[0])) sink++; } });
    out.textContent = T(() => { sink += body.textContent.length; });
    out.textContentRegex = T(() => { const t = body.textContent; sink += RE.test(t) ? 1 : 0; });
    const TOK = /(?<![A-Za-z0-9_-])(?=[A-Za-z0-9_-]{6})[A-Za-z_-]*\\d[A-Za-z0-9_-]*/g;
    out.textContentTokens = T(() => { const t = body.textContent; TOK.lastIndex=0; let m; let k=0; while ((m = TOK.exec(t)) && k < 1000) k++; sink+=k; });
    out.qsaStar = T(() => { sink += body.querySelectorAll('*').length; });
    out.gebtn = T(() => { sink += body.getElementsByTagName('*').length; });
    out.xpath = (() => { try { return T(() => { const r = document.evaluate(".//text()[contains(., '订单')]", body, null, 7, null); sink += r.snapshotLength; }); } catch (e) { return String(e); } })();
    out.tcLen = body.textContent.length;
    return JSON.stringify(out);
  })()`);
  console.log(kind, res);
}
await browser.close();
