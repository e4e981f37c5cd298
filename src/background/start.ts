/**
 * @module Background wiring: every listener registered synchronously at start (MV3 wakes the worker
 * per event, and listeners added later would miss it). No state lives only in worker memory.
 */
import { browser } from 'wxt/browser';
import { uncapturableReason } from '@/src/capture/capturability';
import { handleMessage } from '@/src/messaging/handle';
import { GetSitePolicySchema, RecordCaseEventSchema, ReportMembershipPageSchema, ReportOrderPageSchema, SaveChatBatchSchema, TabIdSchema, type TabState } from '@/src/messaging/schemas';
import { sitePolicy } from '@/src/settings/origins';
import { readSettings } from '@/src/settings/store';
import { evidenceTime } from '@/src/shared/time';
import { getDb } from '@/src/store/db';
import { appendEvents } from '@/src/store/repo';
import { captureTab } from '@/src/background/capture';
import { captureArea } from '@/src/background/capture-area';
import { markOrderPage } from '@/src/background/manual-order';
import { CaptureAreaSchema, CasesChangedSchema, MarkOrderPageSchema } from '@/src/messaging/schemas';
import { saveChatBatch } from '@/src/background/chat';
import { reportMembershipPage, saveOrderHistory } from '@/src/background/membership';
import { reportOrderPage } from '@/src/background/orders';
import { rebuildReminders, REMINDER_ALARM } from '@/src/background/reminders';
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
  handleMessage('reportOrderPage', ReportOrderPageSchema, ['content-script'], async (report, sender) => {
    // A paused site records nothing, even from a content script that started before the pause.
    if (!sitePolicy(await readSettings(), sender.tab?.url).detectOrders) {
      return { caseIds: [] };
    }
    const result = await reportOrderPage(report, sender);
    await rebuildReminders();
    return result;
  });
  handleMessage('recordCaseEvent', RecordCaseEventSchema, ['extension-page'], async (request) => {
    await appendEvents(getDb(), request.caseId, [{ type: request.type, data: request.data }], evidenceTime().iso);
    await rebuildReminders();
    return { ok: true as const };
  });

  handleMessage('markOrderPage', MarkOrderPageSchema, ['extension-page'], async (request) => {
    const result = await markOrderPage(request);
    await rebuildReminders();
    return result;
  });
  handleMessage('captureArea', CaptureAreaSchema, ['extension-page'], ({ tabId, mode, hint }) => captureArea(tabId, mode, hint));
  // The cases page writes merges, splits, deletions, notes and files itself (file bytes cannot travel as JSON);
  // the background only recomputes the deadlines from what is now stored.
  handleMessage('casesChanged', CasesChangedSchema, ['extension-page'], async () => {
    await rebuildReminders();
    return { ok: true as const };
  });

  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === REMINDER_ALARM) {
      void rebuildReminders();
    }
  });
  // Alarms survive restarts, but deadlines are rebuilt from the database anyway: nothing lives in memory.
  browser.runtime.onStartup.addListener(() => void rebuildReminders());
  browser.runtime.onInstalled.addListener(() => void rebuildReminders());
  browser.notifications.onClicked.addListener((notificationId) => {
    const [kind, caseId] = notificationId.split('|');
    if (kind === 'case' && caseId !== undefined) {
      void browser.tabs.create({ url: browser.runtime.getURL(`/cases.html#${caseId}`) });
      void browser.notifications.clear(notificationId);
    }
  });
  handleMessage('saveChatBatch', SaveChatBatchSchema, ['content-script'], async ({ batch }, sender) => {
    // Paused site or chat saving off: acknowledge without storing, so the frame's outbox stops retrying.
    if (!sitePolicy(await readSettings(), sender.tab?.url).saveChats) {
      return { stored: 0, caseId: '' };
    }
    return saveChatBatch(batch, sender);
  });
  handleMessage('saveOrderHistory', TabIdSchema, ['extension-page'], async ({ tabId }) => {
    const outcome = await saveOrderHistory(tabId);
    await rebuildReminders();
    return outcome;
  });
  handleMessage('reportMembershipPage', ReportMembershipPageSchema, ['content-script'], async (report, sender) => {
    if (!sitePolicy(await readSettings(), sender.tab?.url).detectOrders) {
      return { caseId: null };
    }
    const result = await reportMembershipPage(report, sender);
    await rebuildReminders();
    return result;
  });
  handleMessage('getSitePolicy', GetSitePolicySchema, ['content-script'], async (_request, sender) => sitePolicy(await readSettings(), sender.tab?.url));

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
