/**
 * @module Asks the top frame of a tab to describe its page for "save everything first" (src/membership/history.ts),
 * and parses the answer: it comes from a content script, so it is data to check, not to trust.
 */
import { messenger } from '@/src/messaging/protocol';
import { HistoryPageDescriptionSchema, type HistoryPageDescription } from '@/src/messaging/schemas';

/** The top frame's description of the tab's page; rejects when no content script answers. */
export async function describeHistoryPageInTab(tabId: number): Promise<HistoryPageDescription> {
  const answer: unknown = await messenger.sendMessage('describeHistoryPage', {}, { tabId, frameId: 0 });
  return HistoryPageDescriptionSchema.parse(answer);
}
