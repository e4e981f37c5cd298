/**
 * @module Detector timing in real Chromium (DESIGN.md §7: "detector on an ordinary 5,000-node page ≤ 2 ms at p95").
 *
 * The content script runs in an isolated world and deliberately exposes nothing to the page, so the bench
 * does not reach into the extension: it builds src/detect/index.ts on its own as a standalone IIFE (Vite
 * lib mode, minified like the shipped build), injects it into the page under test with `addScriptTag`, and
 * times `detectOrderPage(new URL(location.href), document)` there with `performance.now()` — the exact call
 * the content script makes, on the same live DOM. Also exports generated ordinary pages to run it on.
 *
 * Usage (e.g. from scripts/bench.ts, with or without the extension loaded in the context):
 *   const page = await ext.context.newPage();
 *   await showHtml(page, ordinaryPageWithOrderWordsHtml('portal', 5000), '/');  // or page.goto(a served page)
 *   const { p50, p95 } = await benchDetector(page, 200);                         // milliseconds
 * The page must be http(s) or file (about:blank from setContent stops at the protocol check and times nothing)
 * and must allow inline scripts (no CSP).
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { build } from 'vite';

/** Global name the injected bundle is assigned to (main world of the test page only, never in the extension). */
const GLOBAL_NAME = '__liuzhengDetectorBench';
/** Runs before timing starts: JIT warm-up, so the figure is the steady state the content script sees on re-checks. */
const WARMUP_RUNS = 20;

let bundle: Promise<string> | null = null;

/** The detector as one IIFE script, built once per process from the current sources. */
export function detectorBundle(root = process.cwd()): Promise<string> {
  bundle ??= buildBundle(root);
  return bundle;
}

async function buildBundle(root: string): Promise<string> {
  const result = await build({
    configFile: false,
    root,
    logLevel: 'silent',
    // The `@/src/…` import style of the project (tsconfig paths from .wxt), resolved to the project root.
    resolve: { alias: [{ find: /^@\//, replacement: `${root}/` }] },
    build: {
      write: false,
      minify: true,
      emptyOutDir: false,
      lib: { entry: path.join(root, 'src/detect/index.ts'), formats: ['iife'], name: GLOBAL_NAME, fileName: () => 'detector.js' },
    },
  });
  const outputs = Array.isArray(result) ? result : [result];
  for (const out of outputs) {
    if (!('output' in out)) {
      continue;
    }
    for (const chunk of out.output) {
      if (chunk.type === 'chunk' && chunk.isEntry) {
        return chunk.code;
      }
    }
  }
  throw new Error('detector bundle: Vite produced no entry chunk');
}

/** Timing summary in milliseconds. */
export interface DetectorTiming {
  p50: number;
  p95: number;
}

/**
 * Time `runs` calls of detectOrderPage on the page's current document (after a short warm-up) and return
 * p50/p95 in ms. Injects the bundle once per document. Timer resolution is whatever the page gets
 * (100 µs coarsened unless the page is cross-origin isolated: serve it with COOP/COEP for 5 µs).
 */
export async function benchDetector(page: Page, runs: number): Promise<DetectorTiming> {
  const protocol = await page.evaluate(() => location.protocol);
  if (protocol !== 'http:' && protocol !== 'https:' && protocol !== 'file:') {
    throw new Error(`benchDetector needs an http(s) or file page, not ${protocol} (the detector returns at once there)`);
  }
  const loaded = await page.evaluate((name) => name in globalThis, GLOBAL_NAME);
  if (!loaded) {
    await page.addScriptTag({ content: await detectorBundle() });
  }
  const times = await page.evaluate(
    ({ name, runs: n, warmup }) => {
      const api: unknown = Reflect.get(globalThis, name);
      const detect: unknown = typeof api === 'object' && api !== null ? Reflect.get(api, 'detectOrderPage') : undefined;
      if (typeof detect !== 'function') {
        throw new Error('detector bundle did not load (CSP blocking inline scripts?)');
      }
      // No local function declarations here: tsx (esbuild keepNames) would wrap them in a `__name` helper
      // that does not exist in the page.
      const out: number[] = [];
      for (let i = 0; i < warmup + n; i++) {
        const started = performance.now();
        Reflect.apply(detect, undefined, [new URL(location.href), document]);
        if (i >= warmup) {
          out.push(performance.now() - started);
        }
      }
      return out;
    },
    { name: GLOBAL_NAME, runs, warmup: WARMUP_RUNS },
  );
  return { p50: percentile(times, 0.5), p95: percentile(times, 0.95) };
}

/** Origin the bench pages are shown at: intercepted, never fetched; *.localhost is a secure context. */
export const BENCH_ORIGIN = 'http://detector-bench.localhost';

/**
 * Show `html` at `BENCH_ORIGIN + pathname` by answering the request in Playwright (no server). Sent with
 * COOP/COEP so the page is cross-origin isolated and `performance.now()` has 5 µs resolution instead of 100 µs.
 */
export async function showHtml(page: Page, html: string, pathname = '/'): Promise<void> {
  const url = new URL(pathname, BENCH_ORIGIN).href;
  await page.route(url, (route) =>
    route.fulfill({
      body: html,
      contentType: 'text/html; charset=utf-8',
      headers: { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' },
    }),
  );
  try {
    await page.goto(url);
  } finally {
    await page.unroute(url);
  }
}

/** Nearest-rank percentile. */
function percentile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[rank] ?? NaN;
}

/** Kinds of ordinary (non-order) pages that still mention order words. */
export type OrdinaryPageKind = 'news' | 'news-order-word' | 'portal' | 'forum';

/**
 * An ordinary page of about `elements` elements that is not an order page:
 * - `news`: headlines and paragraphs, no order word (stops at the pre-filter);
 * - `news-order-word`: the same with one business headline about 订单;
 * - `portal`: a shopping portal with 我的订单 / 订单查询 in the header, prices, sales counts and dates everywhere;
 * - `forum`: a thread list and posts that talk about 订单号 (asking where to find it, quoting a support chat).
 */
export function ordinaryPageWithOrderWordsHtml(kind: OrdinaryPageKind, elements: number): string {
  const blocks: string[] = [];
  const per = kind === 'portal' ? 7 : kind === 'forum' ? 9 : 5;
  for (let i = 0; blocks.length * per < elements - 60; i++) {
    if (kind === 'portal') {
      blocks.push(
        `<li class="goods"><a href="/item/${100000 + i}"><img alt=""><p class="title">无线蓝牙耳机 第${i}代 降噪版</p></a><p class="price">¥${(19 + (i % 90)).toFixed(2)}</p><p class="meta"><span>月销 ${(i * 37) % 5000}+</span><span>店铺 ${i % 40}号旗舰店</span></p></li>`,
      );
    } else if (kind === 'forum') {
      const say =
        i % 7 === 0
          ? `请问订单号在哪里看？客服说订单号是 2026${String(1100000000 + i)} 开头的，我找不到`
          : i % 7 === 3
            ? `我上次的订单一直没发货，订单号：${String(202611000000 + i)}，有人遇到过吗`
            : `今天的比赛太精彩了，第${i}楼说得对，下次一起去看`;
      blocks.push(
        `<div class="post" id="p${i}"><div class="author"><a href="/u/${i}">用户${i}</a><span>等级 ${i % 9}</span></div><div class="body"><p>${say}</p><p class="time">发表于 2026-11-${String((i % 28) + 1).padStart(2, '0')} 10:${String(i % 60).padStart(2, '0')}</p></div><div class="ops"><a href="#r${i}">回复</a></div></div>`,
      );
    } else {
      const headline = kind === 'news-order-word' && i === 3 ? `外贸企业新增订单回暖 ${i}` : `新闻标题 ${i}`;
      blocks.push(`<article><h2>${headline}</h2><p>今天的天气很好，<a href="#a${i}">阅读更多</a> 关于城市公园的<em>报道</em>。</p></article>`);
    }
  }
  const header =
    kind === 'portal'
      ? `<header><nav><a href="/">首页</a><a href="/cart">购物车</a><a href="/user/orders">我的订单</a><a href="/help/query">订单查询</a><a href="/login">登录</a></nav>
<form><input type="search" placeholder="搜索商品"><button>搜索</button></form><div class="filter">价格：<a href="?p=1">0-50</a> <a href="?p=2">50-100</a> 排序：<a href="?s=sale">销量</a></div></header>`
      : kind === 'forum'
        ? `<header><nav><a href="/">论坛首页</a><a href="/forum/shopping">购物交流</a><a href="/my">我的帖子</a></nav></header><h1>购物交流 · 订单问题求助帖</h1>`
        : `<header><nav><a href="/">首页</a><a href="/local">本地</a><a href="/sports">体育</a></nav></header>`;
  const list = kind === 'portal' ? `<ul class="goods-list">${blocks.join('')}</ul>` : blocks.join('');
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${kind === 'portal' ? '好物商城 - 正品低价' : kind === 'forum' ? '购物交流 - 社区论坛' : '本地新闻'}</title></head>
<body>${header}<main>${list}</main><footer><p>© 2026 示例网络 京ICP备00000000号</p><a href="/about">关于我们</a></footer></body></html>`;
}
