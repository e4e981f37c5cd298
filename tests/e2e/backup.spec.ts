import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import JSZip from 'jszip';
import { launchWithExtension, type ExtensionBrowser } from '../../scripts/lib/chromium.ts';
import { dumpStore, pressCapture, type StoreDump } from '../../scripts/lib/driver.ts';
import { exportPack } from '../../scripts/lib/export.ts';
import { verifyEventChain } from '../../src/store/chain.ts';
import type { EventRecord } from '../../src/store/records.ts';
import { expect, test } from './fixtures.ts';
import { waitFor } from './wait.ts';

async function chainFailures(dump: StoreDump): Promise<unknown[]> {
  const byCase = new Map<string, EventRecord[]>();
  for (const e of dump.events as unknown as EventRecord[]) {
    byCase.set(e.caseId, [...(byCase.get(e.caseId) ?? []), e]);
  }
  const failures: unknown[] = [];
  for (const events of byCase.values()) {
    events.sort((a, b) => a.seq - b.seq);
    failures.push(...(await verifyEventChain(events)));
  }
  return failures;
}

/** Records without what the dump adds (re-hash, samples) or storage-local ordering, for comparing two profiles. */
function comparable(dump: StoreDump): Record<string, unknown[]> {
  const byKey = (key: string) => (a: Record<string, unknown>, b: Record<string, unknown>): number => String(a[key]).localeCompare(String(b[key]));
  return {
    cases: [...dump.cases].sort(byKey('id')),
    captures: dump.captures.map((c) => ({ id: c.id, caseId: c.caseId, kind: c.kind, sha256: c.sha256, recomputed: c.recomputed, bytes: c.bytes, capturedAt: c.capturedAt })).sort(byKey('id')),
    events: [...dump.events].sort(byKey('hash')),
    messages: [...dump.messages].sort(byKey('id')),
  };
}

interface PackFiles {
  createdAt: string;
  eventChainHead: string;
  files: Map<string, string>;
  zip: JSZip;
}

async function readPack(file: string): Promise<PackFiles> {
  const zip = await JSZip.loadAsync(await readFile(file));
  const manifest = JSON.parse((await zip.file('manifest.json')?.async('string')) ?? '{}') as { createdAt: string; eventChainHead: string; files: { path: string; sha256: string }[] };
  return { createdAt: manifest.createdAt, eventChainHead: manifest.eventChainHead, files: new Map(manifest.files.map((f) => [f.path, f.sha256])), zip };
}

async function backupThroughPage(ext: ExtensionBrowser, target: string): Promise<void> {
  const page = await ext.context.newPage();
  await page.goto(ext.extensionUrl('backup.html?lang=zh-CN'));
  const download = page.waitForEvent('download', { timeout: 60_000 });
  await page.getByRole('button', { name: '备份全部数据' }).click();
  await (await download).saveAs(target);
  await expect(page.getByTestId('backup-done')).toContainText('liuzheng-backup-');
  await page.close();
}

test('a whole dispute survives a new profile: order, capture, chat, own file, reminders, pack — backed up and restored with the same pack', async ({ servers }) => {
  test.setTimeout(240_000);
  const profileA = await mkdtemp(path.join(os.tmpdir(), 'liuzheng-backup-a-'));
  const profileB = await mkdtemp(path.join(os.tmpdir(), 'liuzheng-backup-b-'));
  const out = await mkdtemp(path.join(os.tmpdir(), 'liuzheng-backup-out-'));
  try {
    // Profile A: an order page captured, and the shop's support chat saved to the same case.
    const a = await launchWithExtension({ userDataDir: profileA });
    const order = await a.context.newPage();
    await order.goto(`${servers.main.origin}/pages/order-zh.html`);
    const opened = await waitFor(async () => {
      const d = await dumpStore(a.serviceWorker);
      return d.cases.find((c) => c.orderNo === 'K8QW2M7ZP4XR9T1A' && c.order !== null);
    }, 'the order case');
    const caseId = String(opened.id);
    expect((await pressCapture(a, order)).ok).toBe(true);
    const chat = await a.context.newPage();
    await chat.goto(`${servers.main.origin}/pages/live-chat.html`);
    for (const [role, text] of [
      ['customer', '卡密无效，订单号 K8QW2M7ZP4XR9T1A'],
      ['agent', '核实后24小时内退款'],
      ['customer', '好的，等你们处理'],
    ] as const) {
      await chat.evaluate(([r, t]) => (window as unknown as { say: (role: string, text: string) => void }).say(r, t), [role, text] as const);
    }
    // The fixture chat opens with three messages of its own; ours make six.
    const before = await waitFor(async () => {
      const d = await dumpStore(a.serviceWorker);
      return d.messages.length >= 6 ? d : null;
    }, 'six chat messages');
    // Same shop, one order case: the chat belongs to it.
    expect(before.messages.map((m) => m.caseId)).toEqual(Array.from({ length: 6 }, () => caseId));
    expect(before.captures.length).toBe(5);

    // The user attaches their bank statement on the cases page, and the case has its reminders.
    const cases = await a.context.newPage();
    await cases.goto(a.extensionUrl(`cases.html?lang=zh-CN#${caseId}`));
    const statement = Buffer.from('%PDF-1.4\n% 银行流水 2026-11-20 支出 88.00 元 收款方 演示卡铺\n%%EOF\n', 'utf8');
    await cases.getByTestId('attach-file').setInputFiles({ name: 'bank-statement.pdf', mimeType: 'application/pdf', buffer: statement });
    await expect(cases.getByTestId('attach-status')).toContainText('bank-statement.pdf');
    const withFile = await waitFor(async () => {
      const d = await dumpStore(a.serviceWorker);
      return d.captures.some((c) => c.kind === 'file') ? d : null;
    }, 'the attached file');
    expect(withFile.captures.length).toBe(6);
    await waitFor(async () => JSON.stringify(await a.serviceWorker.evaluate(() => chrome.storage.local.get('reminders:deadlines'))).includes(caseId), 'deadlines of the case');
    expect(await chainFailures(withFile)).toEqual([]);
    const packBefore = await readPack(await exportPack(a, [caseId], out, 'before.zip'));
    expect([...packBefore.files.keys()].some((p) => p.startsWith('chats/'))).toBe(true);
    const packedPdf = [...packBefore.files.keys()].find((p) => p.endsWith('-file.pdf'));
    expect(packedPdf, 'the attached file is in the pack').toBeDefined();
    expect(Buffer.from((await packBefore.zip.file(packedPdf ?? '')?.async('uint8array')) ?? new Uint8Array())).toEqual(statement);

    // The backup, from the page the cases page links to, through the browser's downloads.
    const backupTab = a.context.waitForEvent('page');
    await cases.getByTestId('open-backup').click();
    const linked = await backupTab;
    await linked.waitForLoadState();
    expect(linked.url()).toBe(a.extensionUrl('backup.html'));
    await linked.close();
    const backupFile = path.join(out, 'backup.zip');
    await backupThroughPage(a, backupFile);
    await a.context.close();

    // Profile B: fresh, empty; restore through the page.
    const b = await launchWithExtension({ userDataDir: profileB });
    expect((await dumpStore(b.serviceWorker)).cases).toEqual([]);
    const page = await b.context.newPage();
    await page.goto(b.extensionUrl('backup.html?lang=zh-CN'));
    await page.getByTestId('restore-file').setInputFiles(backupFile);
    await expect(page.getByTestId('restore-done')).toBeVisible({ timeout: 60_000 });
    await expect(page.getByTestId('restore-case')).toHaveAttribute('data-outcome', 'imported');
    await expect(page.getByTestId('restore-done')).toContainText('1 个案件、6 项取证、6 条聊天消息');

    const after = await dumpStore(b.serviceWorker);
    expect(comparable(after)).toEqual(comparable(withFile));
    expect(after.captures.every((c) => c.recomputed === c.sha256)).toBe(true);
    expect(await chainFailures(after)).toEqual([]);
    // The background recomputed deadlines for the restored case.
    await waitFor(async () => JSON.stringify(await b.serviceWorker.evaluate(() => chrome.storage.local.get('reminders:deadlines'))).includes(caseId), 'deadlines of the restored case');

    // The same pack: every file identical, except where the export time is written.
    const afterPath = await exportPack(b, [caseId], out, 'after.zip');
    const packAfter = await readPack(afterPath);
    // The pack verifier (hashes, manifest digest, event chains) accepts the pack of the restored case.
    const verified = await promisify(execFile)('npx', ['tsx', 'scripts/verify.ts', afterPath], { env: { ...process.env, INIT_CWD: process.cwd() } });
    expect(verified.stdout + verified.stderr).not.toContain('FAIL');
    expect(packAfter.eventChainHead).toBe(packBefore.eventChainHead);
    expect([...packAfter.files.keys()].sort()).toEqual([...packBefore.files.keys()].sort());
    const differing: string[] = [];
    for (const [file, sha256] of packBefore.files) {
      if (packAfter.files.get(file) === sha256) {
        continue;
      }
      differing.push(file);
      const textBefore = ((await packBefore.zip.file(file)?.async('string')) ?? '').replaceAll(packBefore.createdAt, '<export time>');
      const textAfter = ((await packAfter.zip.file(file)?.async('string')) ?? '').replaceAll(packAfter.createdAt, '<export time>');
      expect(textAfter, file).toBe(textBefore);
    }
    // Only files that print the export time may differ (the report does); captures, chats and events never.
    expect(differing.filter((f) => f.startsWith('captures/') || f.startsWith('chats/') || f === 'events.jsonl' || f === 'order.json')).toEqual([]);

    // The same file again: everything already present, nothing written twice.
    await page.getByTestId('restore-file').setInputFiles(backupFile);
    await expect(page.getByTestId('restore-case')).toHaveAttribute('data-outcome', 'already-present', { timeout: 60_000 });
    expect((await dumpStore(b.serviceWorker)).events.length).toBe(after.events.length);

    // A damaged copy is refused whole, with the reason on the page.
    const damaged = await readFile(backupFile);
    await page.getByTestId('restore-file').setInputFiles({ name: 'cut.zip', mimeType: 'application/zip', buffer: damaged.subarray(0, damaged.length - 100) });
    await expect(page.getByTestId('restore-refused')).toContainText('没有导入任何数据');
    await expect(page.getByTestId('restore-problem').first()).toHaveAttribute('data-code', 'unreadable');
    await b.context.close();
  } finally {
    await rm(profileA, { recursive: true, force: true });
    await rm(profileB, { recursive: true, force: true });
    await rm(out, { recursive: true, force: true });
  }
});
