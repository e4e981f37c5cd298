import { chromium } from 'playwright-core';
import { ordinaryPageWithOrderWordsHtml } from './scripts/lib/detector-bench.ts';
import { ORDER_NO_WORD } from './src/detect/labels.ts';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true });
const page = await browser.newPage();
const ANY = `${ORDER_NO_WORD.source}|订单|訂單|单号|單號|order|付款|支付|扫码|掃碼|扫一扫`;
for (const kind of ['news-order-word', 'forum'] as const) {
  await page.route('http://localhost:8123/**', (rt) => rt.fulfill({ body: ordinaryPageWithOrderWordsHtml(kind, 5000), contentType: 'text/html; charset=utf-8', headers: { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' } }));
  await page.goto(`http://localhost:8123/x.html`);
  await page.unroute('http://localhost:8123/**');
  const res = await page.evaluate(`((ANYSRC) => {
    const T = (f) => { for (let i=0;i<30;i++) f(); const a=[]; for (let i=0;i<200;i++){ const s=performance.now(); f(); a.push(performance.now()-s);} a.sort((x,y)=>x-y); return a[100].toFixed(3)+'/'+a[190].toFixed(3); };
    const body = document.body; let sink = 0; const out = {};
    const walk = (re) => () => { const w = document.createTreeWalker(body, 4); for (let n = w.nextNode(); n !== null; n = w.nextNode()) { const v = n.nodeValue; if (v.length <= 600 && re.test(v)) sink++; } };
    out.bare = T(() => { const w = document.createTreeWalker(body, 4); for (let n = w.nextNode(); n !== null; n = w.nextNode()) { sink += n.nodeValue.length; } });
    out.any = T(walk(new RegExp(ANYSRC, 'i')));
    out.simpleI = T(walk(/订单|訂單|单号|單號|交易|流水|order|trade|transaction|付款|支付|扫码|掃碼|扫一扫/i));
    out.simpleNoI = T(walk(/订单|訂單|单号|單號|交易|流水|[Oo][Rr][Dd][Ee][Rr]|[Tt][Rr][Aa][Dd][Ee]|[Tt][Rr][Aa][Nn][Ss][Aa][Cc][Tt][Ii][Oo][Nn]|付款|支付|扫码|掃碼|扫一扫/));
    out.classFirst = T(walk(/[订訂单單交流付支扫掃OoTt](?:(?<=[订訂])[单單]|(?<=[单單])[号號]|(?<=交)易|(?<=流)水|(?<=[Oo])(?:rder|RDER)|(?<=[Tt])(?:rade|RADE|ransaction|RANSACTION)|(?<=付)款|(?<=支)付|(?<=[扫掃])[码碼一])/));
    out.textContent = T(() => { sink += body.textContent.length; });
    return JSON.stringify(out);
  })(${JSON.stringify(ANY)})`);
  console.log(kind, res);
}
await browser.close();
