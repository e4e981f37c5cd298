/**
 * @module Measures backup and restore of a database holding ~100 MB of blobs in real Chromium with the built
 * extension: one case with 50 captures of 2 MB (incompressible, like screenshots) and their hash-chained
 * `capture-stored` events. Backup on the backup page of profile A (click → download saved), restore of that
 * file on the backup page of a fresh profile B (file chosen → report shown). Peak memory is sampled every
 * 100 ms: the page's JavaScript heap (CDP Runtime.getHeapUsage) and the resident memory of all this run's
 * Chromium processes (/proc). Usage: `npx tsx scripts/measure-backup.ts` after a build (LIUZHENG_OUT_DIR honoured; MEASURE_FILES=100 for 200 MB).
 */
import { readdir, readFile, mkdtemp, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { computeEventHash, GENESIS_HASH } from '@/src/store/chain';
import type { EventRecord, JsonValue } from '@/src/store/records';
import { launchWithExtension, type ExtensionBrowser } from './lib/chromium.ts';
import { exportRecords, FILE_BYTES, FILES, pseudoRandomBytes, seedExportCase, seedOf } from './lib/bench-export.ts';
import { installNameShim } from './lib/driver.ts';
import { sha256Hex } from '@/src/shared/hash';

const CASE_ID = 'measure-backup-case';
// MEASURE_FILES=100 doubles the database (200 MB), to see whether peak memory follows its size.
const COUNT = Number(process.env.MEASURE_FILES ?? FILES);

const processTypes = new Map<number, string>();

/** Resident memory (MB) of each of this script's Chromium processes, by pid. */
async function chromiumRss(): Promise<Map<number, number>> {
  const out = new Map<number, number>();
  processTypes.clear();
  for (const name of await readdir('/proc')) {
    if (!/^\d+$/.test(name)) {
      continue;
    }
    try {
      const statText = await readFile(`/proc/${name}/stat`, 'utf8');
      let ppid = Number(statText.slice(statText.lastIndexOf(')') + 2).split(' ')[1]);
      // Only this script's descendants.
      let mine = false;
      for (let depth = 0; depth < 6 && ppid > 1; depth++) {
        if (ppid === process.pid) {
          mine = true;
          break;
        }
        const parent = await readFile(`/proc/${ppid}/stat`, 'utf8');
        ppid = Number(parent.slice(parent.lastIndexOf(')') + 2).split(' ')[1]);
      }
      if (!mine) {
        continue;
      }
      const status = await readFile(`/proc/${name}/status`, 'utf8');
      out.set(Number(name), Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? '0') / 1024);
      const cmdline = (await readFile(`/proc/${name}/cmdline`, 'utf8')).split('\0');
      processTypes.set(Number(name), cmdline.find((a) => a.startsWith('--type='))?.slice(7) ?? 'browser');
    } catch {
      // The process ended meanwhile.
    }
  }
  return out;
}

/** Figures of one measured operation. */
interface Measured {
  ms: number;
  /** Peak JS heap plus ArrayBuffer backing stores of the page (as bench-export measures the export page). */
  heapPeakMb: number;
  /** Largest growth of any one Chromium process's RSS over its value before the operation (the page's renderer). */
  rssGrowthPeakMb: number;
  rssGrowthProcess: string;
  /** Peak of the summed growth over all processes (renderer + browser, where Blob data lives). */
  rssTotalGrowthPeakMb: number;
}

/** Runs `work` while sampling the page's JS heap and Chromium's RSS every 100 ms; returns time and peaks. */
async function measured(page: Page, work: () => Promise<void>): Promise<Measured> {
  const cdp = await page.context().newCDPSession(page);
  const heap = async (): Promise<number> => {
    const usage = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number; backingStorageSize?: number };
    return (usage.usedSize + (usage.backingStorageSize ?? 0)) / 1048576;
  };
  const before = await chromiumRss();
  let heapPeakMb = await heap();
  let rssGrowthPeakMb = 0;
  let rssGrowthProcess = '';
  let rssTotalGrowthPeakMb = 0;
  let running = true;
  const sampler = (async () => {
    while (running) {
      heapPeakMb = Math.max(heapPeakMb, await heap().catch(() => 0));
      let total = 0;
      for (const [pid, mb] of await chromiumRss()) {
        const growth = mb - (before.get(pid) ?? 0);
        if (growth > rssGrowthPeakMb) {
          rssGrowthPeakMb = growth;
          rssGrowthProcess = processTypes.get(pid) ?? '?';
        }
        total += growth;
      }
      rssTotalGrowthPeakMb = Math.max(rssTotalGrowthPeakMb, total);
      await new Promise((r) => setTimeout(r, 100));
    }
  })();
  const start = performance.now();
  await work();
  const ms = performance.now() - start;
  running = false;
  await sampler;
  return { ms: Math.round(ms), heapPeakMb: Math.round(heapPeakMb), rssGrowthPeakMb: Math.round(rssGrowthPeakMb), rssGrowthProcess, rssTotalGrowthPeakMb: Math.round(rssTotalGrowthPeakMb) };
}

/** Seeds the case with blobs (generated in the worker) and the capture-stored chain (computed here). */
async function seed(ext: ExtensionBrowser): Promise<void> {
  const hashes: string[] = [];
  for (let i = 0; i < COUNT; i++) {
    hashes.push(await sha256Hex(pseudoRandomBytes(seedOf(i), FILE_BYTES)));
  }
  const nowMs = Date.now();
  const { caseRecord, captures } = exportRecords(hashes, nowMs, CASE_ID);
  await seedExportCase(ext, caseRecord, captures);
  const events: EventRecord[] = [];
  let prevHash = GENESIS_HASH;
  const bodies: { type: string; data: JsonValue; at: string }[] = [
    { type: 'case-opened', data: { shopOrigin: caseRecord.shopOrigin, orderNo: caseRecord.orderNo }, at: caseRecord.createdAt },
    ...captures.map((c) => ({
      type: 'capture-stored',
      data: { captureId: c.id, batchId: c.batchId, kind: c.kind, sha256: c.sha256, bytes: c.bytes, mime: c.mime, sourceUrl: c.sourceUrl, frameUrl: c.frameUrl },
      at: c.capturedAt,
    })),
  ];
  for (const [seq, body] of bodies.entries()) {
    const chained = { caseId: CASE_ID, seq, type: body.type, at: body.at, data: body.data, prevHash };
    const hash = await computeEventHash(chained);
    events.push({ ...chained, hash });
    prevHash = hash;
  }
  await installNameShim(ext.serviceWorker);
  // As JSON text: Playwright's argument typing cannot follow the recursive JsonValue.
  await ext.serviceWorker.evaluate(async (rowsJson) => {
    const rows = JSON.parse(rowsJson) as unknown[];
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open('liuzheng');
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(new Error(String(req.error)));
    });
    await new Promise<void>((resolve, reject) => {
      const tx = db.transaction('events', 'readwrite');
      for (const row of rows) {
        tx.objectStore('events').add(row);
      }
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(new Error(String(tx.error)));
    });
    db.close();
  }, JSON.stringify(events));
}

async function main(): Promise<void> {
  const profileA = await mkdtemp(path.join(os.tmpdir(), 'liuzheng-measure-a-'));
  const profileB = await mkdtemp(path.join(os.tmpdir(), 'liuzheng-measure-b-'));
  const out = await mkdtemp(path.join(os.tmpdir(), 'liuzheng-measure-out-'));
  try {
    const a = await launchWithExtension({ userDataDir: profileA });
    // The extension creates its database on first use: open a page that reads it first.
    const warm = await a.context.newPage();
    await warm.goto(a.extensionUrl('cases.html'));
    await warm.waitForTimeout(1000);
    await seed(a);
    const page = await a.context.newPage();
    await page.goto(a.extensionUrl('backup.html?lang=en'));
    await page.getByTestId('start-backup').waitFor();
    const file = path.join(out, 'backup.zip');
    const backup = await measured(page, async () => {
      const download = page.waitForEvent('download', { timeout: 300_000 });
      await page.getByTestId('start-backup').click();
      await (await download).saveAs(file);
      await page.getByTestId('backup-done').waitFor({ timeout: 300_000 });
    });
    const size = (await stat(file)).size;
    await a.context.close();

    const b = await launchWithExtension({ userDataDir: profileB });
    const restorePage = await b.context.newPage();
    await restorePage.goto(b.extensionUrl('backup.html?lang=en'));
    await restorePage.getByTestId('restore-file').waitFor();
    const restore = await measured(restorePage, async () => {
      await restorePage.getByTestId('restore-file').setInputFiles(file);
      await restorePage.locator('[data-testid="restore-done"], [data-testid="restore-refused"]').waitFor({ timeout: 300_000 });
    });
    const outcome = await restorePage.locator('[data-testid="restore-done"], [data-testid="restore-refused"]').innerText();
    await b.context.close();
    console.log(JSON.stringify({ blobsMb: (COUNT * FILE_BYTES) / 1048576, backupFileMb: Math.round(size / 1048576), backup, restore, outcome: outcome.slice(0, 300) }, null, 2));
  } finally {
    await rm(profileA, { recursive: true, force: true });
    await rm(profileB, { recursive: true, force: true });
    await rm(out, { recursive: true, force: true });
  }
}

await main();
