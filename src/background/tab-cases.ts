/**
 * @module Which cases the orders recognised on a tab belong to. Kept in storage.session (not worker
 * memory), so a restarted service worker still attaches a capture to the right case.
 */
import { browser } from 'wxt/browser';
import * as z from 'zod';

const key = (tabId: number): string => `tab-cases:${tabId}`;
const TabCasesSchema = z.object({ url: z.string(), caseIds: z.array(z.string()) });

/** Records the cases of the orders shown on a tab's current page. */
export async function setTabCases(tabId: number, url: string, caseIds: string[]): Promise<void> {
  await browser.storage.session.set({ [key(tabId)]: { url, caseIds } });
}

/** The cases of the orders shown on the tab's page at `url` (none when the tab moved on). */
export async function getTabCases(tabId: number, url: string): Promise<string[]> {
  const stored: Record<string, unknown> = await browser.storage.session.get(key(tabId));
  const parsed = TabCasesSchema.safeParse(stored[key(tabId)]);
  if (!parsed.success || parsed.data.url !== url) {
    return [];
  }
  return parsed.data.caseIds;
}

/** Forgets a closed tab. */
export async function clearTabCases(tabId: number): Promise<void> {
  await browser.storage.session.remove(key(tabId));
}
