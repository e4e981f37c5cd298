/** Shared checks of the hostile-page and fault specs: store consistency, chains, packs, extension pages. */
import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import type { Worker } from 'playwright-core';
import { verifyPack } from '../../src/bundle/verify.ts';
import { verifyEventChain } from '../../src/store/chain.ts';
import type { EventRecord } from '../../src/store/records.ts';
import type { ExtensionBrowser } from '../../scripts/lib/chromium.ts';
import { currentServiceWorker } from '../../scripts/lib/chromium.ts';
import { dumpStore, type StoreDump } from '../../scripts/lib/driver.ts';
import { exportPack } from '../../scripts/lib/export.ts';
import { expect } from './fixtures.ts';
import { waitFor } from './wait.ts';

/**
 * A running service worker. After a stop (CDP) the context may still list the dead worker, and nothing may
 * have woken a new one yet: an extension page messaging the background wakes it.
 */
export async function liveWorker(ext: ExtensionBrowser): Promise<Worker> {
  for (let attempt = 0; attempt < 3; attempt++) {
    for (const sw of ext.context.serviceWorkers()) {
      const alive = await Promise.race([sw.evaluate(() => true).catch(() => false), new Promise<false>((r) => setTimeout(() => r(false), 2000))]);
      if (alive) {
        return sw;
      }
    }
    const started = ext.context.waitForEvent('serviceworker', { timeout: 10_000 }).catch(() => null);
    const waker = await ext.context.newPage();
    await waker.goto(ext.extensionUrl('popup.html'));
    await started;
    await waker.close();
  }
  return currentServiceWorker(ext.context);
}

/** The browser handle with its current, running service worker (for the driver after a worker stop). */
export async function withLiveWorker(ext: ExtensionBrowser): Promise<ExtensionBrowser> {
  return { ...ext, serviceWorker: await liveWorker(ext) };
}

/** The store, read through the running service worker (a stopped worker is replaced). */
export async function dump(ext: ExtensionBrowser): Promise<StoreDump> {
  return dumpStore(await liveWorker(ext));
}

/** Every case's event chain verifies, and there is at least one case. */
export async function expectChainsIntact(store: StoreDump): Promise<void> {
  const byCase = new Map<string, EventRecord[]>();
  for (const e of store.events as unknown as EventRecord[]) {
    byCase.set(e.caseId, [...(byCase.get(e.caseId) ?? []), e]);
  }
  expect(byCase.size).toBeGreaterThan(0);
  for (const [caseId, events] of byCase) {
    events.sort((a, b) => a.seq - b.seq);
    expect(await verifyEventChain(events), `chain of ${caseId}`).toEqual([]);
  }
}

/**
 * Capture batches are all-or-nothing: every stored capture's bytes are there and match their hash, each
 * batch has its metadata item (written last), and every capture has exactly one `capture-stored` event
 * while every such event names a stored capture.
 */
export function expectWholeBatches(store: StoreDump): void {
  const batches = new Map<string, string[]>();
  for (const c of store.captures) {
    expect(c.recomputed, `${c.kind} of batch ${c.batchId}`).toBe(c.sha256);
    const key = `${c.caseId}|${c.batchId}`;
    batches.set(key, [...(batches.get(key) ?? []), c.kind]);
  }
  for (const [key, kinds] of batches) {
    expect(kinds, key).toContain('meta');
  }
  const stored = store.events.filter((e) => e.type === 'capture-stored').map((e) => String((e.data as { captureId?: unknown }).captureId));
  expect([...stored].sort()).toEqual(store.captures.map((c) => c.id).sort());
}

/** The case of the order `orderNo` once the detector has reported it (with its facts). */
export async function waitForOrderCase(ext: ExtensionBrowser, orderNo: string, timeoutMs = 20_000): Promise<Record<string, unknown>> {
  return waitFor(async () => (await dump(ext)).cases.find((c) => c.orderNo === orderNo && c.order !== null), `the case of ${orderNo}`, timeoutMs);
}

/** Stored chat messages in conversation order. */
export async function waitForMessages(ext: ExtensionBrowser, count: number, timeoutMs = 15_000): Promise<Record<string, unknown>[]> {
  const read = async (): Promise<Record<string, unknown>[]> =>
    (await dump(ext)).messages.sort((a, b) => String(a.chatKey).localeCompare(String(b.chatKey)) || Number(a.position) - Number(b.position));
  const until = Date.now() + timeoutMs;
  let messages = await read();
  while (messages.length < count && Date.now() < until) {
    await new Promise((r) => setTimeout(r, 250));
    messages = await read();
  }
  return messages;
}

/** Exports `caseIds` through the export page and verifies the pack as `npm run verify` does. */
export async function exportAndVerify(ext: ExtensionBrowser, caseIds: string[], outDir: string, fileName?: string): Promise<{ path: string; bytes: Uint8Array }> {
  const packPath = await exportPack(ext, caseIds, outDir, fileName);
  const bytes = new Uint8Array(await readFile(packPath));
  const verification = await verifyPack(bytes);
  expect(verification.failures).toEqual([]);
  expect(verification.ok).toBe(true);
  return { path: packPath, bytes };
}

/** Markers a hostile payload leaves if it ever runs or becomes markup in an extension page. */
export async function expectNothingInjected(page: Page): Promise<void> {
  const found = await page.evaluate(() => ({
    pwned: (window as unknown as { __lzPwned?: unknown }).__lzPwned ?? null,
    title: document.title,
    // Payload markup: <img src=x>, inline <script>, javascript: links, <svg> with script — none may exist.
    injectedImages: document.querySelectorAll('img[src="x"], img[onerror]').length,
    inlineScripts: [...document.querySelectorAll('script')].filter((s) => !s.src).length,
    javascriptLinks: document.querySelectorAll('a[href^="javascript:" i]').length,
    handlerAttributes: [...document.querySelectorAll('*')].filter((el) => [...el.attributes].some((a) => a.name.startsWith('on'))).length,
  }));
  expect(found).toEqual({ pwned: null, title: found.title, injectedImages: 0, inlineScripts: 0, javascriptLinks: 0, handlerAttributes: 0 });
  expect(found.title).not.toMatch(/pwned/i);
}

/** Fails the test on any dialog (alert/confirm/prompt) in any page of the browser. */
export function failOnDialogs(ext: ExtensionBrowser): string[] {
  const dialogs: string[] = [];
  const watch = (page: Page): void => {
    page.on('dialog', (dialog) => {
      dialogs.push(`${page.url()}: ${dialog.type()} ${dialog.message()}`);
      void dialog.dismiss().catch(() => undefined);
    });
  };
  ext.context.pages().forEach(watch);
  ext.context.on('page', watch);
  return dialogs;
}
