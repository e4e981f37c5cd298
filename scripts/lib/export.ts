/**
 * @module Exports cases of a running extension as evidence packs, the way a user does: the cases page's
 * export opens the export page, which builds the pack and hands it to the browser's downloads.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { ExtensionBrowser } from './chromium.ts';
import { installNameShim } from './driver.ts';

/** Exports the cases with `caseIds` as one pack; returns the saved file's path. */
export async function exportPack(ext: ExtensionBrowser, caseIds: string[], outDir: string, fileName?: string): Promise<string> {
  const page = await ext.context.newPage();
  try {
    await page.goto(ext.extensionUrl(`export.html?cases=${caseIds.map(encodeURIComponent).join(',')}`));
    const downloadPromise = page.waitForEvent('download', { timeout: 120_000 });
    await page.getByTestId('start-export').click();
    const download = await downloadPromise;
    await page.getByTestId('export-done').waitFor({ timeout: 120_000 });
    const suggested = (await page.getByTestId('export-done').locator('a').textContent()) ?? download.suggestedFilename();
    await mkdir(outDir, { recursive: true });
    const target = path.join(outDir, fileName ?? suggested);
    await download.saveAs(target);
    return target;
  } finally {
    await page.close();
  }
}

/** Writes one pack per stored case into `outDir`, names prefixed with `prefix` (eval's `--export`). */
export async function exportCasesFromExtension(ext: ExtensionBrowser, outDir: string, prefix: string): Promise<string[]> {
  await installNameShim(ext.serviceWorker);
  const caseIds = await ext.serviceWorker.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open('liuzheng');
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(new Error(String(req.error)));
    });
    const ids = await new Promise<string[]>((resolve) => {
      const req = db.transaction('cases').objectStore('cases').getAllKeys();
      req.onsuccess = () => resolve(req.result.map(String));
    });
    db.close();
    return ids;
  });
  const written: string[] = [];
  for (const [i, id] of caseIds.entries()) {
    written.push(await exportPack(ext, [id], outDir, `${prefix}-${String(i + 1).padStart(2, '0')}.zip`));
  }
  return written;
}
