/**
 * Faults, end to end in Chromium: the service worker stopped during a capture, during chat saving and
 * during an export; the tab closed during a capture; the browser process killed and restarted on the same
 * profile; IndexedDB over its quota. Each must end with a plain message to the user, no record lost or
 * half-written (capture batches all-or-nothing) and every case's event chain intact.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Download, Page } from '@playwright/test';
import { exportRecords, FILE_BYTES, pseudoRandomBytes, seedExportCase, seedOf } from '../../scripts/lib/bench-export.ts';
import { EXTENSION_DIR, launchWithExtension, type ExtensionBrowser } from '../../scripts/lib/chromium.ts';
import { pressCapture, tabIdOf } from '../../scripts/lib/driver.ts';
import { expect, test } from './fixtures.ts';
import { dump, withLiveWorker, expectChainsIntact, expectWholeBatches, exportAndVerify, waitForMessages, waitForOrderCase } from './hostile-helpers.ts';

const run = promisify(execFile);

let outDir = '';
test.beforeAll(async () => {
  outDir = await mkdtemp(path.join(os.tmpdir(), 'liuzheng-faults-'));
});
test.afterAll(async () => {
  await rm(outDir, { recursive: true, force: true });
});

/** Stops every service worker of the browser, as Chromium does to an idle or crashed worker. */
async function stopServiceWorker(ext: ExtensionBrowser, page: Page): Promise<void> {
  const cdp = await ext.context.newCDPSession(page);
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
  await cdp.detach();
}

/** Opens the popup for `page`'s tab and clicks capture without waiting for the outcome. */
async function startCapture(ext: ExtensionBrowser, page: Page): Promise<Page> {
  const tabId = await tabIdOf((await withLiveWorker(ext)).serviceWorker, page);
  const popup = await ext.context.newPage();
  await popup.goto(ext.extensionUrl(`popup.html?tabId=${tabId}&lang=zh-CN`));
  await popup.waitForFunction(() => {
    const b = document.querySelector('[data-testid="capture-button"]');
    return b instanceof HTMLButtonElement && !b.disabled;
  });
  await popup.getByTestId('capture-button').click();
  return popup;
}

/** The popup's outcome once shown: role (status = stored, alert = failed) and text. */
async function outcomeOf(popup: Page): Promise<{ ok: boolean; text: string }> {
  const outcome = popup.getByTestId('capture-outcome');
  await outcome.waitFor({ timeout: 60_000 });
  return { ok: (await outcome.getAttribute('role')) === 'status', text: (await outcome.textContent()) ?? '' };
}

/** A stable page to capture: an order page, detected into its own case. */
async function openOrderPage(ext: ExtensionBrowser, origin: string): Promise<{ page: Page; caseId: string }> {
  const page = await ext.context.newPage();
  await page.goto(`${origin}/faults/order.html`);
  const caseRecord = await waitForOrderCase(ext, 'F6QW2M7ZP4XR9T4K');
  return { page, caseId: String(caseRecord.id) };
}

test('service worker stopped during a capture: a plain failure or a whole batch, and the next capture works', async ({ ext, servers }) => {
  const { page } = await openOrderPage(ext, servers.main.origin);
  const popup = await startCapture(ext, page);
  // Stop the worker while the page is being drawn (step 3 of 5).
  await popup.locator('progress[value="2"]').waitFor({ timeout: 20_000 });
  await stopServiceWorker(ext, page);
  const outcome = await outcomeOf(popup);
  test.info().annotations.push({ type: 'outcome after the worker stopped', description: outcome.text });
  if (!outcome.ok) {
    expect(outcome.text).toBe('取证失败：扩展后台在取证中途停止了，这次取证没有保存不完整的记录。请再按一次「取证」。');
  }
  let store = await dump(ext);
  expect(store.captures.length === 0 || outcome.ok).toBe(true);
  expectWholeBatches(store);
  await expectChainsIntact(store);
  // A new worker takes the next capture.
  const again = await pressCapture(await withLiveWorker(ext), page);
  expect(again.ok, again.outcomeText).toBe(true);
  store = await dump(ext);
  expectWholeBatches(store);
  await expectChainsIntact(store);
  expect(new Set(store.captures.map((c) => c.batchId)).size).toBe(outcome.ok ? 2 : 1);
});

test('service worker stopped during a burst of chat messages: each stored once, in order', async ({ ext, servers }) => {
  const page = await ext.context.newPage();
  await page.goto(`${servers.main.origin}/pages/live-chat.html`);
  expect(await waitForMessages(ext, 3)).toHaveLength(3);
  const lines = Array.from({ length: 40 }, (_, i) => `第${i + 1}条：退款进度查询`);
  const say = (text: string, role: string): Promise<void> => page.evaluate(([r, t]) => (window as unknown as { say: (r: string, t: string) => void }).say(r, t), [role, text] as const);
  for (const [i, line] of lines.entries()) {
    await say(line, i % 2 === 0 ? 'customer' : 'agent');
    if (i === 15) {
      await stopServiceWorker(ext, page);
    }
    await page.waitForTimeout(20);
  }
  const messages = await waitForMessages(ext, 43, 20_000);
  expect(messages.map((m) => m.text)).toEqual(['您好，请问有什么可以帮您？', '我的订单还没发货。', '请提供一下订单号。', ...lines]);
  await expectChainsIntact(await dump(ext));
});

test('service worker stopped during an export: the pack is still written and verifies', async ({ ext, servers }) => {
  const { page, caseId } = await openOrderPage(ext, servers.main.origin);
  for (let i = 0; i < 2; i++) {
    expect((await pressCapture(ext, page)).ok).toBe(true);
  }
  const exportPage = await ext.context.newPage();
  await exportPage.goto(ext.extensionUrl(`export.html?cases=${caseId}&lang=zh-CN`));
  const download = exportPage.waitForEvent('download', { timeout: 60_000 });
  await exportPage.getByTestId('start-export').click();
  await stopServiceWorker(ext, page);
  await download;
  await expect(exportPage.getByTestId('export-done')).toBeVisible({ timeout: 60_000 });
  await exportPage.close();
  // And again with a fresh worker, through the driver, verifying the pack.
  await exportAndVerify(ext, [caseId], outDir, 'after-stop.zip');
  await expectChainsIntact(await dump(ext));
});

test('stored bytes altered after capture: the export stops, names the capture, and writes no pack', async ({ ext, servers }) => {
  const { page, caseId } = await openOrderPage(ext, servers.main.origin);
  expect((await pressCapture(ext, page)).ok).toBe(true);
  // Flip one byte of the stored viewport screenshot, behind the extension's back (as disk corruption would).
  const altered = await (await withLiveWorker(ext)).serviceWorker.evaluate(async (id) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open('liuzheng');
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(new Error(String(req.error)));
    });
    const get = <T,>(store: string, key: IDBValidKey, index?: string): Promise<T> =>
      new Promise((resolve, reject) => {
        const s = db.transaction(store).objectStore(store);
        const req = index === undefined ? s.get(key) : s.index(index).getAll(key);
        req.onsuccess = () => resolve(req.result as T);
        req.onerror = () => reject(new Error(String(req.error)));
      });
    const captures = await get<{ id: string; kind: string; sha256: string }[]>('captures', id, 'caseId');
    const visible = captures.find((c) => c.kind === 'visible');
    if (visible === undefined) {
      throw new Error('no visible capture');
    }
    const blob = await get<{ data: Blob }>('blobs', visible.sha256);
    const bytes = new Uint8Array(await blob.data.arrayBuffer());
    const middle = bytes.length >> 1;
    bytes[middle] = (bytes[middle] ?? 0) ^ 0xff;
    blob.data = new Blob([bytes]);
    await new Promise<void>((resolve, reject) => {
      const tx = db.transaction('blobs', 'readwrite');
      tx.objectStore('blobs').put(blob);
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(new Error(String(tx.error)));
    });
    db.close();
    return visible.id;
  }, caseId);
  const exportPage = await ext.context.newPage();
  const downloads: Download[] = [];
  exportPage.on('download', (d) => downloads.push(d));
  await exportPage.goto(ext.extensionUrl(`export.html?cases=${caseId}&lang=zh-CN`));
  // The page's own check of the stored bytes names the capture before anyone clicks.
  const check = exportPage.getByTestId('stored-check');
  await expect(check).toHaveAttribute('data-state', 'problem', { timeout: 60_000 });
  await expect(check).toContainText(altered);
  await expect(check).toContainText('与取证时记录的哈希不一致');
  const clicked = Date.now();
  await exportPage.getByTestId('start-export').click();
  const error = exportPage.getByTestId('export-error');
  await expect(error).toContainText(`capture ${altered}: stored bytes do not match the SHA-256 recorded at capture`, { timeout: 60_000 });
  // And what it means, in the page's language.
  await expect(error).toContainText('与取证时记录的哈希不一致');
  await expect(exportPage.getByTestId('export-done')).toHaveCount(0);
  // The browser may have begun writing the pack while the captures were checked: it was cancelled, or its file
  // deleted, and it is gone from the browser's list of downloads; no pack is left anywhere.
  for (const download of downloads) {
    if ((await download.failure()) === null) {
      expect(existsSync(await download.path())).toBe(false);
    }
  }
  const listed = await (await withLiveWorker(ext)).serviceWorker.evaluate(() => chrome.downloads.search({}));
  expect(listed.filter((item) => Date.parse(item.startTime) >= clicked - 1000)).toEqual([]);
  await exportPage.close();
});

test('the export page checks the stored bytes when it opens; an export then reads no capture twice, a later capture is checked during it', async ({ ext, servers }) => {
  const { page, caseId } = await openOrderPage(ext, servers.main.origin);
  expect((await pressCapture(ext, page)).ok).toBe(true);
  const exportPage = await ext.context.newPage();
  await exportPage.goto(ext.extensionUrl(`export.html?cases=${caseId}&lang=zh-CN`));
  const check = exportPage.getByTestId('stored-check');
  await expect(check).toHaveAttribute('data-state', 'ok', { timeout: 60_000 });
  const stored = await (await withLiveWorker(ext)).serviceWorker.evaluate(async (id) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open('liuzheng');
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(new Error(String(req.error)));
    });
    const captures = await new Promise<{ sha256: string }[]>((resolve, reject) => {
      const req = db.transaction('captures').objectStore('captures').index('caseId').getAll(id);
      req.onsuccess = () => resolve(req.result as { sha256: string }[]);
      req.onerror = () => reject(new Error(String(req.error)));
    });
    db.close();
    return new Set(captures.map((c) => c.sha256)).size;
  }, caseId);
  expect(stored).toBeGreaterThanOrEqual(4);
  await expect(check).toContainText(`已核对 ${stored} 个证据文件`);
  // How many captures the export had to hash itself (the page records it once the file is written).
  const exportOnce = async (): Promise<number> => {
    const before = await exportPage.evaluate(() => performance.getEntriesByName('liuzheng-export').length);
    await exportPage.getByTestId('start-export').click();
    await expect(exportPage.getByTestId('export-done')).toBeVisible({ timeout: 60_000 });
    const detail = await exportPage.waitForFunction((n) => (performance.getEntriesByName('liuzheng-export')[n] as PerformanceMeasure | undefined)?.detail as unknown, before, { timeout: 30_000 });
    return ((await detail.jsonValue()) as { hashedDuringExport: number }).hashedDuringExport;
  };
  expect(await exportOnce()).toBe(0);
  // A capture made after the page checked: the export hashes those files itself, and only those.
  await page.bringToFront();
  expect((await pressCapture(ext, page)).ok).toBe(true);
  await exportPage.bringToFront();
  const hashed = await exportOnce();
  expect(hashed).toBeGreaterThan(0);
  expect(hashed).toBeLessThanOrEqual(stored);
  await exportPage.close();
});

test('closing the export page while it exports asks first, and the export goes on when the user stays', async ({ ext }) => {
  // A case large enough (40 MB of captures) that the export is still running when the page is asked to close.
  const hashes = Array.from({ length: 20 }, (_, i) => createHash('sha256').update(pseudoRandomBytes(seedOf(i), FILE_BYTES)).digest('hex'));
  const { caseRecord, captures } = exportRecords(hashes, Date.now(), 'closing-export-case');
  await seedExportCase(ext, caseRecord, captures);
  const exportPage = await ext.context.newPage();
  await exportPage.goto(ext.extensionUrl('export.html?cases=closing-export-case&lang=zh-CN'));
  const asked = new Promise<string>((resolve) => {
    exportPage.once('dialog', (dialog) => {
      resolve(dialog.type());
      void dialog.dismiss();
    });
  });
  await exportPage.getByTestId('start-export').click();
  await exportPage.close({ runBeforeUnload: true });
  expect(await asked).toBe('beforeunload');
  // Staying: the page is still there and finishes the pack.
  expect(exportPage.isClosed()).toBe(false);
  await expect(exportPage.getByTestId('export-done')).toBeVisible({ timeout: 60_000 });
  await exportPage.close();
});

test('download refused by the browser: the export and backup pages say so and keep the file to save', async ({ servers }) => {
  // A browser that refuses every download (as with a full disk or a folder it may not write): the pack is
  // built, the download is interrupted, and the page must say so rather than claim success silently.
  const ext = await launchWithExtension({ acceptDownloads: false });
  try {
    const { page, caseId } = await openOrderPage(ext, servers.main.origin);
    expect((await pressCapture(ext, page)).ok).toBe(true);
    const exportPage = await ext.context.newPage();
    await exportPage.goto(ext.extensionUrl(`export.html?cases=${caseId}&lang=zh-CN`));
    await exportPage.getByTestId('start-export').click();
    const alert = exportPage.getByTestId('export-download-interrupted');
    await expect(alert).toBeVisible({ timeout: 60_000 });
    await expect(alert).toContainText('浏览器中断了下载');
    // The finished pack is still offered under its file name.
    await expect(exportPage.getByTestId('export-done').locator('a')).toHaveAttribute('href', /^blob:chrome-extension:/);
    // The backup page likewise.
    const backupPage = await ext.context.newPage();
    await backupPage.goto(ext.extensionUrl('backup.html?lang=zh-CN'));
    await backupPage.getByTestId('start-backup').click();
    const backupAlert = backupPage.getByTestId('backup-download-interrupted');
    await expect(backupAlert).toBeVisible({ timeout: 60_000 });
    await expect(backupAlert).toContainText('备份仍在本页');
    await expect(backupPage.getByTestId('backup-done').locator('a')).toHaveAttribute('href', /^blob:chrome-extension:/);
  } finally {
    await ext.context.close();
  }
});

test('tab closed during a capture: a plain message, and what is stored is whole', async ({ ext, servers }) => {
  const { page } = await openOrderPage(ext, servers.main.origin);
  const popup = await startCapture(ext, page);
  await popup.locator('progress[value="2"]').waitFor({ timeout: 20_000 });
  await page.close();
  const outcome = await outcomeOf(popup);
  // Either the items taken before the tab closed are stored, naming what is missing, or a plain failure.
  expect(outcome.text).toMatch(/fullpage|标签页|关闭|取证失败/);
  const store = await dump(ext);
  expectWholeBatches(store);
  await expectChainsIntact(store);
});

/** Kills the browser started on `profile` (its main process, by pid), as a crash or power cut would. */
async function killBrowser(profile: string): Promise<void> {
  const { stdout } = await run('ps', ['-eo', 'pid=,args=']);
  const main = stdout
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.includes(`--user-data-dir=${profile}`) && !line.includes('--type='))
    .map((line) => Number(line.split(/\s+/)[0]));
  expect(main.length).toBeGreaterThan(0);
  for (const pid of main) {
    process.kill(pid, 'SIGKILL');
  }
}

test('browser killed during a capture and restarted on the same profile: nothing half-written, chains intact', async ({ servers }) => {
  test.setTimeout(120_000);
  const profile = await mkdtemp(path.join(os.tmpdir(), 'liuzheng-kill-'));
  try {
    const first = await launchWithExtension({ userDataDir: profile });
    const { page, caseId } = await openOrderPage(first, servers.main.origin);
    expect((await pressCapture(first, page)).ok).toBe(true);
    const chat = await first.context.newPage();
    await chat.goto(`${servers.main.origin}/pages/live-chat.html`);
    expect(await waitForMessages(first, 3)).toHaveLength(3);
    const before = await dump(first);
    const popup = await startCapture(first, page);
    await popup.locator('progress[value="2"]').waitFor({ timeout: 20_000 });
    await killBrowser(profile);
    await first.context.close().catch(() => undefined);

    const second = await launchWithExtension({ userDataDir: profile });
    const after = await dump(second);
    // The first capture and the chat survive; the interrupted one is either whole or absent.
    for (const c of before.captures) {
      expect(after.captures.some((a) => a.id === c.id && a.sha256 === c.sha256)).toBe(true);
    }
    expect(after.messages.length).toBeGreaterThanOrEqual(before.messages.length);
    expect([before.captures.length, before.captures.length * 2]).toContain(after.captures.length);
    expectWholeBatches(after);
    await expectChainsIntact(after);
    const cases = await second.context.newPage();
    await cases.goto(second.extensionUrl(`cases.html?lang=zh-CN#${caseId}`));
    await expect(cases.getByTestId('chain-status').first()).toHaveClass(/ok/);
    // The restarted browser captures again.
    const page2 = await second.context.newPage();
    await page2.goto(`${servers.main.origin}/faults/order.html`);
    expect((await pressCapture(second, page2)).ok).toBe(true);
    await expectChainsIntact(await dump(second));
    await second.context.close();
  } finally {
    await rm(profile, { recursive: true, force: true });
  }
});

/**
 * The shipped extension asks for `unlimitedStorage`, which Chromium honours by ignoring quota for it. To
 * reach the quota path, this test loads a copy of the same build without that permission and gives its
 * origin a quota just above what it already uses (CDP Storage.overrideQuotaForOrigin).
 */
async function buildWithoutUnlimitedStorage(): Promise<string> {
  const copy = await mkdtemp(path.join(os.tmpdir(), 'liuzheng-quota-ext-'));
  await cp(EXTENSION_DIR, copy, { recursive: true });
  const manifestPath = path.join(copy, 'manifest.json');
  const manifest = JSON.parse(await readFile(manifestPath, 'utf8')) as { permissions: string[] };
  manifest.permissions = manifest.permissions.filter((p) => p !== 'unlimitedStorage');
  await writeFile(manifestPath, JSON.stringify(manifest));
  return copy;
}

test('storage over quota: the capture fails plainly, nothing is half-written, and it works again with room', async ({ servers }) => {
  const extensionDir = await buildWithoutUnlimitedStorage();
  const ext = await launchWithExtension({ extensionDir });
  try {
    const { page } = await openOrderPage(ext, servers.main.origin);
    const chatPage = await ext.context.newPage();
    await chatPage.goto(`${servers.main.origin}/pages/live-chat.html`);
    expect(await waitForMessages(ext, 3)).toHaveLength(3);
    const cdp = await ext.context.newCDPSession(page);
    const origin = `chrome-extension://${ext.extensionId}`;
    // Less room than what is already stored (the case, its events, the chat): as on a full disk, writes fail.
    const usage = await cdp.send('Storage.getUsageAndQuota', { origin });
    await cdp.send('Storage.overrideQuotaForOrigin', { origin, quotaSize: Math.floor(usage.usage / 2) });
    // Chromium reads an origin's quota when it opens the origin's IndexedDB: close every connection (the
    // worker's) so the next write opens it again under the new quota.
    await stopServiceWorker(ext, page);
    await page.waitForTimeout(3000);
    const full = await pressCapture(await withLiveWorker(ext), page, { lang: 'zh-CN' });
    expect(full.ok, full.outcomeText).toBe(false);
    expect(full.outcomeText).toBe('取证失败：存储空间已满，这次取证没有保存。请先导出证据包备份，再删除不需要的案件或释放磁盘空间，然后重试。');
    let store = await dump(ext);
    expect(store.captures).toEqual([]);
    await expectChainsIntact(store);
    // With room again, the same capture is stored whole.
    await cdp.send('Storage.overrideQuotaForOrigin', { origin });
    await stopServiceWorker(ext, page);
    await page.waitForTimeout(3000);
    const ok = await pressCapture(await withLiveWorker(ext), page);
    expect(ok.ok, ok.outcomeText).toBe(true);
    store = await dump(ext);
    expectWholeBatches(store);
    await expectChainsIntact(store);
    await cdp.detach();
  } finally {
    await ext.context.close();
    await rm(extensionDir, { recursive: true, force: true });
  }
});
