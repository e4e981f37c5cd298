/**
 * @module Opens or updates a case per (shop origin, order number) when a content script reports an order
 * page, remembers the tab's cases, and marks the toolbar button so the user sees the order was recognised.
 */
import { browser } from 'wxt/browser';
import type { ReportOrderPageRequest, ReportOrderPageResult } from '@/src/messaging/schemas';
import type { SenderInfo } from '@/src/messaging/handle';
import { evidenceTime } from '@/src/shared/time';
import { getDb } from '@/src/store/db';
import { recordOrderSighting } from '@/src/store/repo';
import { liveCaseId } from '@/src/store/workspace-repo';
import { setTabCases } from '@/src/background/tab-cases';
import { shareShopLicence } from '@/src/background/membership';
import { backgroundLanguage } from '@/src/background/language';
import { translator } from '@/src/ui/i18n';

/** Records every order of a reported page; only the top frame of a tab may report. */
export async function reportOrderPage(report: ReportOrderPageRequest, sender: SenderInfo): Promise<ReportOrderPageResult> {
  const tabId = sender.tab?.id;
  const tabUrl = sender.tab?.url;
  if (tabId === undefined || tabUrl === undefined || sender.frameId !== 0) {
    throw new Error('order pages are reported by the top frame of a tab');
  }
  const shopOrigin = new URL(tabUrl).origin;
  const db = getDb();
  const caseIds: string[] = [];
  for (const order of report.orders) {
    const { record } = await recordOrderSighting(db, { shopOrigin, orderNo: order.orderNo }, order, report.extras, report.url, evidenceTime());
    // A merged case sends new evidence to the case it was merged into; a deleted one takes none.
    const live = await liveCaseId(db, record.id);
    if (live !== null && !caseIds.includes(live)) {
      caseIds.push(live);
    }
  }
  // The licence block / ICP seen on any page of the shop is kept with every case of it (src/membership).
  await shareShopLicence(shopOrigin);
  await setTabCases(tabId, tabUrl, caseIds);
  await browser.action.setBadgeText({ tabId, text: caseIds.length > 1 ? String(caseIds.length) : '单' });
  await browser.action.setBadgeBackgroundColor({ tabId, color: '#b3261e' });
  await browser.action.setTitle({ tabId, title: translator(await backgroundLanguage())('badgeOrders', { n: caseIds.length }) });
  return { caseIds };
}
