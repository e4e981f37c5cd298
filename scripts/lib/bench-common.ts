/**
 * @module Shared pieces of `npm run bench`: the figure record every phase reports, small statistics, and
 * helpers to run code in the extension's service worker and to read its IndexedDB without the extension's
 * own code (so the bench observes what is stored, whatever the extension's internals do).
 */
import { execSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Page, Worker } from 'playwright-core';
import { currentServiceWorker, EXTENSION_DIR, launchWithExtension, type ExtensionBrowser } from './chromium.ts';
import { installNameShim } from './driver.ts';

/** A raw measurement kept in bench.json beside a figure (nested for multi-part measurements). */
export type MeasurementValue = number | string | null | number[] | { [key: string]: MeasurementValue };

/** One row of the bench table / one entry of `details` in the JSON. */
export interface Figure {
  key: string;
  value: number | null;
  target: string;
  anchor: string;
  met: boolean | null;
  note: string;
  /** Raw numbers behind the figure (both sides of the anchor, counts, runs), for whoever reads the JSON. */
  measurements?: Record<string, MeasurementValue>;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] ?? NaN) : ((sorted[mid - 1] ?? NaN) + (sorted[mid] ?? NaN)) / 2;
}

/** Nearest-rank percentile (no interpolation: the reported value is one that was actually measured). */
export function percentile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[rank] ?? NaN;
}

export const round = (n: number, digits = 1): number => Math.round(n * 10 ** digits) / 10 ** digits;

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** The machine's cumulative CPU time by state (Linux `/proc/stat`, in clock ticks); null elsewhere. */
export interface CpuTicks {
  total: number;
  steal: number;
  idle: number;
}

/** Reads the machine-wide CPU counters, or null where `/proc/stat` does not exist. */
export function cpuTicks(): CpuTicks | null {
  try {
    // First line: "cpu  user nice system idle iowait irq softirq steal guest guest_nice".
    const fields = (readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '').trim().split(/\s+/).slice(1, 9).map(Number);
    if (fields.length < 8 || fields.some((n) => !Number.isFinite(n))) {
      return null;
    }
    return { total: fields.reduce((a, b) => a + b, 0), steal: fields[7] ?? 0, idle: fields[3] ?? 0 };
  } catch {
    return null;
  }
}

/**
 * Share of CPU time between two readings that the hypervisor gave to other machines (steal) and that sat idle,
 * in percent. On a virtual machine, steal is the one slowdown no process list shows: a phase run while the host
 * is busy measures every figure and its anchor slower.
 */
export function cpuShares(before: CpuTicks | null, after: CpuTicks | null): { stealPercent: number; idlePercent: number } | null {
  if (before === null || after === null || after.total <= before.total) {
    return null;
  }
  const total = after.total - before.total;
  return { stealPercent: round((100 * (after.steal - before.steal)) / total), idlePercent: round((100 * (after.idle - before.idle)) / total) };
}

let snapshot: string | null = null;

/**
 * A private copy of the built extension for this bench run. Other engineers rebuild the shared `.output`
 * while the bench runs, and Chromium serves an unpacked extension's files from disk on every page open, so
 * a rebuild mid-phase makes the popup briefly "not found"; a copy taken once keeps every phase on one build.
 */
export async function extensionSnapshot(): Promise<string> {
  if (snapshot !== null) {
    return snapshot;
  }
  const dir = await mkdtemp(path.join(os.tmpdir(), 'liuzheng-bench-ext-'));
  for (let attempt = 0; attempt < 20; attempt++) {
    if (!existsSync(path.join(EXTENSION_DIR, 'manifest.json'))) {
      execSync('npx wxt build', { stdio: 'inherit' });
    }
    await rm(dir, { recursive: true, force: true });
    try {
      await cp(EXTENSION_DIR, dir, { recursive: true });
      // A copy taken in the middle of someone's build lacks some entry files: take it again.
      if (['manifest.json', 'background.js', 'popup.html', 'cases.html', 'export.html'].every((f) => existsSync(path.join(dir, f)))) {
        snapshot = dir;
        return dir;
      }
    } catch {
      // Files vanished during the copy (a build started): try again.
    }
    await sleep(1000);
  }
  throw new Error(`could not take a consistent copy of ${EXTENSION_DIR}`);
}

/** Launches Chromium with this run's copy of the built extension. */
export async function launchExtension(): Promise<ExtensionBrowser> {
  return launchWithExtension({ extensionDir: await extensionSnapshot() });
}

/** Removes this run's copy of the extension. */
export async function dropExtensionSnapshot(): Promise<void> {
  if (snapshot !== null) {
    await rm(snapshot, { recursive: true, force: true });
    snapshot = null;
  }
}

/** Worker objects that already have the `__name` helper (a restarted worker is a new object and needs it again). */
const shimmed = new WeakSet<Worker>();

/**
 * The extension's current service worker with the `__name` shim installed. MV3 may stop and restart the
 * worker during a long phase; asking the context each time follows it instead of talking to a dead target.
 */
export async function serviceWorker(ext: ExtensionBrowser): Promise<Worker> {
  const sw = await currentServiceWorker(ext.context);
  if (!shimmed.has(sw)) {
    await installNameShim(sw);
    shimmed.add(sw);
  }
  return sw;
}

/**
 * Pages get the same shim before any script runs: tsx wraps named inner functions of evaluate() callbacks in
 * `__name(...)`, which does not exist in a page. Installed in the anchor browser too, so both sides run the same code.
 */
export async function shimPage(page: Page): Promise<void> {
  await page.addInitScript('globalThis.__name ??= (fn) => fn');
}

/**
 * Waits until the extension has created its database at the current schema (an extension page opening it
 * is enough), so the bench's raw IndexedDB opens never create an empty version-1 database of their own.
 */
export async function waitForExtensionDb(ext: ExtensionBrowser): Promise<number> {
  const page = await ext.context.newPage();
  try {
    // The cases page lists cases on load, which opens (and if needed creates/upgrades) the database.
    await page.goto(ext.extensionUrl('cases.html'));
    const until = Date.now() + 20_000;
    for (;;) {
      const sw = await serviceWorker(ext);
      const version = await sw.evaluate(async () => {
        const dbs = await indexedDB.databases();
        return dbs.find((d) => d.name === 'liuzheng')?.version ?? 0;
      });
      // Dexie stores version n as IndexedDB version 10·n; schema version 2 created every index the bench needs.
      if (version >= 20) {
        return version;
      }
      if (Date.now() > until) {
        throw new Error(`the extension did not create its database (IndexedDB version ${version})`);
      }
      await sleep(100);
    }
  } finally {
    await page.close();
  }
}

/** Number of records in one object store of the extension's database, read with raw IndexedDB in the worker. */
export async function storeCount(ext: ExtensionBrowser, store: string): Promise<number> {
  const sw = await serviceWorker(ext);
  return sw.evaluate(async (name) => {
    // One connection kept on the worker's global: the persistence probe polls every ~20 ms and opening a
    // connection each time would cost more than the count. It is dropped if the extension asks to upgrade.
    const holder = globalThis as unknown as { __benchDb?: IDBDatabase | null };
    if (holder.__benchDb === undefined || holder.__benchDb === null) {
      holder.__benchDb = await new Promise<IDBDatabase>((resolve, reject) => {
        const req = indexedDB.open('liuzheng');
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(new Error(String(req.error)));
      });
      const db = holder.__benchDb;
      db.onversionchange = () => {
        db.close();
        holder.__benchDb = null;
      };
    }
    const db = holder.__benchDb;
    return new Promise<number>((resolve, reject) => {
      const req = db.transaction(name, 'readonly').objectStore(name).count();
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(new Error(String(req.error)));
    });
  }, store);
}

/** Polls `storeCount` every `everyMs` until it reaches `atLeast`; returns the count reached (may be short on timeout). */
export async function waitForCount(ext: ExtensionBrowser, store: string, atLeast: number, timeoutMs: number, everyMs = 50): Promise<number> {
  const until = Date.now() + timeoutMs;
  let count = await storeCount(ext, store);
  while (count < atLeast && Date.now() < until) {
    await sleep(everyMs);
    count = await storeCount(ext, store);
  }
  return count;
}
