import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import JSZip from 'jszip';
import { launchWithExtension } from '../../scripts/lib/chromium.ts';
import { dumpStore, installNameShim, pressCapture, tabIdOf } from '../../scripts/lib/driver.ts';
import { exportPack } from '../../scripts/lib/export.ts';
import { expect, test } from './fixtures.ts';
import { waitFor } from './wait.ts';

const run = promisify(execFile);
const HOUR = 3_600_000;

async function verifyCli(zipPath: string): Promise<{ code: number; out: string }> {
  try {
    const { stdout, stderr } = await run('npx', ['tsx', 'scripts/verify.ts', zipPath], { env: { ...process.env, INIT_CWD: process.cwd() } });
    return { code: 0, out: stdout + stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: e.code ?? 1, out: `${e.stdout ?? ''}${e.stderr ?? ''}` };
  }
}

test('a whole dispute: order recognised, corrected, reminded, captured, exported and verified, surviving a restart', async ({ servers }) => {
  test.setTimeout(180_000);
  const profile = await mkdtemp(path.join(os.tmpdir(), 'liuzheng-dispute-'));
  const out = await mkdtemp(path.join(os.tmpdir(), 'liuzheng-packs-'));
  try {
    const ext = await launchWithExtension({ userDataDir: profile });
    const page = await ext.context.newPage();
    // Paid, not delivered; the 48 h "report the problem" deadline's 2 h warning comes 8 s from now.
    await page.goto(`${servers.main.origin}/pages/order-relative.html?placedAgoMs=${46 * HOUR - 8000}`);

    // 1. Recognised unasked: a case, the badge, the facts in the popup.
    const dump = await waitFor(async () => {
      const d = await dumpStore(ext.serviceWorker);
      return d.cases.some((c) => c.orderNo === 'R7KQ2M9XW4PLTAAA' && c.order !== null) ? d : null;
    }, 'the order case');
    const caseRecord = dump.cases.find((c) => c.orderNo === 'R7KQ2M9XW4PLTAAA');
    expect(caseRecord?.order).toMatchObject({ amount: 99, status: 'paid', item: '爱奇艺黄金VIP 年卡', paymentMethod: '微信支付' });
    const caseId = String(caseRecord?.id);
    const tabId = await tabIdOf(ext.serviceWorker, page);
    expect(await ext.serviceWorker.evaluate((id) => chrome.action.getBadgeText({ tabId: id }), tabId)).toBe('单');

    const popup = await ext.context.newPage();
    await popup.goto(ext.extensionUrl(`popup.html?tabId=${tabId}&lang=zh-CN`));
    await expect(popup.getByTestId('fact-orderNo')).toContainText('R7KQ2M9XW4PLTAAA');
    await expect(popup.getByTestId('fact-amount')).toContainText('99');
    // 2. The user corrects the amount: an event; the extracted value stays.
    await popup.getByTestId('fact-amount').getByRole('button').click();
    await popup.getByLabel('金额').fill('109');
    await popup.getByRole('button', { name: '保存' }).click();
    await expect(popup.getByTestId('fact-amount')).toContainText('已更正，原提取值：99');
    // 3. The deadline with its basis, shown with a countdown.
    await popup.reload();
    await expect(popup.getByTestId('deadline').first()).toHaveAttribute('data-rule', 'report-problem-48h');
    await expect(popup.getByTestId('deadline').first()).toContainText('依据（平台惯例）：常见平台规则，以店铺规则为准（');
    // The habit label once: the kind beside 依据 is short, the basis text carries the label DOMAIN.md requires.
    expect((await popup.getByTestId('deadline').first().textContent())?.split('以店铺规则为准').length).toBe(2);
    await popup.close();

    // 4. Notifications: the 24 h notice at once, the 2 h notice when the alarm fires.
    const notifications = await waitFor(async () => {
      const ids = Object.keys(await ext.serviceWorker.evaluate(() => chrome.notifications.getAll()));
      return ids.some((id) => id.endsWith('|before-2h')) ? ids : null;
    }, 'the 2 h notification', 40_000);
    expect(notifications.some((id) => id.startsWith(`case|${caseId}|report-problem-48h`) && id.endsWith('|before-24h'))).toBe(true);
    const alarm = await ext.serviceWorker.evaluate(() => chrome.alarms.get('reminders-next'));
    expect(alarm?.scheduledTime ?? 0).toBeGreaterThan(Date.now());

    // The README's screenshots are taken by screens.spec.ts (DOCS_SCREENSHOTS=1 npx playwright test screens).

    // 5. Capture the order page and export the case from the cases page.
    expect((await pressCapture(ext, page)).ok).toBe(true);
    const cases = await ext.context.newPage();
    await cases.goto(ext.extensionUrl(`cases.html#${caseId}`));
    await expect(cases.getByTestId('chain-status')).toHaveClass(/ok/);
    const exportTab = ext.context.waitForEvent('page');
    await cases.getByTestId('export-button').click();
    await (await exportTab).close();
    const packPath = await exportPack(ext, [caseId], out, 'pack.zip');
    // JSZip as published checks every entry's CRC-32 (the extension's build computes it with a faster library).
    const zip = await JSZip.loadAsync(await readFile(packPath), { checkCRC32: true });
    const names = Object.keys(zip.files);
    for (const required of ['manifest.json', 'manifest.json.sha256', 'report.html', 'verify.html', 'order.json', 'events.jsonl']) {
      expect(names).toContain(required);
    }
    expect(names.some((n) => n.startsWith('captures/') && n.endsWith('.png'))).toBe(true);
    expect(names.filter((n) => n.startsWith('complaints/')).length).toBeGreaterThanOrEqual(5);
    const order = JSON.parse((await zip.file('order.json')?.async('string')) ?? '{}') as Record<string, unknown>;
    expect(JSON.stringify(order)).toContain('R7KQ2M9XW4PLTAAA');

    // 6. The command-line verifier accepts it and names a tampered file.
    const good = await verifyCli(packPath);
    expect(good.code, good.out).toBe(0);
    const tampered = await JSZip.loadAsync(await readFile(packPath));
    const textFile = names.find((n) => n.startsWith('captures/') && n.endsWith('.txt')) ?? 'order.json';
    tampered.file(textFile, `${(await tampered.file(textFile)?.async('string')) ?? ''} `);
    const tamperedPath = path.join(out, 'tampered.zip');
    await writeFile(tamperedPath, await tampered.generateAsync({ type: 'uint8array' }));
    const bad = await verifyCli(tamperedPath);
    expect(bad.code).toBe(1);
    expect(bad.out).toContain(textFile);

    // 7. verify.html, opened from the pack offline, says OK for the pack and names the failure for the copy.
    const verifyHtml = path.join(out, 'verify.html');
    await writeFile(verifyHtml, (await zip.file('verify.html')?.async('uint8array')) ?? new Uint8Array());
    const verifier = await ext.context.newPage();
    await verifier.goto(`file://${verifyHtml}`);
    await verifier.locator('#file').setInputFiles(packPath);
    await expect(verifier.locator('#summary')).toContainText('校验通过', { timeout: 30_000 });
    await verifier.locator('#file').setInputFiles(tamperedPath);
    await expect(verifier.locator('#summary')).toContainText('校验失败', { timeout: 30_000 });
    await expect(verifier.locator('#result')).toContainText(textFile);

    // 8. The report opens offline, runs no script, and prints to A4.
    const reportPath = path.join(out, 'report.html');
    await writeFile(reportPath, (await zip.file('report.html')?.async('uint8array')) ?? new Uint8Array());
    const report = await ext.context.newPage();
    await report.goto(`file://${reportPath}`);
    await expect(report.locator('body')).toContainText('R7KQ2M9XW4PLTAAA');
    await report.pdf({ path: path.join(out, 'report.pdf'), format: 'A4' }).catch(() => undefined);
    await ext.context.close();

    // 9. A restart on the same profile keeps the case, its alarm and its deadlines.
    const again = await launchWithExtension({ userDataDir: profile });
    await installNameShim(again.serviceWorker);
    const restored = await dumpStore(again.serviceWorker);
    expect(restored.cases.map((c) => c.id)).toContain(caseId);
    const alarmAfter = await waitFor(() => again.serviceWorker.evaluate(() => chrome.alarms.get('reminders-next')), 'the alarm after restart');
    expect(alarmAfter.scheduledTime).toBeGreaterThan(Date.now() - 60_000);
    const stored = await again.serviceWorker.evaluate(() => chrome.storage.local.get('reminders:deadlines'));
    expect(JSON.stringify(stored)).toContain('report-problem-48h');
    await again.context.close();
  } finally {
    await rm(profile, { recursive: true, force: true });
    await rm(out, { recursive: true, force: true });
  }
});
