/**
 * The cases workspace and manual capture end to end, in real Chromium with the built extension: facts typed
 * by hand for a page the detector missed, an element captured by picking it, a user file attached, search
 * and filters, merge, delete with confirmation, and an exported pack that verifies and holds the file.
 */
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import type { Page, Worker } from '@playwright/test';
import { dumpStore, tabIdOf } from '../../scripts/lib/driver.ts';
import { exportPack } from '../../scripts/lib/export.ts';
import { verifyPack } from '../../src/bundle/verify.ts';
import { verifyEventChain } from '../../src/store/chain.ts';
import type { EventRecord } from '../../src/store/records.ts';
import type { ExtensionBrowser } from '../../scripts/lib/chromium.ts';
import { expect, test } from './fixtures.ts';

interface CaseRow {
  id: string;
  orderNo: string;
  deleted: boolean;
  mergedInto: string | null;
}

async function storedCases(sw: Worker): Promise<CaseRow[]> {
  const dump = await dumpStore(sw);
  return dump.cases.map((c) => {
    const row: Record<string, unknown> = c;
    return { id: String(row.id), orderNo: String(row.orderNo), deleted: row.deleted === true, mergedInto: typeof row.mergedInto === 'string' ? row.mergedInto : null };
  });
}

async function openPopup(ext: ExtensionBrowser, page: Page): Promise<Page> {
  const popup = await ext.context.newPage();
  await popup.goto(ext.extensionUrl(`popup.html?tabId=${await tabIdOf(ext.serviceWorker, page)}&lang=en`));
  await popup.getByTestId('manual-capture').waitFor();
  return popup;
}

/** Size of a stored PNG, decoded inside the extension. */
async function pngSize(sw: Worker, sha256: string): Promise<{ width: number; height: number }> {
  return sw.evaluate(async (sha) => {
    const db = await new Promise<IDBDatabase>((resolve) => {
      const req = indexedDB.open('liuzheng');
      req.onsuccess = () => resolve(req.result);
    });
    const blob = await new Promise<{ data: Uint8Array }>((resolve) => {
      const req = db.transaction('blobs').objectStore('blobs').get(sha);
      req.onsuccess = () => resolve(req.result as { data: Uint8Array });
    });
    const bitmap = await createImageBitmap(new Blob([blob.data as BlobPart], { type: 'image/png' }));
    return { width: bitmap.width, height: bitmap.height };
  }, sha256);
}

test('workspace: hand-entered order, element capture, file, search, merge, delete, verified pack', async ({ ext, servers }) => {
  const sw = ext.serviceWorker;
  // A recognised order of the shop: case A.
  const orderPage = await ext.context.newPage();
  await orderPage.goto(`${servers.main.origin}/pages/order-zh.html`);
  await expect.poll(async () => (await storedCases(sw)).some((c) => c.orderNo === 'K8QW2M7ZP4XR9T1A'), { timeout: 15_000 }).toBe(true);

  // A page of the same shop the detector does not recognise.
  const page = await ext.context.newPage();
  await page.goto(`${servers.main.origin}/pages/no-order.html`);
  await page.waitForTimeout(1500);
  expect((await storedCases(sw)).length).toBe(1);

  // Mark it as an order page with facts typed by hand: case B.
  const popup = await openPopup(ext, page);
  await popup.getByTestId('mark-order-page').click();
  await popup.getByTestId('manual-orderNo').fill('LZ-HAND-0001');
  await popup.getByTestId('manual-amount').fill('88');
  await popup.getByTestId('manual-item').fill('手动填写的商品');
  await popup.getByTestId('manual-status-select').selectOption('paid');
  await popup.getByTestId('manual-save').click();
  await expect(popup.getByTestId('manual-status')).toHaveAttribute('role', 'status');
  const caseB = (await storedCases(sw)).find((c) => c.orderNo === 'LZ-HAND-0001');
  expect(caseB).toBeDefined();
  const dumpAfterMark = await dumpStore(sw);
  const entered = (dumpAfterMark.events as unknown as EventRecord[]).find((e) => e.caseId === caseB?.id && e.type === 'order-entered');
  expect(entered?.data).toMatchObject({ source: 'user', order: { orderNo: 'LZ-HAND-0001', amount: 88, item: '手动填写的商品', status: 'paid' } });

  // Capture an element: the picker appears on the page, the user clicks the receipt.
  await popup.getByTestId('capture-element').click();
  await page.waitForFunction(() => [...document.documentElement.children].some((e) => e instanceof HTMLElement && e.style.zIndex === '2147483647'));
  await page.locator('#receipt').click();
  await expect(popup.getByTestId('manual-status')).toHaveText(/4 evidence items saved/, { timeout: 20_000 });
  const afterArea = await dumpStore(sw);
  const areaCaptures = afterArea.captures.filter((c) => c.caseId === caseB?.id);
  expect(areaCaptures.map((c) => c.kind).sort()).toEqual(['meta', 'text', 'visible', 'visible']);
  for (const capture of areaCaptures) {
    expect(capture.recomputed).toBe(capture.sha256);
  }
  const crop = areaCaptures.find((c) => c.kind === 'visible' && (c.note ?? '').startsWith('area: element div#receipt'));
  expect(crop, JSON.stringify(areaCaptures.map((c) => c.note))).toBeDefined();
  const dpr = await page.evaluate(() => window.devicePixelRatio);
  const size = await pngSize(sw, crop?.sha256 ?? '');
  expect(Math.abs(size.width - 320 * dpr)).toBeLessThanOrEqual(2);
  expect(Math.abs(size.height - 120 * dpr)).toBeLessThanOrEqual(2);
  expect(areaCaptures.find((c) => c.kind === 'text')?.textSample).toContain('付款凭证');
  // The picker left nothing behind on the page.
  expect(await page.evaluate(() => [...document.documentElement.children].some((e) => e instanceof HTMLElement && e.style.zIndex === '2147483647'))).toBe(false);

  // A third case, typed by hand too (to be deleted later): case C.
  await popup.getByTestId('mark-order-page').click();
  await popup.getByTestId('manual-orderNo').fill('LZ-DELETE-0002');
  await popup.getByTestId('manual-save').click();
  await expect(popup.getByTestId('manual-status')).toHaveText(/entered by hand/);
  await popup.close();
  const caseC = (await storedCases(sw)).find((c) => c.orderNo === 'LZ-DELETE-0002');
  const caseA = (await storedCases(sw)).find((c) => c.orderNo === 'K8QW2M7ZP4XR9T1A');
  expect(caseC).toBeDefined();

  // The cases page: three cases; search and filters narrow the list.
  const cases = await ext.context.newPage();
  await cases.goto(ext.extensionUrl('cases.html?lang=en'));
  await expect(cases.getByTestId('case-item')).toHaveCount(3);
  await cases.getByTestId('case-search').fill('lz-hand');
  await expect(cases.getByTestId('case-item')).toHaveCount(1);
  await cases.getByTestId('case-search').fill('手动填写 88');
  await expect(cases.getByTestId('case-item')).toHaveCount(1);
  await cases.getByTestId('case-search').fill('no such thing');
  await expect(cases.getByTestId('case-item')).toHaveCount(0);
  await cases.getByTestId('case-search').fill('');
  await cases.getByTestId('filter-status').selectOption('paid');
  await expect(cases.locator(`[data-case-id="${caseB?.id}"]`)).toHaveCount(1);
  await expect(cases.locator(`[data-case-id="${caseC?.id}"]`)).toHaveCount(0);
  await cases.getByTestId('filter-status').selectOption('none');
  await expect(cases.getByTestId('case-item')).toHaveCount(1);
  await expect(cases.locator(`[data-case-id="${caseC?.id}"]`)).toHaveCount(1);
  await cases.getByTestId('filter-status').selectOption('');
  // Keyboard: the search box is reachable and labelled.
  await expect(cases.getByRole('searchbox', { name: 'Search cases' })).toBeVisible();

  // Case B says its facts were typed by hand; its element capture opens in the safe viewer (blob: image only).
  await cases.locator(`[data-case-id="${caseB?.id}"]`).click();
  await expect(cases.getByTestId('entered-by-hand')).toBeVisible();
  await cases.getByTestId('open-viewer').first().click();
  const viewer = cases.getByTestId('image-viewer');
  await expect(viewer).toBeVisible();
  expect(await viewer.locator('img').getAttribute('src')).toMatch(/^blob:chrome-extension:/);
  await cases.keyboard.press('Escape');
  await expect(viewer).toHaveCount(0);

  // Case A: attach the user's own bank statement.
  await cases.locator(`[data-case-id="${caseA?.id}"]`).click();
  const pdf = Buffer.from('%PDF-1.4\n% 银行流水 bank statement for the e2e test\n%%EOF\n');
  await cases.getByTestId('attach-file').setInputFiles({ name: 'bank-statement.pdf', mimeType: 'application/pdf', buffer: pdf });
  await expect(cases.getByTestId('attach-status')).toContainText('bank-statement.pdf');
  await expect(cases.locator('[data-testid="capture-item"][data-kind="file"]')).toHaveCount(1);
  await expect(cases.getByTestId('file-name')).toHaveText('bank-statement.pdf');
  // An action the user took is recorded and listed.
  await cases.getByTestId('action-refund-requested').click();
  await expect(cases.getByTestId('actions-taken')).toHaveCount(1);

  // Merge B into A: B disappears from the list, its captures show in A.
  await cases.locator(`[data-case-id="${caseB?.id}"]`).click();
  await cases.getByTestId('merge-target').selectOption(caseA?.id ?? '');
  await cases.getByTestId('merge-button').click();
  await expect(cases.getByTestId('case-item')).toHaveCount(2);
  await expect(cases.locator('[data-case-id][aria-current="true"]')).toHaveAttribute('data-case-id', caseA?.id ?? '');
  await expect(cases.getByTestId('capture-item')).toHaveCount(5);
  await expect(cases.getByTestId('chain-status')).toHaveClass(/ok/);

  // Delete C, with confirmation: cancel first, then confirm.
  await cases.locator(`[data-case-id="${caseC?.id}"]`).click();
  await cases.getByTestId('delete-button').click();
  await expect(cases.getByTestId('delete-confirm')).toBeVisible();
  await cases.getByRole('button', { name: 'Cancel' }).click();
  await expect(cases.getByTestId('case-item')).toHaveCount(2);
  await cases.getByTestId('delete-button').click();
  await cases.getByTestId('delete-confirm-button').click();
  await expect(cases.getByTestId('case-item')).toHaveCount(1);

  // The store: B merged into A, C tombstoned, every chain still verifies.
  const final = await dumpStore(sw);
  const rows = await storedCases(sw);
  expect(rows.find((c) => c.id === caseB?.id)?.mergedInto).toBe(caseA?.id);
  expect(rows.find((c) => c.id === caseC?.id)?.deleted).toBe(true);
  const byCase = new Map<string, EventRecord[]>();
  for (const e of final.events as unknown as EventRecord[]) {
    byCase.set(e.caseId, [...(byCase.get(e.caseId) ?? []), e]);
  }
  expect(byCase.size).toBe(3);
  for (const [caseId, events] of byCase) {
    events.sort((a, b) => a.seq - b.seq);
    expect(await verifyEventChain(events), caseId).toEqual([]);
  }
  expect(byCase.get(caseB?.id ?? '')?.at(-1)?.type).toBe('case-merged-into');
  expect(byCase.get(caseA?.id ?? '')?.at(-1)?.type).toBe('case-merged-from');
  expect(byCase.get(caseC?.id ?? '')?.at(-1)?.type).toBe('case-deleted');

  // The exported pack of A verifies and holds the attached file, byte for byte.
  const out = await mkdtemp(path.join(os.tmpdir(), 'liuzheng-workspace-'));
  try {
    const packPath = await exportPack(ext, [caseA?.id ?? ''], out, 'pack.zip');
    const bytes = new Uint8Array(await readFile(packPath));
    const verdict = await verifyPack(bytes);
    expect(verdict.failures).toEqual([]);
    expect(verdict.ok).toBe(true);
    const zip = await JSZip.loadAsync(bytes);
    const manifest = JSON.parse((await zip.file('manifest.json')?.async('string')) ?? '{}') as { files: { path: string; kind: string; sha256: string }[] };
    const file = manifest.files.find((f) => f.kind === 'file');
    expect(file?.sha256).toBe(createHash('sha256').update(pdf).digest('hex'));
    expect(Buffer.from((await zip.file(file?.path ?? '')?.async('uint8array')) ?? [])).toEqual(pdf);
    // The merged element capture travelled with the case.
    expect(manifest.files.filter((f) => f.kind === 'visible').length).toBe(2);
  } finally {
    await rm(out, { recursive: true, force: true });
  }
});

test('region capture: Esc cancels, a dragged rectangle is cut from the visible viewport', async ({ ext, servers }) => {
  const sw = ext.serviceWorker;
  const page = await ext.context.newPage();
  await page.goto(`${servers.main.origin}/pages/no-order.html`);
  const popup = await openPopup(ext, page);
  const pickerShown = (): Promise<unknown> => page.waitForFunction(() => [...document.documentElement.children].some((e) => e instanceof HTMLElement && e.style.zIndex === '2147483647'));

  await popup.getByTestId('capture-region').click();
  await pickerShown();
  await page.keyboard.press('Escape');
  await expect(popup.getByTestId('manual-status')).toHaveText('Cancelled.');
  expect((await dumpStore(sw)).captures).toHaveLength(0);

  await popup.getByTestId('capture-region').click();
  await pickerShown();
  await page.mouse.move(30, 100);
  await page.mouse.down();
  await page.mouse.move(130, 140);
  await page.mouse.move(230, 180);
  await page.mouse.up();
  await expect(popup.getByTestId('manual-status')).toHaveText(/3 evidence items saved/, { timeout: 20_000 });
  const dump = await dumpStore(sw);
  const crop = dump.captures.find((c) => c.kind === 'visible' && (c.note ?? '').startsWith('area: region'));
  expect(crop?.recomputed).toBe(crop?.sha256);
  const dpr = await page.evaluate(() => window.devicePixelRatio);
  const size = await pngSize(sw, crop?.sha256 ?? '');
  expect(Math.abs(size.width - 200 * dpr)).toBeLessThanOrEqual(2);
  expect(Math.abs(size.height - 80 * dpr)).toBeLessThanOrEqual(2);
  // Nothing of the shop's page reacted to the drag, and the picker is gone.
  expect(await page.evaluate(() => [...document.documentElement.children].some((e) => e instanceof HTMLElement && e.style.zIndex === '2147483647'))).toBe(false);
});
