/**
 * @module The eval run behind `npm run eval` (DESIGN.md §5), callable from the end-to-end tests too: each
 * fixture page in a fresh profile with the built extension, served at its truth URL by interception,
 * captured as a user does, read back from the extension and scored against its truth file.
 */
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { launchWithExtension, type ExtensionBrowser } from './chromium.ts';
import { dumpStore, pressCapture, type StoreDump } from './driver.ts';
import { exportCasesFromExtension } from './export.ts';
import { scorePages, type ScoredPage, type Scores } from './score.ts';
import { contentTypeFor, serveStatic, type StaticServer } from './static-server.ts';

/** What an eval run needs. */
export interface EvalOptions {
  dir: string;
  exportDir: string | null;
  headed: boolean;
  /** Called after each page. */
  onPage?: (entry: Record<string, unknown>) => void;
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

/** The deadlines the extension computed for each detected order (what its reminders show). */
async function readDeadlines(ext: ExtensionBrowser): Promise<unknown[]> {
  // Reminders are recomputed right after an order sighting; give the background a moment to finish.
  await new Promise((r) => setTimeout(r, 300));
  const stored = await ext.serviceWorker.evaluate(() => chrome.storage.local.get('reminders:deadlines')).catch(() => ({}));
  const list: unknown = (stored as Record<string, unknown>)['reminders:deadlines'];
  if (!Array.isArray(list)) {
    return [];
  }
  return list.map((d: { orderNo?: unknown; rule?: unknown; dueAt?: unknown; basis?: { kind?: unknown; zh?: unknown; article?: unknown } }) => ({
    orderNo: d.orderNo ?? null,
    rule: d.rule,
    dueAt: d.dueAt,
    basis: d.basis === undefined ? null : `${String(d.basis.kind)}: ${String(d.basis.zh)}`,
  }));
}

async function evalPage(args: EvalOptions, name: string, servers: { main: StaticServer; other: StaticServer }): Promise<{ entry: Record<string, unknown>; scored: ScoredPage }> {
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
        truth: { pageKind: truth.pageKind, order: truth.order, orders: truth.orders, messages: truth.messages },
        orders: entry.orders as ScoredPage['orders'],
        messages: entry.messages as ScoredPage['messages'],
      },
    };
  } finally {
    await ext.context.close();
  }
}


/** Evaluates every page of `options.dir`; returns the report entries and the scores. */
export async function runEval(options: EvalOptions): Promise<{ entries: Record<string, unknown>[]; scores: Scores }> {
  const names = (await readdir(options.dir)).filter((f) => f.endsWith('.html') && !f.endsWith('.frame.html')).sort();
  const main = await serveStatic(options.dir);
  const other = await serveStatic(options.dir, { host: 'localhost' });
  const entries: Record<string, unknown>[] = [];
  const scored: ScoredPage[] = [];
  try {
    for (const name of names) {
      const result = await evalPage(options, name, { main, other });
      entries.push(result.entry);
      scored.push(result.scored);
      options.onPage?.(result.entry);
    }
  } finally {
    await main.close();
    await other.close();
  }
  return { entries, scores: scorePages(scored) };
}
