/**
 * @module Background wiring: every listener registered synchronously at start (MV3 wakes the worker
 * per event, and listeners added later would miss it). No state lives only in worker memory.
 */
import { browser } from 'wxt/browser';
import { uncapturableReason } from '@/src/capture/capturability';
import { handleMessage } from '@/src/messaging/handle';
import { ReportOrderPageSchema, SaveChatBatchSchema, TabIdSchema, type TabState } from '@/src/messaging/schemas';
import { captureTab } from '@/src/background/capture';
import { saveChatBatch } from '@/src/background/chat';
import { reportOrderPage } from '@/src/background/orders';
import { clearTabCases, getTabCases } from '@/src/background/tab-cases';

async function tabState(tabId: number): Promise<TabState> {
  const tab = await browser.tabs.get(tabId);
  const url = tab.url ?? '';
  const reason = uncapturableReason(tab.url);
  return { tabId, url, title: tab.title ?? '', capturable: reason === null, reason, caseIds: await getTabCases(tabId, url) };
}

/** Registers every background listener. */
export function startBackground(): void {
  handleMessage('getTabState', TabIdSchema, ['extension-page'], ({ tabId }) => tabState(tabId));
  handleMessage('captureTab', TabIdSchema, ['extension-page'], ({ tabId }) => captureTab(tabId));
  handleMessage('reportOrderPage', ReportOrderPageSchema, ['content-script'], (report, sender) => reportOrderPage(report, sender));
  handleMessage('saveChatBatch', SaveChatBatchSchema, ['content-script'], ({ batch }, sender) => saveChatBatch(batch, sender));

  browser.commands.onCommand.addListener((command, tab) => {
    if (command !== 'capture-page') {
      return;
    }
    const tabId = tab?.id;
    if (tabId !== undefined) {
      void captureTab(tabId).then((outcome) => showCaptureBadge(tabId, outcome.ok));
    }
  });

  browser.tabs.onRemoved.addListener((tabId) => {
    void clearTabCases(tabId);
  });
}

/** A short ✓ / ! on the toolbar after a shortcut capture, since no popup shows the result. */
function showCaptureBadge(tabId: number, ok: boolean): void {
  void browser.action.setBadgeText({ tabId, text: ok ? '✓' : '!' });
  void browser.action.setBadgeBackgroundColor({ tabId, color: ok ? '#1a7f37' : '#cf222e' });
}
