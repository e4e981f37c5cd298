import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { currentServiceWorker } from '../../scripts/lib/chromium.ts';
import { dumpStore } from '../../scripts/lib/driver.ts';
import type { ExtensionBrowser } from '../../scripts/lib/chromium.ts';
import { expect, FIXTURES, test } from './fixtures.ts';

const squash = (s: string): string => s.replace(/\s+/g, '');

async function storedMessages(ext: ExtensionBrowser): Promise<{ role: string; text: string; frameUrl: string }[]> {
  const sw = await currentServiceWorker(ext.context);
  const dump = await dumpStore(sw);
  return dump.messages
    .sort((a, b) => String(a.chatKey).localeCompare(String(b.chatKey)) || Number(a.position) - Number(b.position))
    .map((m) => ({ role: String(m.role), text: String(m.text), frameUrl: String(m.frameUrl) }));
}

async function waitForMessages(ext: ExtensionBrowser, count: number, timeoutMs = 10_000): Promise<{ role: string; text: string; frameUrl: string }[]> {
  const until = Date.now() + timeoutMs;
  let messages = await storedMessages(ext);
  while (messages.length < count && Date.now() < until) {
    await new Promise((r) => setTimeout(r, 200));
    messages = await storedMessages(ext);
  }
  return messages;
}

async function say(page: Page, role: 'agent' | 'customer', text: string): Promise<void> {
  await page.evaluate(([r, t]) => (window as unknown as { say: (role: string, text: string) => void }).say(r, t), [role, text] as const);
}

test('a chat in a cross-origin iframe is saved message by message, with roles', async ({ ext, servers }) => {
  const truth = JSON.parse(await readFile(path.join(FIXTURES, 'chats/chatwoot-widget.truth.json'), 'utf8')) as { messages: { role: string; text: string }[] };
  const page = await ext.context.newPage();
  await page.goto(`${servers.main.origin}/chats/chatwoot-widget.html?frameBase=${servers.other.origin}/chats/`);
  await page.waitForFunction(() => (window as unknown as { __fixtureDone?: boolean }).__fixtureDone === true, null, { timeout: 20_000 });
  const messages = await waitForMessages(ext, truth.messages.length);
  expect(messages.map((m) => [m.role, squash(m.text)])).toEqual(truth.messages.map((m) => [m.role, squash(m.text)]));
  expect(messages.every((m) => m.frameUrl.startsWith(servers.other.origin))).toBe(true);
});

test('nothing is lost when the service worker is stopped mid-conversation', async ({ ext, servers }) => {
  const page = await ext.context.newPage();
  await page.goto(`${servers.main.origin}/pages/live-chat.html`);
  await say(page, 'agent', '已为您登记退款申请。');
  expect(await waitForMessages(ext, 4)).toHaveLength(4);

  const cdp = await ext.context.newCDPSession(page);
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
  // Messages arrive while the worker is down; the outbox retries until a new worker stores them.
  await say(page, 'agent', '退款将在24小时内原路退回。');
  await say(page, 'customer', '好的，我等24小时。');
  await say(page, 'agent', '退款将在24小时内原路退回。');
  const messages = await waitForMessages(ext, 7, 15_000);
  expect(messages.map((m) => m.text)).toEqual([
    '您好，请问有什么可以帮您？',
    '我的订单还没发货。',
    '请提供一下订单号。',
    '已为您登记退款申请。',
    '退款将在24小时内原路退回。',
    '好的，我等24小时。',
    '退款将在24小时内原路退回。',
  ]);
  expect(messages.map((m) => m.role)).toEqual(['agent', 'customer', 'agent', 'agent', 'agent', 'customer', 'agent']);
});

test('chat text holding markup is stored and shown as text, never rendered or run', async ({ ext, servers }) => {
  const page = await ext.context.newPage();
  await page.goto(`${servers.main.origin}/pages/live-chat.html`);
  const hostile = '<img src=x onerror="document.title=\'pwned\'"><script>document.title="pwned"</script>退款已拒绝';
  await say(page, 'agent', hostile);
  const messages = await waitForMessages(ext, 4);
  expect(messages.at(-1)?.text).toBe(hostile);
  const { tabIdOf } = await import('../../scripts/lib/driver.ts');
  const tabId = await tabIdOf(ext.serviceWorker, page);
  const popup = await ext.context.newPage();
  await popup.goto(ext.extensionUrl(`popup.html?tabId=${tabId}`));
  const transcript = popup.getByTestId('popup-transcript');
  await expect(transcript).toContainText('<img src=x onerror=');
  await expect(transcript.locator('img, script')).toHaveCount(0);
  expect(await popup.title()).not.toBe('pwned');
});

test('a message that appears right before the tab closes is still stored', async ({ ext, servers }) => {
  const page = await ext.context.newPage();
  await page.goto(`${servers.main.origin}/pages/live-chat.html`);
  expect(await waitForMessages(ext, 3)).toHaveLength(3);
  await say(page, 'agent', '我们承诺今天内全额退款。');
  await page.waitForTimeout(150);
  await page.close();
  const messages = await waitForMessages(ext, 4, 2000);
  expect(messages.map((m) => m.text)).toContain('我们承诺今天内全额退款。');
});
