/**
 * Settings end to end in Chromium: a site paused from the popup records no order and no chat (other sites still
 * do), the options page lists it and resumes it; chat saving can be turned off; the export page starts from the
 * defaults chosen in the options; and the popup is usable by keyboard alone, with a visible focus ring.
 */
import type { Page } from '@playwright/test';
import { currentServiceWorker, type ExtensionBrowser } from '../../scripts/lib/chromium.ts';
import { dumpStore, tabIdOf } from '../../scripts/lib/driver.ts';
import { expect, test } from './fixtures.ts';
import { waitFor } from './wait.ts';

/** The order number of tests/fixtures/pages/order-zh.html. */
const ORDER_ZH = 'K8QW2M7ZP4XR9T1A';
/** The order number of tests/fixtures/pages/order-relative.html. */
const ORDER_RELATIVE = 'R7KQ2M9XW4PLTAAA';

async function stored(ext: ExtensionBrowser): Promise<{ orderNos: string[]; messages: number }> {
  const dump = await dumpStore(await currentServiceWorker(ext.context));
  return { orderNos: dump.cases.map((c) => String(c.orderNo)), messages: dump.messages.length };
}

async function say(page: Page, text: string): Promise<void> {
  await page.evaluate((t) => (window as unknown as { say: (role: string, text: string) => void }).say('agent', t), text);
}

test('a paused site records nothing until resumed; chat saving can be turned off', async ({ ext, servers }) => {
  test.setTimeout(120_000);
  const page = await ext.context.newPage();
  await page.goto(`${servers.main.origin}/pages/oklch.html`);
  const tabId = await tabIdOf(ext.serviceWorker, page);

  // Pause the site from the popup, as a user does.
  const popup = await ext.context.newPage();
  await popup.goto(ext.extensionUrl(`popup.html?tabId=${tabId}&lang=en`));
  await expect(popup.getByTestId('site-state')).toHaveText('Active on this site');
  await popup.getByTestId('site-pause-toggle').click();
  await expect(popup.getByTestId('site-pause')).toHaveAttribute('data-paused', 'true');
  await expect(popup.getByTestId('site-pause-toggle')).toHaveAttribute('aria-pressed', 'true');

  // Nothing from the paused site: neither its order page nor its support chat…
  await page.goto(`${servers.main.origin}/pages/order-zh.html`);
  const chat = await ext.context.newPage();
  await chat.goto(`${servers.main.origin}/pages/live-chat.html`);
  await say(chat, '已为您登记退款申请。');
  // …while another site (another origin) still works, and is noticed in the same time.
  const other = await ext.context.newPage();
  await other.goto(`${servers.other.origin}/pages/order-relative.html?placedAgoMs=3600000`);
  await waitFor(async () => (await stored(ext)).orderNos.includes(ORDER_RELATIVE), 'the order on the other site');
  await new Promise((r) => setTimeout(r, 2_000));
  const whilePaused = await stored(ext);
  expect(whilePaused.orderNos).not.toContain(ORDER_ZH);
  expect(whilePaused.messages).toBe(0);

  // The options page lists the site; resuming there restarts the content scripts of its open pages.
  const options = await ext.context.newPage();
  await options.goto(ext.extensionUrl('options.html?lang=en'));
  await expect(options.getByTestId('paused-sites')).toContainText(servers.main.origin);
  await options.getByRole('button', { name: `Resume ${servers.main.origin}` }).click();
  await expect(options.getByTestId('no-paused-sites')).toBeVisible();
  await waitFor(async () => (await stored(ext)).orderNos.includes(ORDER_ZH), 'the order once resumed');
  await waitFor(async () => (await stored(ext)).messages >= 4, 'the chat once resumed');

  // Chat saving off: new messages are not stored, though the site is not paused.
  await options.getByTestId('auto-save-chats').uncheck();
  await expect(options.getByTestId('settings-saved')).toHaveText('Saved.');
  const before = (await stored(ext)).messages;
  await say(chat, '退款将在24小时内原路退回。');
  await new Promise((r) => setTimeout(r, 2_500));
  expect((await stored(ext)).messages).toBe(before);
});

test('the export page starts from the defaults chosen in the options', async ({ ext, servers }) => {
  const page = await ext.context.newPage();
  await page.goto(`${servers.main.origin}/pages/order-zh.html`);
  let caseId = '';
  await waitFor(async () => {
    const dump = await dumpStore(await currentServiceWorker(ext.context));
    const found = dump.cases.find((c) => c.orderNo === ORDER_ZH)?.id;
    caseId = typeof found === 'string' ? found : '';
    return caseId !== '';
  }, 'the case');
  const options = await ext.context.newPage();
  await options.goto(ext.extensionUrl('options.html?lang=zh-CN'));
  await options.getByRole('radio', { name: /退一赔三/ }).check();
  await options.getByTestId('default-mask').uncheck();
  await expect(options.getByTestId('settings-saved')).toHaveText('已保存。');
  const exportPage = await ext.context.newPage();
  await exportPage.goto(ext.extensionUrl(`export.html?cases=${encodeURIComponent(caseId)}&lang=zh-CN`));
  await expect(exportPage.getByRole('radio', { name: /退一赔三/ })).toBeChecked();
  await expect(exportPage.getByRole('checkbox')).not.toBeChecked();
});

test('the popup works by keyboard alone, every control with a visible focus ring and a name', async ({ ext, servers }) => {
  const page = await ext.context.newPage();
  await page.goto(`${servers.main.origin}/pages/order-relative.html?placedAgoMs=3600000`);
  await waitFor(async () => (await stored(ext)).orderNos.includes(ORDER_RELATIVE), 'the case');
  const tabId = await tabIdOf(ext.serviceWorker, page);
  const popup = await ext.context.newPage();
  await popup.goto(ext.extensionUrl(`popup.html?tabId=${tabId}&lang=en`));
  await popup.getByTestId('site-state').waitFor();
  await popup.getByTestId('fact-amount').waitFor();
  const reached = new Map<string, { outline: string; name: string }>();
  for (let i = 0; i < 40; i += 1) {
    await popup.keyboard.press('Tab');
    const focused = await popup.evaluate(() => {
      const element = document.activeElement;
      if (!(element instanceof HTMLElement) || element === document.body) {
        return null;
      }
      const style = getComputedStyle(element);
      const labelled = element.id === '' ? null : document.querySelector(`label[for="${element.id}"]`);
      const name = element.getAttribute('aria-label') ?? labelled?.textContent ?? element.textContent ?? '';
      return { key: element.dataset.testid ?? `${element.tagName}:${name.trim()}`, outline: `${style.outlineStyle} ${style.outlineWidth}`, name: name.trim() };
    });
    if (focused !== null) {
      reached.set(focused.key, { outline: focused.outline, name: focused.name });
    }
  }
  for (const control of ['language-picker', 'open-options', 'site-pause-toggle', 'capture-button']) {
    expect([...reached.keys()], control).toContain(control);
  }
  expect([...reached.keys()].some((key) => key.includes('Open cases'))).toBe(true);
  for (const [key, { outline, name }] of reached) {
    expect(outline, key).toBe('solid 3px');
    expect(name, key).not.toBe('');
  }
  // Operable by keyboard: Enter on the focused pause switch pauses the site.
  await popup.getByTestId('site-pause-toggle').focus();
  await popup.keyboard.press('Enter');
  await expect(popup.getByTestId('site-pause')).toHaveAttribute('data-paused', 'true');
});

test('the language picked on one page switches every open page, and is kept', async ({ ext }) => {
  const cases = await ext.context.newPage();
  await cases.goto(ext.extensionUrl('cases.html'));
  const options = await ext.context.newPage();
  await options.goto(ext.extensionUrl('options.html'));
  await cases.getByTestId('language-picker').selectOption('zh-TW');
  await expect(cases.getByRole('heading', { level: 1 })).toHaveText('維權案件');
  await expect(options.getByRole('heading', { level: 1 })).toHaveText('留證設定');
  await expect(options.locator('html')).toHaveAttribute('lang', 'zh-TW');
  const popup = await ext.context.newPage();
  await popup.goto(ext.extensionUrl('popup.html'));
  await expect(popup.getByTestId('capture-button')).toHaveText('蒐證');
  await options.getByTestId('language-picker').selectOption('en');
  await expect(popup.getByTestId('capture-button')).toHaveText('Capture');
  await expect(cases.getByRole('heading', { level: 1 })).toHaveText('Cases');
});

test('a chat in a cross-origin frame of a paused site is not saved', async ({ ext, servers }) => {
  const options = await ext.context.newPage();
  await options.goto(ext.extensionUrl('options.html?lang=en'));
  // The same write the popup's switch makes: the shop's origin paused (the chat frame is on another origin).
  await options.evaluate((origin) => chrome.storage.local.set({ settings: { pausedOrigins: [origin] } }), servers.main.origin);
  await expect(options.getByTestId('paused-sites')).toContainText(servers.main.origin);
  const page = await ext.context.newPage();
  await page.goto(`${servers.main.origin}/chats/chatwoot-widget.html?frameBase=${servers.other.origin}/chats/`);
  await page.waitForFunction(() => (window as unknown as { __fixtureDone?: boolean }).__fixtureDone === true, null, { timeout: 20_000 });
  await new Promise((r) => setTimeout(r, 2_500));
  expect((await stored(ext)).messages).toBe(0);
  // Resumed: the frame's saver starts and stores the conversation already on screen.
  await options.getByRole('button', { name: `Resume ${servers.main.origin}` }).click();
  await waitFor(async () => (await stored(ext)).messages > 0, 'the frame chat once resumed');
});
