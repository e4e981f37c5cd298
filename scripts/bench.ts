/**
 * `npm run bench -- [--out bench.json] [--runs N]`: the performance figures of DESIGN.md §7, measured in
 * real Chromium with the built extension, each next to its anchor measured in the same run. Prints a
 * table and writes JSON.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { execSync } from 'node:child_process';
import { EXTENSION_DIR } from './lib/chromium.ts';
import { pressCapture, tabIdOf } from './lib/driver.ts';
import { orderPageHtml } from './lib/bench-pages.ts';
import { dropExtensionSnapshot, extensionSnapshot, launchExtension, median, round, serviceWorker, type Figure } from './lib/bench-common.ts';
import { benchDetectorPhase } from './lib/bench-detector.ts';
import { benchChat } from './lib/bench-chat.ts';
import { benchExport } from './lib/bench-export.ts';
import { benchScale } from './lib/bench-scale.ts';
import { serveStatic } from './lib/static-server.ts';

const argv = process.argv.slice(2);
const outIndex = argv.indexOf('--out');
const out = outIndex >= 0 ? (argv[outIndex + 1] ?? 'bench.json') : 'bench.json';
const runsIndex = argv.indexOf('--runs');
const RUNS = runsIndex >= 0 ? Number(argv[runsIndex + 1]) : 7;

/** Every key of the JSON, in table order; a phase that fails still leaves its keys (null, with the error). */
const KEYS: Record<string, string> = {
  capture_ms_median: '≤ 1200 ms',
  fullpage_vs_cdp_ratio: '≤ 2×',
  detector_ms_p95: '≤ 2 ms',
  chat_ms_per_message: '≤ 0.2 ms',
  chat_long_tasks: '0 caused',
  chat_persist_ms_p95: '≤ 1000 ms',
  export_vs_zip_ratio: '≥ 0.8',
  popup_open_ms_at_scale: '≤ 300 ms',
  case_list_ms_at_scale: '≤ 50 ms',
};

async function benchCapture(figures: Figure[]): Promise<void> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'liuzheng-bench-'));
  await writeFile(path.join(dir, 'order-2000.html'), orderPageHtml(2000));
  const server = await serveStatic(dir);
  const ext = await launchExtension();
  try {
    const page = await ext.context.newPage();
    await page.goto(`${server.origin}/order-2000.html`);
    const elementCount = await page.evaluate(() => document.getElementsByTagName('*').length);
    const pageHeight = await page.evaluate(() => document.documentElement.scrollHeight);
    await pressCapture(ext, page); // warm-up: first injection compiles the renderer
    const captureMs: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const run = await pressCapture(ext, page);
      if (!run.ok) {
        throw new Error(`capture failed: ${run.outcomeText}`);
      }
      captureMs.push(run.clickToStoredMs);
    }
    const captureMedian = median(captureMs);
    figures.push({
      key: 'capture_ms_median',
      value: round(captureMedian),
      target: '≤ 1200 ms',
      anchor: '—',
      met: captureMedian <= 1200,
      note: `click → every item stored and hashed; ${elementCount}-element order page, ${pageHeight} px tall; runs ${captureMs.join(', ')} ms (includes the ≥520 ms captureVisibleTab pacing only when captures follow each other)`,
    });

    // Full-page render by the extension (inject + html2canvas-pro + PNG encode + transfer), vs CDP's own
    // full-page screenshot of the same page, alternating so both see the same machine state.
    const tabId = await tabIdOf(await serviceWorker(ext), page);
    const cdp = await ext.context.newCDPSession(page);
    const renderMs: number[] = [];
    const cdpMs: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      renderMs.push(
        await (await serviceWorker(ext)).evaluate(async (id) => {
          const started = performance.now();
          const [result] = await chrome.scripting.executeScript({ target: { tabId: id, frameIds: [0] }, files: ['/content-scripts/render.js'] });
          const value = result?.result as { ok?: boolean } | undefined;
          if (value?.ok !== true) {
            throw new Error(`render failed: ${JSON.stringify(value).slice(0, 300)}`);
          }
          return performance.now() - started;
        }, tabId),
      );
      const started = performance.now();
      const metrics = (await cdp.send('Page.getLayoutMetrics')) as { cssContentSize: { width: number; height: number } };
      await cdp.send('Page.captureScreenshot', {
        format: 'png',
        captureBeyondViewport: true,
        clip: { x: 0, y: 0, width: metrics.cssContentSize.width, height: metrics.cssContentSize.height, scale: 1 },
      });
      cdpMs.push(performance.now() - started);
    }
    const ratio = median(renderMs) / median(cdpMs);
    figures.push({
      key: 'fullpage_vs_cdp_ratio',
      value: round(ratio, 2),
      target: '≤ 2×',
      anchor: `CDP Page.captureScreenshot full page: median ${round(median(cdpMs))} ms`,
      met: ratio <= 2,
      note: `extension full-page render median ${round(median(renderMs))} ms (runs ${renderMs.map((n) => Math.round(n)).join(', ')}); CDP runs ${cdpMs.map((n) => Math.round(n)).join(', ')}`,
    });
    // Same browser: the detector figure needs an extension-loaded page context, not a fresh profile.
    await runPhase('detector', ['detector_ms_p95'], figures, () => benchDetectorPhase(ext, figures));
  } finally {
    await ext.context.close();
    await server.close();
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * Runs one phase; if it throws, its keys are still reported (null) with the error, and the bench goes on.
 * A phase that finds extension files missing (should not happen with the private copy) is rerun once.
 */
async function runPhase(name: string, keys: string[], figures: Figure[], phase: () => Promise<void>): Promise<void> {
  const started = Date.now();
  for (let attempt = 0; ; attempt++) {
    try {
      await phase();
      break;
    } catch (error) {
      const message = error instanceof Error ? (error.message.split('\n')[0] ?? error.message) : String(error);
      const rebuilt = message.includes('ERR_FILE_NOT_FOUND') || message.includes('no extension build');
      if (rebuilt && attempt === 0) {
        console.log(`[bench] ${name} phase met a concurrent rebuild (${message}); rerunning it`);
        for (let i = figures.length - 1; i >= 0; i--) {
          if (keys.includes(figures[i]?.key ?? '')) {
            figures.splice(i, 1);
          }
        }
        await new Promise((resolve) => setTimeout(resolve, 5000));
        continue;
      }
      for (const key of keys) {
        if (!figures.some((f) => f.key === key)) {
          figures.push({ key, value: null, target: KEYS[key] ?? '', anchor: '—', met: null, note: `${name} phase failed: ${message}` });
        }
      }
      break;
    }
  }
  console.log(`[bench] ${name} phase: ${Math.round((Date.now() - started) / 1000)} s`);
}

async function main(): Promise<void> {
  if (!existsSync(path.join(EXTENSION_DIR, 'manifest.json'))) {
    execSync('npx wxt build', { stdio: 'inherit' });
  }
  const extensionCopy = await extensionSnapshot();
  console.log(`[bench] extension build copied to ${extensionCopy}`);
  const started = Date.now();
  // Load average at start and end: on a shared 2-core machine, other work running beside the bench shifts every figure.
  const loadAtStart = os.loadavg().map((n) => round(n, 2));
  const figures: Figure[] = [];
  await runPhase('capture', ['capture_ms_median', 'fullpage_vs_cdp_ratio', 'detector_ms_p95'], figures, () => benchCapture(figures));
  await runPhase('chat', ['chat_ms_per_message', 'chat_long_tasks', 'chat_persist_ms_p95'], figures, () => benchChat(figures));
  await runPhase('export', ['export_vs_zip_ratio'], figures, () => benchExport(figures));
  await runPhase('scale', ['popup_open_ms_at_scale', 'case_list_ms_at_scale'], figures, () => benchScale(figures));
  const ordered = Object.keys(KEYS).map((key) => figures.find((f) => f.key === key) ?? { key, value: null, target: KEYS[key] ?? '', anchor: '—', met: null, note: 'not measured' });

  console.log(`\n${'figure'.padEnd(24)} ${'value'.padEnd(9)} ${'target'.padEnd(10)} ${'met'.padEnd(5)} anchor / note`);
  for (const f of ordered) {
    console.log(`${f.key.padEnd(24)} ${String(f.value).padEnd(9)} ${f.target.padEnd(10)} ${(f.met === null ? '—' : f.met ? 'yes' : 'NO').padEnd(5)} ${f.anchor}`);
    console.log(`${' '.repeat(52)}${f.note}`);
  }
  const json: Record<string, unknown> = {};
  for (const f of ordered) {
    json[f.key] = f.value;
  }
  json.details = ordered;
  json.machine = {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? null,
    memoryGb: round(os.totalmem() / 1024 ** 3, 1),
    node: process.version,
    chromium: execSync(`${JSON.stringify(process.env.CHROMIUM_PATH ?? '/usr/bin/chromium')} --version 2>/dev/null || true`).toString().trim() || null,
    date: new Date().toISOString(),
    benchSeconds: Math.round((Date.now() - started) / 1000),
    loadAverageAtStart: loadAtStart,
    loadAverageAtEnd: os.loadavg().map((n) => round(n, 2)),
  };
  await dropExtensionSnapshot();
  await writeFile(out, JSON.stringify(json, null, 2));
  console.log(`\nwrote ${out} (${Math.round((Date.now() - started) / 1000)} s; load average ${loadAtStart.join(' ')} at start, ${os.loadavg().map((n) => round(n, 2)).join(' ')} at end)`);
}

await main();
