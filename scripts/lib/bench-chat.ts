/**
 * @module Bench phase: the chat saver's cost on the page's main thread while a support chat grows to 5,000
 * messages (anchor: the same page in a browser without the extension), and how long a message takes from
 * appearing to being in the extension's IndexedDB.
 *
 * Main-thread cost is the page main thread's CPU time (CDP Performance metrics in thread ticks), with and
 * without the extension, over {@link LOAD_PAIRS} alternating pairs of runs (median Δ). Wall-clock task time
 * is reported beside it: on this 2-core machine it also counts the page's main thread waiting for a core
 * while the extension's worker and the browser's storage thread run — a trace shows the same 100 layouts
 * over the same dirty objects either way, ~40 % longer in wall time but not in CPU time.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { chromium, type CDPSession, type Page } from 'playwright-core';
import { chromiumPath, type ExtensionBrowser } from './chromium.ts';
import { launchExtension, median, percentile, round, shimPage, sleep, storeCount, waitForCount, type Figure } from './bench-common.ts';
import { serveStatic } from './static-server.ts';

const TOTAL_MESSAGES = 5000;
const PER_BURST = 50;
const BURST_EVERY_MS = 100;
const PERSIST_MESSAGES = 40;
/** Alternating without/with-extension runs; the figure is the median of the pairs' differences. */
const LOAD_PAIRS = 3;

/**
 * The markup of tests/fixtures/pages/live-chat.html (which the generic chat detector recognises), with the
 * row ids prefixed by `?conv=`: the load run and the persistence run use the same origin, and rows with the
 * same native id would be taken for the same message and not counted as new.
 */
export function chatBenchPageHtml(): string {
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>在线客服 - 基准卡铺</title>
<style>
  body { font-family: sans-serif; margin: 0; background: #eef1f7; }
  .chat-box { max-width: 520px; margin: 16px auto; background: #fff; display: flex; flex-direction: column; height: 70vh; }
  .chat-list { flex: 1; overflow-y: auto; padding: 8px 12px; }
  .chat-msg { display: flex; margin: 6px 0; }
  .chat-msg.msg-self { justify-content: flex-end; }
  .bubble { padding: 6px 10px; border-radius: 6px; background: #f1f3f5; max-width: 70%; }
  .msg-self .bubble { background: #3949ab; color: #fff; }
  .chat-input { display: flex; border-top: 1px solid #ddd; }
  .chat-input textarea { flex: 1; border: 0; padding: 8px; }
</style>
</head>
<body>
<div class="chat-box">
  <div class="chat-title">在线客服</div>
  <div class="chat-list" id="chat-list"></div>
  <form class="chat-input"><textarea placeholder="请输入消息…"></textarea><button type="submit">发送</button></form>
</div>
<script>
  const list = document.getElementById('chat-list');
  const conv = new URLSearchParams(location.search).get('conv') || 'c';
  let n = 0;
  window.say = (role, text) => {
    n += 1;
    const row = document.createElement('div');
    row.className = 'chat-msg ' + (role === 'customer' ? 'msg-self' : 'msg-other');
    row.dataset.id = conv + '-' + n;
    const bubble = document.createElement('div');
    bubble.className = 'bubble';
    bubble.textContent = text;
    const time = document.createElement('span');
    time.className = 'msg-time';
    const minutes = 600 + Math.floor(n / 4);
    time.textContent = String(Math.floor(minutes / 60) % 24).padStart(2, '0') + ':' + String(minutes % 60).padStart(2, '0');
    row.append(bubble, time);
    list.appendChild(row);
  };
  window.say('agent', '您好，请问有什么可以帮您？');
  window.say('customer', '我的订单还没发货。');
</script>
</body>
</html>`;
}

interface LoadRun {
  /** Main-thread CPU time of tasks, script, style recalculation and layout (CDP metrics in thread ticks). */
  cpu: { taskMs: number; scriptMs: number; styleMs: number; layoutMs: number };
  /** The same in wall-clock time (CDP metrics in time ticks): includes waiting for a core. */
  wall: { taskMs: number; scriptMs: number; styleMs: number; layoutMs: number };
  longTasks: number[];
  /** Wall time from the first burst to the last message in the database (with the extension) or the end of the bursts. */
  persistedAfterMs: number | null;
}

async function metrics(cdp: CDPSession): Promise<Map<string, number>> {
  const result: { metrics: { name: string; value: number }[] } = await cdp.send('Performance.getMetrics');
  return new Map(result.metrics.map((m) => [m.name, m.value]));
}

/**
 * Appends TOTAL_MESSAGES messages in bursts from a timer inside the page (no CDP round trip per burst, so
 * the driver itself adds nothing to the page's main thread) and measures main-thread time over the run.
 */
async function loadRun(page: Page, ext: ExtensionBrowser | null, storedBefore: number): Promise<LoadRun> {
  // One session per time domain: CPU time of the main thread, and wall-clock time.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
  const cdpWall = await page.context().newCDPSession(page);
  await cdpWall.send('Performance.enable', { timeDomain: 'timeTicks' });
  await page.evaluate(() => {
    const holder = window as unknown as { __benchLongTasks: number[] };
    holder.__benchLongTasks = [];
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        holder.__benchLongTasks.push(entry.duration);
      }
    }).observe({ type: 'longtask' });
  });
  const before = await metrics(cdp);
  const beforeWall = await metrics(cdpWall);
  const started = Date.now();
  await page.evaluate(
    ({ total, perBurst, everyMs }) =>
      new Promise<void>((resolve) => {
        const say = (window as unknown as { say: (role: string, text: string) => void }).say;
        const phrases = ['请问退款什么时候到账？', '已为您登记，请耐心等待。', '卡密无法使用，提示已被使用。', '麻烦提供一下订单截图。', '好的，我这边核实一下。'];
        let sent = 0;
        const timer = setInterval(() => {
          for (let i = 0; i < perBurst && sent < total; i++) {
            sent += 1;
            say(sent % 3 === 0 ? 'customer' : 'agent', `${phrases[sent % phrases.length] ?? ''}（第${sent}条）`);
          }
          if (sent >= total) {
            clearInterval(timer);
            resolve();
          }
        }, everyMs);
      }),
    { total: TOTAL_MESSAGES, perBurst: PER_BURST, everyMs: BURST_EVERY_MS },
  );
  let persistedAfterMs: number | null = null;
  if (ext !== null) {
    // The saver's work is not over when the DOM is: count it until every message is stored.
    const reached = await waitForCount(ext, 'messages', storedBefore + TOTAL_MESSAGES, 120_000, 100);
    persistedAfterMs = reached >= storedBefore + TOTAL_MESSAGES ? Date.now() - started : null;
  }
  // A quiet second on both sides, so trailing timers (throttled observers, polls) fall inside the window.
  await sleep(1000);
  const after = await metrics(cdp);
  const afterWall = await metrics(cdpWall);
  const longTasks = await page.evaluate(() => (window as unknown as { __benchLongTasks: number[] }).__benchLongTasks);
  await cdp.detach();
  await cdpWall.detach();
  const durations = (from: Map<string, number>, to: Map<string, number>): LoadRun['cpu'] => {
    const delta = (name: string): number => ((to.get(name) ?? NaN) - (from.get(name) ?? NaN)) * 1000;
    return { taskMs: delta('TaskDuration'), scriptMs: delta('ScriptDuration'), styleMs: delta('RecalcStyleDuration'), layoutMs: delta('LayoutDuration') };
  };
  return { cpu: durations(before, after), wall: durations(beforeWall, afterWall), longTasks, persistedAfterMs };
}

/**
 * One message right after load. The saver currently stores a chat's opening messages only once the list
 * changes (seen with live-chat.html too), so the bench primes both sides the same way before measuring.
 */
async function primeChat(page: Page): Promise<void> {
  await page.evaluate(() => (window as unknown as { say: (role: string, text: string) => void }).say('agent', '客服已接入。'));
}

/** Sends messages one at a time and times each from say() to the store's message count going up. */
async function persistRun(ext: ExtensionBrowser, page: Page): Promise<number[]> {
  const latencies: number[] = [];
  for (let i = 0; i < PERSIST_MESSAGES; i++) {
    const base = await storeCount(ext, 'messages');
    const started = performance.now();
    await page.evaluate((n) => (window as unknown as { say: (role: string, text: string) => void }).say(n % 2 === 0 ? 'agent' : 'customer', `逐条消息 ${n}：退款进度请告知。`), i);
    // ~20 ms polling: the figure is quantised to that plus one CDP round trip (a few ms), well under the 1 s target.
    const reached = await waitForCount(ext, 'messages', base + 1, 10_000, 20);
    latencies.push(reached > base ? performance.now() - started : Infinity);
    await sleep(150);
  }
  return latencies;
}

/** Runs the chat phase and appends chat_ms_per_message, chat_long_tasks and chat_persist_ms_p95. */
export async function benchChat(figures: Figure[]): Promise<void> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'liuzheng-bench-chat-'));
  await writeFile(path.join(dir, 'chat.html'), chatBenchPageHtml());
  const server = await serveStatic(dir);
  try {
    // Anchor: the same page, same Chromium, same flags and viewport, no extension. Both browsers stay open and
    // the runs alternate, so a slow moment of the machine does not land on one side only.
    const plain = await chromium.launch({ executablePath: chromiumPath(), headless: true, args: ['--disable-quic'] });
    const ext = await launchExtension();
    const withoutRuns: LoadRun[] = [];
    const withRuns: LoadRun[] = [];
    let latencies: number[];
    try {
      const plainContext = await plain.newContext({ viewport: { width: 1280, height: 800 } });
      for (let pair = 0; pair < LOAD_PAIRS; pair++) {
        const page = await plainContext.newPage();
        await shimPage(page);
        await page.goto(`${server.origin}/chat.html?conv=load${pair}`);
        await sleep(500);
        await primeChat(page);
        await sleep(1000);
        withoutRuns.push(await loadRun(page, null, 0));
        await page.close();

        const extPage = await ext.context.newPage();
        await shimPage(extPage);
        const storedBefore = await storeCount(ext, 'messages');
        await extPage.goto(`${server.origin}/chat.html?conv=load${pair}`);
        await sleep(500);
        await primeChat(extPage);
        // The saver attached once the page's three messages are stored; then the same settle time as the anchor.
        const initial = await waitForCount(ext, 'messages', storedBefore + 3, 20_000, 100);
        if (initial < storedBefore + 3) {
          throw new Error('the extension did not save the bench chat page (generic chat detector did not attach)');
        }
        await sleep(500);
        withRuns.push(await loadRun(extPage, ext, initial));
        await extPage.close();
      }

      const single = await ext.context.newPage();
      await shimPage(single);
      const storedBefore = await storeCount(ext, 'messages');
      await single.goto(`${server.origin}/chat.html?conv=persist`);
      await sleep(500);
      await primeChat(single);
      await waitForCount(ext, 'messages', storedBefore + 3, 20_000, 50);
      await sleep(500);
      latencies = await persistRun(ext, single);
    } finally {
      await ext.context.close();
      await plain.close();
    }

    // The pair whose CPU-time difference is the median stands for the run in the notes.
    const pairs = withRuns.map((w, i) => ({ with: w, without: withoutRuns[i] as LoadRun })).sort((a, b) => a.with.cpu.taskMs - a.without.cpu.taskMs - (b.with.cpu.taskMs - b.without.cpu.taskMs));
    const mid = pairs[Math.floor(pairs.length / 2)] as { with: LoadRun; without: LoadRun };
    const withExt = mid.with;
    const without = mid.without;
    const perMessage = (withExt.cpu.taskMs - without.cpu.taskMs) / TOTAL_MESSAGES;
    const perMessageWall = median(pairs.map((p) => (p.with.wall.taskMs - p.without.wall.taskMs) / TOTAL_MESSAGES));
    // Long tasks over all runs of each side (every run counts, not just the median pair).
    const longWith = withRuns.flatMap((r) => r.longTasks);
    const longWithout = withoutRuns.flatMap((r) => r.longTasks);
    const caused = Math.max(0, longWith.length - longWithout.length);
    const fmtTasks = (list: number[]): string => (list.length === 0 ? 'none' : list.map((d) => Math.round(d)).join('/') + ' ms');
    const ms = (n: number): string => `${round(n)} ms`;
    const perPair = pairs.map((p) => round((p.with.cpu.taskMs - p.without.cpu.taskMs) / TOTAL_MESSAGES, 3)).join(' / ');
    figures.push({
      key: 'chat_ms_per_message',
      value: round(perMessage, 3),
      target: '≤ 0.2 ms',
      anchor: `same page without extension: main-thread CPU ${ms(without.cpu.taskMs)} (script ${ms(without.cpu.scriptMs)}, style ${ms(without.cpu.styleMs)}, layout ${ms(without.cpu.layoutMs)})`,
      met: perMessage <= 0.2,
      note:
        `${TOTAL_MESSAGES} messages, ${PER_BURST} every ${BURST_EVERY_MS} ms; main-thread CPU time Δ per message, median of ${LOAD_PAIRS} alternating pairs (${perPair}); ` +
        `with extension CPU ${ms(withExt.cpu.taskMs)} (script ${ms(withExt.cpu.scriptMs)}, style ${ms(withExt.cpu.styleMs)}, layout ${ms(withExt.cpu.layoutMs)}); ` +
        `wall-clock task time Δ ${round(perMessageWall, 3)} ms/msg (median; ${ms(without.wall.taskMs)} → ${ms(withExt.wall.taskMs)}, layout ${ms(without.wall.layoutMs)} → ${ms(withExt.wall.layoutMs)}: includes waiting for a core while the worker stores); ` +
        `all ${TOTAL_MESSAGES} stored ${withExt.persistedAfterMs === null ? 'NOT within 120 s' : `${round(withExt.persistedAfterMs / 1000, 1)} s after the first burst`}`,
      measurements: {
        cpuTaskMsWith: round(withExt.cpu.taskMs),
        cpuTaskMsWithout: round(without.cpu.taskMs),
        cpuScriptMsWith: round(withExt.cpu.scriptMs),
        cpuScriptMsWithout: round(without.cpu.scriptMs),
        perMessageCpuPairs: pairs.map((p) => round((p.with.cpu.taskMs - p.without.cpu.taskMs) / TOTAL_MESSAGES, 3)),
        perMessageWallPairs: pairs.map((p) => round((p.with.wall.taskMs - p.without.wall.taskMs) / TOTAL_MESSAGES, 3)),
        wallTaskMsWith: round(withExt.wall.taskMs),
        wallTaskMsWithout: round(without.wall.taskMs),
        allStoredAfterMs: withExt.persistedAfterMs,
      },
    });
    figures.push({
      key: 'chat_long_tasks',
      value: caused,
      target: '0 caused',
      anchor: `without extension: ${longWithout.length} long tasks over ${LOAD_PAIRS} runs (${fmtTasks(longWithout)})`,
      met: caused <= 0,
      note: `with extension: ${longWith.length} long tasks over ${LOAD_PAIRS} runs (${fmtTasks(longWith)}); PerformanceObserver 'longtask' in the page over each ${TOTAL_MESSAGES}-message run`,
      measurements: { longTasksWith: longWith.length, longTasksWithout: longWithout.length, durationsWith: longWith.map((d) => round(d)), durationsWithout: longWithout.map((d) => round(d)) },
    });
    const finite = latencies.filter((n) => Number.isFinite(n));
    const p95 = finite.length === latencies.length ? percentile(latencies, 0.95) : null;
    figures.push({
      key: 'chat_persist_ms_p95',
      value: p95 === null ? null : round(p95),
      target: '≤ 1000 ms',
      anchor: '—',
      met: p95 === null ? false : p95 <= 1000,
      note: `${latencies.length} messages one at a time, say() → count of 'messages' up (polled every 20 ms); median ${round(median(finite))} ms, max ${round(Math.max(...finite))} ms${finite.length < latencies.length ? `; ${latencies.length - finite.length} NOT stored within 10 s` : ''}`,
      measurements: { latenciesMs: latencies.map((n) => (Number.isFinite(n) ? round(n) : -1)) },
    });
  } finally {
    await server.close();
    await rm(dir, { recursive: true, force: true });
  }
}
