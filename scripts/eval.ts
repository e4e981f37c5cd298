/**
 * `npm run eval -- <dir> [--out report.json] [--export <dir>] [--baseline file.json]`
 *
 * For each `<name>.html` in <dir> (not `*.frame.html`): serve it at the `url` of its truth file by request
 * interception (else on loopback), frames from a second origin via `?frameBase=`; open it in a fresh
 * profile with the built extension; wait for `window.__fixtureDone` (or 2 s after load when the page never
 * sets it); let the extension work on its own; press capture as a user does; read back what the extension
 * stored; write one report entry per page and score against the truth files (DESIGN.md §5).
 */
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { execSync } from 'node:child_process';
import type { BrowserContext, Page } from 'playwright-core';
import { EXTENSION_DIR, launchWithExtension, type ExtensionBrowser } from './lib/chromium.ts';
import { dumpStore, pressCapture, type StoreDump } from './lib/driver.ts';
import { figuresOf, regressions, scorePages, type ScoredPage, type ScoreFigures } from './lib/score.ts';
import { contentTypeFor, serveStatic, type StaticServer } from './lib/static-server.ts';
import { exportCasesFromExtension } from './lib/export.ts';

interface Args {
  dir: string;
  out: string | null;
  exportDir: string | null;
  baseline: string | null;
  headed: boolean;
}

function parseArgs(argv: string[]): Args {
  const args: Args = { dir: '', out: null, exportDir: null, baseline: null, headed: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--out') {
      args.out = argv[++i] ?? null;
    } else if (arg === '--export') {
      args.exportDir = argv[++i] ?? null;
    } else if (arg === '--baseline') {
      args.baseline = argv[++i] ?? null;
    } else if (arg === '--headed') {
      args.headed = true;
    } else if (arg !== undefined && !arg.startsWith('--')) {
      args.dir = arg;
    }
  }
  if (args.dir === '') {
    console.error('usage: npm run eval -- <dir> [--out report.json] [--export <dir>] [--baseline file.json]');
    process.exit(2);
  }
  return args;
}

interface Truth {
  url?: string;
  pageKind: string;
  order?: Record<string, unknown> | null;
  orders?: Record<string, unknown>[];
  messages?: { role: string; text: string }[];
}

/** Second origin for frames of intercepted pages. */
const FRAME_ORIGIN = 'https://frames.liuzheng-eval.test';

async function routeFixture(context: BrowserContext, dir: string, pageUrl: URL, html: Buffer): Promise<void> {
  const pageDir = pageUrl.pathname.replace(/[^/]*$/, '');
  await context.route('**/*', async (route) => {
    const url = new URL(route.request().url());
    if (url.origin === pageUrl.origin && url.pathname === pageUrl.pathname) {
      await route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html });
      return;
    }
    let relative: string | null = null;
    if (url.origin === pageUrl.origin && url.pathname.startsWith(pageDir)) {
      relative = url.pathname.slice(pageDir.length);
    } else if (url.origin === pageUrl.origin) {
      relative = url.pathname.slice(1);
    } else if (url.origin === FRAME_ORIGIN) {
      relative = url.pathname.slice(1);
    }
    if (relative !== null) {
      const file = path.resolve(dir, decodeURIComponent(relative));
      if (file.startsWith(path.resolve(dir)) && existsSync(file)) {
        await route.fulfill({ status: 200, contentType: contentTypeFor(file), body: await readFile(file) });
        return;
      }
      await route.fulfill({ status: 404, body: 'not found' });
      return;
    }
    if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.hostname === '127.0.0.1' || url.hostname === 'localhost') {
      await route.continue();
      return;
    }
    // Nothing leaves the machine: any other address is refused.
    await route.abort('blockedbyclient');
  });
}

async function waitForFixture(page: Page, html: string): Promise<void> {
  if (html.includes('__fixtureDone')) {
    await page.waitForFunction(() => (window as unknown as { __fixtureDone?: boolean }).__fixtureDone === true, null, { timeout: 20_000 }).catch(() => undefined);
  } else {
    await page.waitForTimeout(2000);
  }
}

function reportEntry(file: string, url: string, dump: StoreDump, captureMs: number, errors: string[], deadlines: unknown[]): Record<string, unknown> {
  const orders = dump.cases
    .filter((c) => c.orderNo !== '' && c.order !== null && typeof c.order === 'object')
    .map((c) => c.order as Record<string, unknown>);
  const messages = [...dump.messages]
    .sort((a, b) => String(a.chatKey).localeCompare(String(b.chatKey)) || Number(a.position) - Number(b.position))
    .map((m) => {
      const versions = Array.isArray(m.versions) ? (m.versions as { text: string }[]) : [];
      return {
        role: m.role,
        text: m.text,
        shownTime: m.shownTime ?? null,
        kind: m.kind,
        url: m.url ?? null,
        editedFrom: versions[0]?.text ?? null,
        recalled: m.recalled === true,
      };
    });
  return {
    file,
    url,
    detected: { order: orders.length > 0, chat: messages.length > 0 },
    orders,
    messages,
    captures: dump.captures.map((c) => ({ kind: c.kind, mime: c.mime, bytes: c.bytes, sha256: c.sha256, capturedAt: c.capturedAt, frameUrl: c.frameUrl })),
    deadlines,
    timings: { captureMs },
    errors,
  };
}

async function readDeadlines(ext: ExtensionBrowser): Promise<unknown[]> {
  // The extension's own view of each case's deadlines (empty until reminders are wired).
  return ext.serviceWorker
    .evaluate(async () => {
      const fn = (globalThis as unknown as { __liuzhengDeadlines?: () => Promise<unknown[]> }).__liuzhengDeadlines;
      return fn === undefined ? [] : fn();
    })
    .catch(() => []);
}

async function evalPage(args: Args, name: string, servers: { main: StaticServer; other: StaticServer }): Promise<{ entry: Record<string, unknown>; scored: ScoredPage }> {
  const htmlPath = path.join(args.dir, name);
  const html = await readFile(htmlPath);
  const truthPath = htmlPath.replace(/\.html$/, '.truth.json');
  const truth: Truth = existsSync(truthPath) ? (JSON.parse(await readFile(truthPath, 'utf8')) as Truth) : { pageKind: 'unknown' };
  const ext = await launchWithExtension({ headless: !args.headed });
  const errors: string[] = [];
  try {
    let url: string;
    if (truth.url !== undefined) {
      const pageUrl = new URL(truth.url);
      await routeFixture(ext.context, args.dir, pageUrl, html);
      pageUrl.searchParams.set('frameBase', `${FRAME_ORIGIN}/`);
      // Keep the page's own query; frameBase is only read by fixture pages with frames.
      url = html.includes('frameBase') ? pageUrl.toString() : truth.url;
    } else {
      url = `${servers.main.origin}/${encodeURIComponent(name)}?frameBase=${encodeURIComponent(`${servers.other.origin}/`)}`;
    }
    const page = await ext.context.newPage();
    page.on('pageerror', (error) => errors.push(`page error: ${error.message}`));
    await page.goto(url, { waitUntil: 'load' });
    await waitForFixture(page, html.toString('utf8'));
    // Let the extension work on its own (detection, chat saving) before the user clicks.
    await page.waitForTimeout(1500);
    const run = await pressCapture(ext, page);
    if (!run.ok) {
      errors.push(`capture: ${run.outcomeText}`);
    }
    const dump = await dumpStore(ext.serviceWorker);
    const entry = reportEntry(name, url, dump, run.clickToStoredMs, errors, await readDeadlines(ext));
    if (args.exportDir !== null) {
      await exportCasesFromExtension(ext, args.exportDir, name.replace(/\.html$/, '')).catch((error: unknown) => errors.push(`export: ${String(error)}`));
    }
    return {
      entry,
      scored: {
        file: name,
        truth: { pageKind: truth.pageKind, order: truth.order as ScoredPage['truth']['order'], orders: truth.orders as ScoredPage['truth']['orders'], messages: truth.messages },
        orders: entry.orders as ScoredPage['orders'],
        messages: entry.messages as ScoredPage['messages'],
      },
    };
  } finally {
    await ext.context.close();
  }
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  if (!existsSync(path.join(EXTENSION_DIR, 'manifest.json'))) {
    execSync('npx wxt build', { stdio: 'inherit' });
  }
  const names = (await readdir(args.dir)).filter((f) => f.endsWith('.html') && !f.endsWith('.frame.html')).sort();
  const main = await serveStatic(args.dir);
  const other = await serveStatic(args.dir, { host: 'localhost' });
  const entries: Record<string, unknown>[] = [];
  const scored: ScoredPage[] = [];
  try {
    for (const name of names) {
      const result = await evalPage(args, name, { main, other });
      entries.push(result.entry);
      scored.push(result.scored);
      const e = result.entry as { detected: { order: boolean; chat: boolean }; orders: unknown[]; messages: unknown[]; timings: { captureMs: number }; errors: string[] };
      console.log(`${name}: order=${e.detected.order} (${e.orders.length}) chat=${e.detected.chat} (${e.messages.length} messages) capture=${e.timings.captureMs} ms${e.errors.length ? ` errors=${e.errors.join('; ')}` : ''}`);
    }
  } finally {
    await main.close();
    await other.close();
  }
  const scores = scorePages(scored);
  const report = { dir: args.dir, pages: entries, scores };
  if (args.out !== null) {
    await mkdir(path.dirname(path.resolve(args.out)), { recursive: true });
    await writeFile(args.out, JSON.stringify(report, null, 2));
  }
  for (const line of [...scores.fields.wrong, ...scores.messages.missing].slice(0, 60)) {
    console.log(`  miss: ${line}`);
  }
  const figures = figuresOf(scores);
  let failed: string[] = [];
  if (args.baseline !== null && existsSync(args.baseline)) {
    const all = JSON.parse(await readFile(args.baseline, 'utf8')) as Record<string, Partial<ScoreFigures>>;
    failed = regressions(figures, all[path.basename(path.resolve(args.dir))] ?? {});
  }
  const o = scores.orderPages;
  console.log(
    `eval ${path.basename(path.resolve(args.dir))}: ${scores.pages} pages · order F1 ${o.f1.toFixed(2)} (tp ${o.truePositive}, fp ${o.falsePositive}, fn ${o.falseNegative}) · fields ${(100 * scores.fields.accuracy).toFixed(1)}% (${scores.fields.right}/${scores.fields.total}) · messages ${scores.messages.found}/${scores.messages.expected}, roles ${scores.messages.roleRight}/${scores.messages.expected}, extra ${figures.extraMessages}${failed.length ? ` · BELOW BASELINE: ${failed.join('; ')}` : ''}`,
  );
  process.exit(failed.length > 0 ? 1 : 0);
}

await main();
