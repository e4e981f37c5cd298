/**
 * `npm run bench -- [--out bench.json] [--runs N] [--only capture,chat,export,scale]`: the performance figures of DESIGN.md §7, measured in
 * real Chromium with the built extension, each next to its anchor measured in the same run. Prints a
 * table and writes JSON.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { execSync } from 'node:child_process';
import type { Page } from 'playwright-core';
import { EXTENSION_DIR, type ExtensionBrowser } from './lib/chromium.ts';
import { LAST_TIMINGS_KEY } from '@/src/capture/diagnostics';
import { pressCapture, tabIdOf } from './lib/driver.ts';
import { orderPageHtml } from './lib/bench-pages.ts';
import { cpuShares, cpuTicks, dropExtensionSnapshot, extensionSnapshot, launchExtension, median, round, serviceWorker, type Figure } from './lib/bench-common.ts';
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
/** Captures and renders timed on freshly loaded pages, per page. */
const FIRST_RUNS = 5;
// `--only export,scale` runs just those phases (while working on one figure); the others are reported as not measured.
const onlyIndex = argv.indexOf('--only');
const ONLY = onlyIndex >= 0 ? new Set((argv[onlyIndex + 1] ?? '').split(',')) : null;

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

/** Element counts of the capture pages: a typical order page (the figure) and a heavy one (reported beside it). */
const TYPICAL_ELEMENTS = 800;
const HEAVY_ELEMENTS = 2000;

interface PageMeasure {
  elementCount: number;
  pageHeight: number;
  captureMs: number[];
  /** The same runs timed by the test driver (adds Playwright's own round trips). */
  driverMs: number[];
  /** Step name → when it began in the worker, per run. */
  stepStarts: Record<string, number[]>;
  renderMs: number[];
  /** Captures and renders of freshly loaded pages (the renderer injected, cold). */
  firstCaptureMs: number[];
  firstRenderMs: number[];
  cdpMs: number[];
}

/**
 * Captures `page` `runs` times as a user does (popup → 「取证」), then alternates the extension's full-page
 * render (inject + html2canvas-pro + PNG encode + transfer) with CDP's own full-page screenshot of the same page.
 */
async function measurePage(ext: ExtensionBrowser, page: Page, runs: number): Promise<PageMeasure> {
  const elementCount = await page.evaluate(() => document.getElementsByTagName('*').length);
  const pageHeight = await page.evaluate(() => document.documentElement.scrollHeight);
  // A page's first capture injects the renderer and runs it cold; later captures of the page run it warm
  // (src/capture/resident-renderer.ts). First captures are timed on freshly loaded pages and reported beside.
  const firstCaptureMs: number[] = [];
  for (let i = 0; i < FIRST_RUNS; i++) {
    await page.reload();
    const run = await pressCapture(ext, page, { pageInFront: true });
    if (!run.ok) {
      throw new Error(`capture failed: ${run.outcomeText}`);
    }
    firstCaptureMs.push(run.clickToStoredMs);
  }
  await page.reload();
  await pressCapture(ext, page, { pageInFront: true }); // warm-up: the page's first capture (above) is timed apart
  const captureMs: number[] = [];
  const driverMs: number[] = [];
  const stepStarts: Record<string, number[]> = {};
  const sw = await serviceWorker(ext);
  for (let i = 0; i < runs; i++) {
    const run = await pressCapture(ext, page, { pageInFront: true });
    if (!run.ok) {
      throw new Error(`capture failed: ${run.outcomeText}`);
    }
    captureMs.push(run.clickToStoredMs);
    driverMs.push(run.driverMs);
    // When each step began inside the worker (src/background/capture.ts keeps the last capture's).
    const starts = await sw.evaluate(async (key) => ((await chrome.storage.session.get(key))[key] ?? {}) as Record<string, number>, LAST_TIMINGS_KEY);
    for (const [step, ms] of Object.entries(starts)) {
      (stepStarts[step] ??= []).push(ms);
    }
  }
  const tabId = await tabIdOf(sw, page);
  const cdp = await ext.context.newCDPSession(page);
  const renderMs: number[] = [];
  const cdpMs: number[] = [];
  for (let i = 0; i < runs; i++) {
    renderMs.push(await timedRender(ext, tabId));
    const started = performance.now();
    const metrics = (await cdp.send('Page.getLayoutMetrics')) as { cssContentSize: { width: number; height: number } };
    await cdp.send('Page.captureScreenshot', {
      format: 'png',
      captureBeyondViewport: true,
      clip: { x: 0, y: 0, width: metrics.cssContentSize.width, height: metrics.cssContentSize.height, scale: 1 },
    });
    cdpMs.push(performance.now() - started);
  }
  // The first render of a freshly loaded page (the renderer injected and run cold), as in a page's first capture.
  const firstRenderMs: number[] = [];
  for (let i = 0; i < FIRST_RUNS; i++) {
    await page.reload();
    firstRenderMs.push(await timedRender(ext, await tabIdOf(await serviceWorker(ext), page)));
  }
  await cdp.detach();
  return { elementCount, pageHeight, captureMs, firstCaptureMs, driverMs, stepStarts, renderMs, firstRenderMs, cdpMs };
}

/**
 * One full-page render as a capture runs it (src/background/capture.ts renderTopFrame): the renderer kept in the
 * page by an earlier capture, else the file injected. Written as source text because the worker runs it.
 */
async function timedRender(ext: ExtensionBrowser, tabId: number): Promise<number> {
  const sw = await serviceWorker(ext);
  return sw.evaluate<number>(`(async () => {
    const started = performance.now();
    const target = { tabId: ${tabId}, frameIds: [0] };
    const [kept] = await chrome.scripting.executeScript({ target, func: (version) => {
      const resident = globalThis.__liuzhengResidentRenderer;
      return resident && resident.version === version ? resident.render() : null;
    }, args: [chrome.runtime.getManifest().version] });
    const value = kept?.result ?? (await chrome.scripting.executeScript({ target, files: ['/content-scripts/render.js'] }))[0]?.result;
    if (value?.ok !== true) {
      throw new Error('render failed: ' + JSON.stringify(value).slice(0, 300));
    }
    return performance.now() - started;
  })()`);
}

function stepSummary(m: PageMeasure): string {
  return Object.entries(m.stepStarts)
    .map(([step, list]) => ({ step, ms: median(list) }))
    .sort((a, b) => a.ms - b.ms)
    .map(({ step, ms }) => `${step} ${round(ms)}`)
    .join(', ');
}

async function benchCapture(figures: Figure[]): Promise<void> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'liuzheng-bench-'));
  await writeFile(path.join(dir, 'order-typical.html'), orderPageHtml(TYPICAL_ELEMENTS));
  await writeFile(path.join(dir, 'order-heavy.html'), orderPageHtml(HEAVY_ELEMENTS));
  const server = await serveStatic(dir);
  const ext = await launchExtension();
  try {
    const page = await ext.context.newPage();
    await page.goto(`${server.origin}/order-typical.html`);
    const typical = await measurePage(ext, page, RUNS);
    await page.goto(`${server.origin}/order-heavy.html`);
    const heavy = await measurePage(ext, page, RUNS);
    const captureMedian = median(typical.captureMs);
    figures.push({
      key: 'capture_ms_median',
      value: round(captureMedian),
      target: '≤ 1200 ms',
      anchor: '—',
      met: captureMedian <= 1200,
      note: `click → every item stored and hashed, timed in the popup (click event → outcome shown; the driver's own clock: median ${round(median(typical.driverMs))} ms typical, ${round(median(heavy.driverMs))} ms heavy); typical order page of ${typical.elementCount} elements (order table, then a grid of other products), ${typical.pageHeight} px tall; runs ${typical.captureMs.join(', ')} ms; steps begin after (median ms in the worker): ${stepSummary(typical)}. Heavy page of ${heavy.elementCount} elements, ${heavy.pageHeight} px: median ${round(median(heavy.captureMs))} ms (runs ${heavy.captureMs.join(', ')}; steps ${stepSummary(heavy)}). These are later captures of a page (its renderer kept warm from its first capture); a page's first capture, timed on freshly loaded pages: typical median ${round(median(typical.firstCaptureMs))} ms (runs ${typical.firstCaptureMs.join(', ')}), heavy median ${round(median(heavy.firstCaptureMs))} ms (runs ${heavy.firstCaptureMs.join(', ')}). The popup page is opened as a tab and the order page brought back to the front before the click, as with a real popup over the page`,
      measurements: { typicalRunsMs: typical.captureMs, heavyRunsMs: heavy.captureMs, typicalFirstCaptureMs: typical.firstCaptureMs, heavyFirstCaptureMs: heavy.firstCaptureMs, typicalDriverMs: typical.driverMs, heavyDriverMs: heavy.driverMs, typicalElements: typical.elementCount, heavyElements: heavy.elementCount },
    });
    const ratio = median(typical.renderMs) / median(typical.cdpMs);
    const heavyRatio = median(heavy.renderMs) / median(heavy.cdpMs);
    figures.push({
      key: 'fullpage_vs_cdp_ratio',
      value: round(ratio, 2),
      target: '≤ 2×',
      anchor: `CDP Page.captureScreenshot full page: median ${round(median(typical.cdpMs))} ms`,
      met: ratio <= 2,
      note: `typical page: extension full-page render median ${round(median(typical.renderMs))} ms (runs ${typical.renderMs.map((n) => Math.round(n)).join(', ')}; as a page's later captures run it); CDP runs ${typical.cdpMs.map((n) => Math.round(n)).join(', ')}. Heavy page: render ${round(median(heavy.renderMs))} ms vs CDP ${round(median(heavy.cdpMs))} ms = ${round(heavyRatio, 2)}×. First render of a freshly loaded page (renderer injected, cold): typical median ${round(median(typical.firstRenderMs))} ms = ${round(median(typical.firstRenderMs) / median(typical.cdpMs), 2)}× CDP, heavy ${round(median(heavy.firstRenderMs))} ms = ${round(median(heavy.firstRenderMs) / median(heavy.cdpMs), 2)}×`,
      measurements: { heavyRatio: round(heavyRatio, 2), heavyRenderMs: heavy.renderMs.map((n) => round(n)), heavyCdpMs: heavy.cdpMs.map((n) => round(n)), typicalFirstRenderMs: typical.firstRenderMs.map((n) => round(n)), heavyFirstRenderMs: heavy.firstRenderMs.map((n) => round(n)) },
    });
    // Same browser: the detector figure needs an extension-loaded page context, not a fresh profile.
    await runPhase('detector', ['detector_ms_p95'], figures, (into) => benchDetectorPhase(ext, into));
  } finally {
    await ext.context.close();
    await server.close();
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * A phase during which the virtual machine's host took more than this share of the CPU (steal time) is measured
 * again. Bursts of 15–45 % steal lasting seconds came and went on the reference machine (2026-11-22, sampled every
 * 3 s), and a phase measured through them came out 30–100 % slower on every figure, anchors included.
 */
const STEAL_LIMIT_PERCENT = 8;
/** Attempts of one phase at most; of several, the one the host disturbed least is reported, the others in its notes. */
const MAX_PHASE_ATTEMPTS = 3;

/** One attempt of a phase, as `machine.phases` of the JSON lists it (the detector phase runs inside each capture attempt). */
interface PhaseAttempt {
  phase: string;
  attempt: number;
  seconds: number;
  stealPercent: number | null;
  idlePercent: number | null;
  reported: boolean;
}
const phaseAttempts: PhaseAttempt[] = [];

/**
 * Runs one phase, measuring it again (up to {@link MAX_PHASE_ATTEMPTS}) while the host takes more than
 * {@link STEAL_LIMIT_PERCENT} of the CPU. The choice rests on the kernel's steal counter, never on the figures;
 * every attempt's figures are kept in the reported one's notes.
 */
async function runPhase(name: string, keys: string[], figures: Figure[], phase: (into: Figure[]) => Promise<void>): Promise<void> {
  if (ONLY !== null && !ONLY.has(name)) {
    return;
  }
  const attempts: { figures: Figure[]; entry: PhaseAttempt }[] = [];
  for (let attempt = 0; attempt < MAX_PHASE_ATTEMPTS; attempt++) {
    const started = Date.now();
    const before = cpuTicks();
    const measured = await measurePhase(name, keys, phase);
    const shares = cpuShares(before, cpuTicks());
    const entry: PhaseAttempt = { phase: name, attempt: attempt + 1, seconds: Math.round((Date.now() - started) / 1000), stealPercent: shares?.stealPercent ?? null, idlePercent: shares?.idlePercent ?? null, reported: false };
    attempts.push({ figures: measured, entry });
    phaseAttempts.push(entry);
    console.log(`[bench] ${name} phase: ${entry.seconds} s${shares === null ? '' : `; CPU taken by the host (steal) ${shares.stealPercent} %, idle ${shares.idlePercent} %`}`);
    const failed = measured.some((f) => f.value === null);
    if (shares === null || shares.stealPercent <= STEAL_LIMIT_PERCENT || failed) {
      break;
    }
    if (attempt + 1 < MAX_PHASE_ATTEMPTS) {
      console.log(`[bench] ${name} phase: the host took more than ${STEAL_LIMIT_PERCENT} % of the CPU; measuring the phase again`);
    }
  }
  const chosen = attempts.reduce((best, a) => ((a.entry.stealPercent ?? 0) < (best.entry.stealPercent ?? 0) ? a : best));
  chosen.entry.reported = true;
  const steal = (a: { entry: PhaseAttempt }): string => (a.entry.stealPercent === null ? 'not measured' : `${a.entry.stealPercent} %`);
  for (const figure of chosen.figures) {
    const others = attempts.filter((a) => a !== chosen).map((a) => `attempt ${a.entry.attempt} (steal ${steal(a)}): ${a.figures.find((f) => f.key === figure.key)?.value ?? 'not measured'}`);
    const measuredAgain = others.length > 0 ? ` — measured ${attempts.length} times as the host took CPU; the others: ${others.join(', ')}` : '';
    figure.note = `${figure.note} [${name} phase attempt ${chosen.entry.attempt}, CPU taken by the host ${steal(chosen)}${measuredAgain}]`;
  }
  figures.push(...chosen.figures);
}

/**
 * One attempt of a phase; if it throws, its keys are still reported (null) with the error, and the bench goes on.
 * A phase that finds extension files missing (should not happen with the private copy) is rerun once.
 */
async function measurePhase(name: string, keys: string[], phase: (into: Figure[]) => Promise<void>): Promise<Figure[]> {
  for (let attempt = 0; ; attempt++) {
    const figures: Figure[] = [];
    try {
      await phase(figures);
      return figures;
    } catch (error) {
      const message = error instanceof Error ? (error.message.split('\n')[0] ?? error.message) : String(error);
      const rebuilt = message.includes('ERR_FILE_NOT_FOUND') || message.includes('no extension build');
      if (rebuilt && attempt === 0) {
        console.log(`[bench] ${name} phase met a concurrent rebuild (${message}); rerunning it`);
        await new Promise((resolve) => setTimeout(resolve, 5000));
        continue;
      }
      for (const key of keys) {
        if (!figures.some((f) => f.key === key)) {
          figures.push({ key, value: null, target: KEYS[key] ?? '', anchor: '—', met: null, note: `${name} phase failed: ${message}` });
        }
      }
      return figures;
    }
  }
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
  await runPhase('capture', ['capture_ms_median', 'fullpage_vs_cdp_ratio', 'detector_ms_p95'], figures, (into) => benchCapture(into));
  await runPhase('chat', ['chat_ms_per_message', 'chat_long_tasks', 'chat_persist_ms_p95'], figures, (into) => benchChat(into));
  await runPhase('export', ['export_vs_zip_ratio'], figures, (into) => benchExport(into));
  await runPhase('scale', ['popup_open_ms_at_scale', 'case_list_ms_at_scale'], figures, (into) => benchScale(into));
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
    phases: phaseAttempts,
  };
  await dropExtensionSnapshot();
  await writeFile(out, JSON.stringify(json, null, 2));
  console.log(`\nwrote ${out} (${Math.round((Date.now() - started) / 1000)} s; load average ${loadAtStart.join(' ')} at start, ${os.loadavg().map((n) => round(n, 2)).join(' ')} at end)`);
}

await main();
