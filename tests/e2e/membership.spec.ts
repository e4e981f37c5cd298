import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import JSZip from 'jszip';
import { dumpStore, tabIdOf, pressCapture, type StoreDump } from '../../scripts/lib/driver.ts';
import { exportPack } from '../../scripts/lib/export.ts';
import { serveStatic } from '../../scripts/lib/static-server.ts';
import { expect, test } from './fixtures.ts';
import { waitFor } from './wait.ts';

const run = promisify(execFile);

function eventData(e: Record<string, unknown>): Record<string, unknown> {
  return (e.data ?? {}) as Record<string, unknown>;
}

function membershipSeen(dump: StoreDump): { batchId: unknown; autoRenew: unknown; url: unknown }[] {
  return dump.events
    .filter((e) => e.type === 'membership-seen')
    .map((e) => {
      const data = eventData(e);
      return { batchId: data.batchId, url: data.url, autoRenew: (data.reading as Record<string, unknown> | undefined)?.autoRenew };
    });
}

/** The demo shop's order numbers, page by page (tests/fixtures/demo-shop/user/order*.html). */
const PAGES = [
  { path: '/user/order.html', orders: ['2026110120301510001', '2026103009120710002', '2026102722184410003'] },
  { path: '/user/order/page/2.html', orders: ['2026101915402210004', '2026101211053310005', '2026100320010110006'] },
  { path: '/user/order/page/3.html', orders: ['2026092108151210007', '2026090519334410008', '2026082812000010009'] },
];

test('leaving a shop: paginated order history saved in one action, auto-renew recognised and switched off, deletion request in a verified pack', async ({ ext }) => {
  test.setTimeout(240_000);
  // The demo shop at its own root, as `npm start` serves it (its links are absolute, like ThinkPHP's paginator).
  const shop = await serveStatic(path.resolve('tests/fixtures/demo-shop'));
  const out = await mkdtemp(path.join(os.tmpdir(), 'liuzheng-membership-'));
  try {
    // 1. The first history page is recognised (three orders, each its own case).
    const page = await ext.context.newPage();
    await page.goto(`${shop.origin}/user/order.html`);
    await waitFor(async () => {
      const d = await dumpStore(ext.serviceWorker);
      return PAGES[0]?.orders.every((no) => d.cases.some((c) => c.orderNo === no)) === true;
    }, 'the first page of orders');

    // 2. 「先全部取证」 in the popup: every page captured, following the » links, in one action.
    const tabId = await tabIdOf(ext.serviceWorker, page);
    const popup = await ext.context.newPage();
    await popup.goto(ext.extensionUrl(`popup.html?tabId=${tabId}&lang=zh-CN`));
    await popup.getByTestId('save-history-button').click();
    const outcome = popup.getByTestId('history-outcome');
    await outcome.waitFor({ timeout: 120_000 });
    await expect(outcome).toHaveAttribute('data-stopped', 'last-page');
    await expect(outcome).toHaveAttribute('data-pages', '3');
    await expect(outcome).toContainText('已逐页取证 3 页订单记录');
    await popup.close();
    expect(page.url()).toBe(`${shop.origin}/user/order/page/3.html`);

    const afterHistory = await dumpStore(ext.serviceWorker);
    for (const { path: pagePath, orders } of PAGES) {
      const url = `${shop.origin}${pagePath}`;
      const fromPage = afterHistory.captures.filter((c) => c.sourceUrl === url);
      // The normal capture pipeline: screenshot, full page, text, HTML, metadata — hashes recomputed match.
      expect(new Set(fromPage.map((c) => c.kind))).toEqual(new Set(['visible', 'fullpage', 'text', 'html', 'meta']));
      for (const c of fromPage) {
        expect(c.recomputed).toBe(c.sha256);
      }
      const text = fromPage.find((c) => c.kind === 'text')?.textSample ?? '';
      for (const no of orders) {
        expect(text).toContain(no);
        // Each page's capture is evidence in the cases of the orders it shows.
        const caseId = afterHistory.cases.find((c) => c.orderNo === no)?.id;
        expect(fromPage.some((c) => c.caseId === caseId && c.kind === 'visible')).toBe(true);
      }
    }
    // Captures one after the other: never two captureVisibleTab calls within the 2/s quota.
    const visibleTimes = [...new Set(afterHistory.captures.filter((c) => c.kind === 'visible').map((c) => Date.parse(c.capturedAt)))].sort((a, b) => a - b);
    for (let i = 1; i < visibleTimes.length; i++) {
      expect((visibleTimes[i] ?? 0) - (visibleTimes[i - 1] ?? 0)).toBeGreaterThanOrEqual(500);
    }
    const saved = afterHistory.events.filter((e) => e.type === 'order-history-saved');
    expect(saved).toHaveLength(1);
    const savedData = eventData(saved[0] ?? {});
    expect(savedData.stoppedBecause).toBe('last-page');
    expect((savedData.pages as { url: string }[]).map((p) => p.url)).toEqual(PAGES.map((p) => `${shop.origin}${p.path}`));
    // The licence block and ICP number in the footer reached every case of the shop, including the shop's own case opened last.
    const shopCases = afterHistory.cases.filter((c) => c.shopOrigin === shop.origin);
    expect(shopCases.length).toBe(10);
    for (const c of shopCases) {
      expect(c.extras).toMatchObject({ companyName: '演示网络科技有限公司', creditCode: '91330100MA2H3K7Q1Q', icp: '浙ICP备00000000号' });
    }

    // 3. The membership page: auto-renew wording recognised by the content script, shown in the popup.
    await page.goto(`${shop.origin}/user/vip.html`);
    await waitFor(async () => membershipSeen(await dumpStore(ext.serviceWorker)).some((s) => s.autoRenew === 'on' && s.batchId === null), 'auto-renew seen on');
    const vipPopup = await ext.context.newPage();
    await vipPopup.goto(ext.extensionUrl(`popup.html?tabId=${tabId}&lang=zh-CN`));
    await expect(vipPopup.getByTestId('auto-renew-on')).toContainText('已开通自动续费');
    await expect(vipPopup.getByTestId('auto-renew-on')).toContainText('连续包月');
    await vipPopup.close();
    const reminders = await waitFor(async () => {
      const stored = JSON.stringify(await ext.serviceWorker.evaluate(() => chrome.storage.local.get('reminders:deadlines')));
      return stored.includes('auto-renew-switch-off') ? stored : null;
    }, 'the switch-off reminder');
    expect(reminders).toContain('auto-renew-switch-off');

    // 4. The user switches it off on the page (script changes the text), then captures the switched-off state.
    await page.locator('#renew-off').click();
    await expect(page.locator('#renew-status')).toHaveText('已关闭自动续费，到期后不再扣费。');
    await waitFor(async () => membershipSeen(await dumpStore(ext.serviceWorker)).some((s) => s.autoRenew === 'off' && s.batchId === null), 'auto-renew seen off');
    expect((await pressCapture(ext, page)).ok).toBe(true);
    const afterOff = await dumpStore(ext.serviceWorker);
    const capturedOff = membershipSeen(afterOff).find((s) => s.autoRenew === 'off' && typeof s.batchId === 'string');
    expect(capturedOff?.url).toBe(`${shop.origin}/user/vip.html`);
    expect(afterOff.captures.some((c) => c.batchId === capturedOff?.batchId && c.kind === 'text' && (c.textSample ?? '').includes('已关闭自动续费'))).toBe(true);

    // 5. The cases page: the checklists ticked from what was captured; the exit application starts its clocks.
    const firstCaseId = String(afterOff.cases.find((c) => c.orderNo === PAGES[0]?.orders[0])?.id);
    const cases = await ext.context.newPage();
    await cases.goto(ext.extensionUrl(`cases.html?lang=zh-CN#${firstCaseId}`));
    const item = (id: string) => cases.locator(`[data-testid="membership-item"][data-item="${id}"]`);
    await expect(item('history-saved')).toHaveAttribute('data-state', 'done');
    await expect(item('auto-renew-off')).toHaveAttribute('data-state', 'done');
    await expect(item('auto-renew-off')).toHaveAttribute('data-source', 'captured');
    await expect(item('zero-balance')).toHaveAttribute('data-state', 'done');
    await expect(item('no-unexpired-benefits')).toHaveAttribute('data-state', 'open');
    await expect(cases.getByTestId('membership-licence')).toContainText('91330100MA2H3K7Q1Q');
    // A user tick is an event in the chain.
    await item('no-unexpired-benefits').getByRole('checkbox').click();
    await expect(item('no-unexpired-benefits')).toHaveAttribute('data-source', 'user');
    await cases.getByTestId('action-exit-applied').click();
    const exitClocks = await waitFor(async () => {
      const stored = JSON.stringify(await ext.serviceWorker.evaluate(() => chrome.storage.local.get('reminders:deadlines')));
      return stored.includes('exit-cooling-period-7d') && stored.includes('exit-deletion-check-15d') ? stored : null;
    }, 'the exit reminders');
    expect(exitClocks).toContain('注销冷静期');
    const afterTick = await dumpStore(ext.serviceWorker);
    expect(afterTick.events.some((e) => e.type === 'membership-check-ticked' && eventData(e).item === 'no-unexpired-benefits')).toBe(true);

    // 6. The exported pack carries the deletion request among its complaints, shows the licence, and verifies.
    const packPath = await exportPack(ext, [firstCaseId], out, 'pack.zip');
    const zip = await JSZip.loadAsync(await readFile(packPath));
    const draft = (await zip.file('complaints/personal-info-deletion.txt')?.async('string')) ?? '';
    expect(draft).toContain('个人信息保护法');
    expect(draft).toContain('第四十七条');
    expect(draft).toContain('12377');
    expect(draft).toContain(PAGES[0]?.orders[0]);
    expect(draft).toContain('统一社会信用代码：91330100MA2H3K7Q1Q');
    expect(draft).toContain('【待填写：姓名或账号昵称】');
    const report = (await zip.file('report.html')?.async('string')) ?? '';
    expect(report).toContain('91330100MA2H3K7Q1Q');
    expect(report).toContain('浙ICP备00000000号');
    expect(report).toContain('演示网络科技有限公司');
    const manifest = JSON.parse((await zip.file('manifest.json')?.async('string')) ?? '{}') as { files: { path: string }[] };
    expect(manifest.files.some((f) => f.path === 'complaints/personal-info-deletion.txt')).toBe(true);
    const verified = await run('npx', ['tsx', 'scripts/verify.ts', packPath], { env: { ...process.env, INIT_CWD: process.cwd() } });
    expect(`${verified.stdout}${verified.stderr}`).not.toContain('FAIL');
  } finally {
    await shop.close();
    await rm(out, { recursive: true, force: true });
  }
});
