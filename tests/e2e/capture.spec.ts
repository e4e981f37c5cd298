import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { launchWithExtension } from '../../scripts/lib/chromium.ts';
import { dumpStore, pressCapture, type StoreDump } from '../../scripts/lib/driver.ts';
import { verifyEventChain } from '../../src/store/chain.ts';
import type { EventRecord } from '../../src/store/records.ts';
import type { Worker } from 'playwright-core';
import { expect, test } from './fixtures.ts';

async function expectChainsIntact(dump: StoreDump): Promise<void> {
  const byCase = new Map<string, EventRecord[]>();
  for (const e of dump.events as unknown as EventRecord[]) {
    byCase.set(e.caseId, [...(byCase.get(e.caseId) ?? []), e]);
  }
  expect(byCase.size).toBeGreaterThan(0);
  for (const events of byCase.values()) {
    events.sort((a, b) => a.seq - b.seq);
    expect(await verifyEventChain(events)).toEqual([]);
  }
}

/** Share of an image's pixels (stored under `sha`) that are exactly `rgb`. */
async function colourShare(worker: Worker, sha: string, rgb: [number, number, number]): Promise<number> {
  return worker.evaluate(
    async ([key, [r, g, b]]) => {
      const db = await new Promise<IDBDatabase>((resolve) => {
        const req = indexedDB.open('liuzheng');
        req.onsuccess = () => resolve(req.result);
      });
      const record = await new Promise<{ data: Uint8Array | Blob }>((resolve) => {
        const req = db.transaction('blobs').objectStore('blobs').get(key);
        req.onsuccess = () => resolve(req.result as { data: Uint8Array | Blob });
      });
      const bitmap = await createImageBitmap(record.data instanceof Blob ? record.data : new Blob([record.data as BlobPart]));
      const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
      const ctx = canvas.getContext('2d');
      if (ctx === null) {
        throw new Error('no 2d context');
      }
      ctx.drawImage(bitmap, 0, 0);
      const pixels = ctx.getImageData(0, 0, bitmap.width, bitmap.height).data;
      let matching = 0;
      for (let i = 0; i < pixels.length; i += 4) {
        if (pixels[i] === r && pixels[i + 1] === g && pixels[i + 2] === b) {
          matching++;
        }
      }
      return matching / (pixels.length / 4);
    },
    [sha, rgb] as const,
  );
}

test('capture of a Chinese order page stores all five items, hashed and not blank', async ({ ext, servers }) => {
  const page = await ext.context.newPage();
  await page.goto(`${servers.main.origin}/pages/order-zh.html`);
  const run = await pressCapture(ext, page);
  expect(run.ok, run.outcomeText).toBe(true);

  const dump = await dumpStore(ext.serviceWorker);
  const kinds = dump.captures.map((c) => c.kind).sort();
  expect(kinds).toEqual(['fullpage', 'html', 'meta', 'text', 'visible']);
  for (const capture of dump.captures) {
    expect(capture.recomputed, capture.kind).toBe(capture.sha256);
    expect(capture.bytes).toBeGreaterThan(0);
    expect(capture.capturedAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}([+-]\d{2}:\d{2}|Z)$/);
  }
  const byKind = Object.fromEntries(dump.captures.map((c) => [c.kind, c]));
  expect(byKind.visible?.distinctColours ?? 0).toBeGreaterThan(10);
  expect(byKind.fullpage?.distinctColours ?? 0).toBeGreaterThan(10);
  expect(byKind.text?.textSample).toContain('K8QW2M7ZP4XR9T1A');
  expect(byKind.text?.textSample).toContain('腾讯视频VIP年卡');
  // The card key sits in a textarea; its value is kept with the form fields.
  expect(byKind.text?.textSample).toContain('TXVIP-2026-8841');
  expect(byKind.html?.textSample).toContain('<!DOCTYPE html>');
  const meta = JSON.parse(byKind.meta?.textSample ?? '{}') as Record<string, unknown>;
  expect(meta.url).toBe(page.url());
  expect(meta.title).toBe('订单详情 - 星河数卡');
  expect(typeof meta.timeZone).toBe('string');
  expect(meta.viewport).toMatchObject({ width: 1280, height: 800 });
  expect(JSON.stringify(meta.extension)).toContain('0.1.0');
  expect((meta.items as unknown[]).length).toBe(4);
  await expectChainsIntact(dump);

  // The full-page image covers the whole page, not just the viewport.
  const fullHeight = await ext.serviceWorker.evaluate(async (sha) => {
    const db = await new Promise<IDBDatabase>((resolve) => {
      const req = indexedDB.open('liuzheng');
      req.onsuccess = () => resolve(req.result);
    });
    const blob = await new Promise<{ data: Uint8Array }>((resolve) => {
      const req = db.transaction('blobs').objectStore('blobs').get(sha);
      req.onsuccess = () => resolve(req.result as { data: Uint8Array });
    });
    const bitmap = await createImageBitmap(new Blob([blob.data as BlobPart]));
    return bitmap.height;
  }, byKind.fullpage?.sha256 ?? '');
  expect(fullHeight).toBeGreaterThan(1600);
});

test('a cross-origin iframe is captured as its own text and HTML items', async ({ ext, servers }) => {
  const page = await ext.context.newPage();
  await page.goto(`${servers.main.origin}/pages/frame-host.html?frameBase=${servers.other.origin}/pages/`);
  await page.frameLocator('#support').locator('text=原路退回').waitFor();
  const run = await pressCapture(ext, page);
  expect(run.ok, run.outcomeText).toBe(true);
  const dump = await dumpStore(ext.serviceWorker);
  const frameText = dump.captures.find((c) => c.kind === 'text' && c.frameUrl?.startsWith(servers.other.origin));
  expect(frameText?.textSample).toContain('退款会在24小时内原路退回');
  expect(dump.captures.find((c) => c.kind === 'html' && c.frameUrl?.startsWith(servers.other.origin))).toBeDefined();
  expect(dump.captures.filter((c) => c.kind === 'visible')).toHaveLength(1);
  for (const capture of dump.captures) {
    expect(capture.recomputed).toBe(capture.sha256);
  }
});

test('a page using oklch() colours renders its full-page image', async ({ ext, servers }) => {
  const page = await ext.context.newPage();
  await page.goto(`${servers.main.origin}/pages/oklch.html`);
  const run = await pressCapture(ext, page);
  expect(run.ok, run.outcomeText).toBe(true);
  expect(run.outcomeText).not.toContain('fullpage');
  const dump = await dumpStore(ext.serviceWorker);
  const full = dump.captures.find((c) => c.kind === 'fullpage');
  expect(full?.distinctColours ?? 0).toBeGreaterThan(3);
});

test('two captures in a row both succeed within the captureVisibleTab quota', async ({ ext, servers }) => {
  const page = await ext.context.newPage();
  await page.goto(`${servers.main.origin}/pages/oklch.html`);
  const [first, second] = [await pressCapture(ext, page), await pressCapture(ext, page)];
  expect(first.ok && second.ok, `${first.outcomeText} / ${second.outcomeText}`).toBe(true);
  const dump = await dumpStore(ext.serviceWorker);
  expect(dump.captures.filter((c) => c.kind === 'visible')).toHaveLength(2);
  // Same page, same origin: both batches land in the same shop case, chained.
  expect(new Set(dump.captures.map((c) => c.caseId)).size).toBe(1);
  await expectChainsIntact(dump);
});

test('a browser page says plainly that it cannot be captured', async ({ ext }) => {
  const page = await ext.context.newPage();
  await page.goto('chrome://version');
  // The browser hides chrome:// URLs from extensions without the tabs permission: take the active tab.
  const tabId = await ext.serviceWorker.evaluate(async () => (await chrome.tabs.query({ active: true }))[0]?.id ?? -1);
  const popup = await ext.context.newPage();
  await popup.goto(ext.extensionUrl(`popup.html?tabId=${tabId}&lang=zh-CN`));
  await expect(popup.getByTestId('uncapturable')).toHaveText('浏览器内部页面无法取证。');
  await expect(popup.getByTestId('capture-button')).toBeDisabled();
});

test('everything stored survives a browser restart on the same profile', async ({ servers }) => {
  const profile = await mkdtemp(path.join(os.tmpdir(), 'liuzheng-profile-'));
  try {
    const first = await launchWithExtension({ userDataDir: profile });
    const page = await first.context.newPage();
    await page.goto(`${servers.main.origin}/pages/order-zh.html`);
    expect((await pressCapture(first, page)).ok).toBe(true);
    const before = await dumpStore(first.serviceWorker);
    await first.context.close();

    const second = await launchWithExtension({ userDataDir: profile });
    const after = await dumpStore(second.serviceWorker);
    expect(after.captures.map((c) => [c.kind, c.sha256, c.recomputed]).sort()).toEqual(before.captures.map((c) => [c.kind, c.sha256, c.recomputed]).sort());
    expect(after.events.length).toBe(before.events.length);
    await expectChainsIntact(after);
    // The cases page lists what was kept.
    const cases = await second.context.newPage();
    await cases.goto(second.extensionUrl('cases.html'));
    await expect(cases.getByTestId('case-item')).toHaveCount(1);
    await expect(cases.getByTestId('capture-item')).toHaveCount(5);
    await expect(cases.getByTestId('chain-status')).toHaveClass(/ok/);
    await second.context.close();
  } finally {
    await rm(profile, { recursive: true, force: true });
  }
});

test('the visible screenshot shows the page before the full-page renderer touched it', async ({ ext, servers }) => {
  // The renderer starts while the browser still encodes the screenshot; the page turns red as soon as the
  // renderer's hidden copy of it appears, so a screenshot grabbed after that point would be red.
  const page = await ext.context.newPage();
  await page.goto(`${servers.main.origin}/pages/turns-red-on-copy.html`);
  const run = await pressCapture(ext, page, { pageInFront: true });
  expect(run.ok, run.outcomeText).toBe(true);
  // The renderer did run, and the page did react to it.
  await expect.poll(() => page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe('rgb(255, 0, 0)');
  const dump = await dumpStore(ext.serviceWorker);
  const visible = dump.captures.find((c) => c.kind === 'visible');
  expect(visible).toBeDefined();
  const redShare = await colourShare(ext.serviceWorker, visible?.sha256 ?? '', [255, 0, 0]);
  expect(redShare).toBe(0);
});

test("a page's later capture runs the renderer its first capture left in the extension's world, and draws the page as it is now", async ({ ext, servers }) => {
  const page = await ext.context.newPage();
  await page.goto(`${servers.main.origin}/pages/order-zh.html`);
  const first = await pressCapture(ext, page, { pageInFront: true });
  expect(first.ok, first.outcomeText).toBe(true);
  const tabId = await ext.serviceWorker.evaluate(async (url) => (await chrome.tabs.query({ url }))[0]?.id ?? -1, page.url());
  // Kept in the extension's isolated world of the page, invisible to the page's own scripts.
  const kept = await ext.serviceWorker.evaluate(
    async (id) => (await chrome.scripting.executeScript({ target: { tabId: id, frameIds: [0] }, func: () => typeof Reflect.get(globalThis, '__liuzhengResidentRenderer') }))[0]?.result,
    tabId,
  );
  expect(kept).toBe('object');
  expect(await page.evaluate(() => '__liuzhengResidentRenderer' in window)).toBe(false);
  // The page changes; the second capture's full-page image must show the change.
  await page.evaluate(() => {
    const block = document.createElement('div');
    block.style.cssText = 'width: 600px; height: 400px; background: rgb(0, 0, 255);';
    document.body.prepend(block);
  });
  const second = await pressCapture(ext, page, { pageInFront: true });
  expect(second.ok, second.outcomeText).toBe(true);
  const dump = await dumpStore(ext.serviceWorker);
  const fullPages = dump.captures.filter((c) => c.kind === 'fullpage');
  expect(fullPages).toHaveLength(2);
  const [before, after] = [...fullPages].sort((a, b) => a.capturedAt.localeCompare(b.capturedAt));
  expect(await colourShare(ext.serviceWorker, before?.sha256 ?? '', [0, 0, 255])).toBe(0);
  expect(await colourShare(ext.serviceWorker, after?.sha256 ?? '', [0, 0, 255])).toBeGreaterThan(0.02);
});
