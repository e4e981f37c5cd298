/**
 * @module The user marks the tab's page as an order page the detector missed, with facts typed by hand. The
 * facts go into a new case or an existing one of the same shop (store/workspace-repo.ts records them as
 * user-entered), and the tab remembers that case so the next capture of this page lands in it.
 */
import { browser } from 'wxt/browser';
import { uncapturableReason } from '@/src/capture/capturability';
import type { MarkOrderPageRequest, MarkOrderPageResult } from '@/src/messaging/schemas';
import { evidenceTime } from '@/src/shared/time';
import { getDb } from '@/src/store/db';
import { recordManualOrder } from '@/src/store/workspace-repo';
import { getTabCases, setTabCases } from '@/src/background/tab-cases';

/** Records the typed facts for the tab's page. */
export async function markOrderPage(request: MarkOrderPageRequest): Promise<MarkOrderPageResult> {
  const tab = await browser.tabs.get(request.tabId);
  const url = tab.url ?? '';
  if (uncapturableReason(tab.url) !== null) {
    throw new Error('this page cannot be an order page');
  }
  const shopOrigin = new URL(url).origin;
  const db = getDb();
  if (request.target.kind === 'existing') {
    const existing = await db.cases.get(request.target.caseId);
    if (existing?.shopOrigin !== shopOrigin) {
      throw new Error('the chosen case belongs to another shop');
    }
  }
  const record = await recordManualOrder(db, shopOrigin, request.target, request.order, url, evidenceTime());
  const known = await getTabCases(request.tabId, url);
  await setTabCases(request.tabId, url, [record.id, ...known.filter((id) => id !== record.id)]);
  return { caseId: record.id };
}
