/**
 * @module Stores chat batches from content scripts and links each chat to its case: the case it already
 * belongs to; else the shop's case whose order number a message mentions; else the order recognised on
 * the same tab; else the shop's only order case; else the shop's case without an order (the user can move
 * it later).
 */
import type { ChatBatch } from '@/src/chat/types';
import type { ChatAck } from '@/src/messaging/schemas';
import type { SenderInfo } from '@/src/messaging/handle';
import { evidenceTime } from '@/src/shared/time';
import { caseOfChat, saveChatMessages } from '@/src/store/chat-repo';
import { getDb } from '@/src/store/db';
import { isActiveCase, liveCaseId, shopCaseForEvidence } from '@/src/store/workspace-repo';
import { getTabCases } from '@/src/background/tab-cases';

/** The shop a chat belongs to: the origin of the tab's top page (widgets live in third-party frames). */
function shopOriginOf(sender: SenderInfo & { tab?: { id?: number; url?: string } }, frameUrl: string): string {
  const top = sender.tab?.url ?? frameUrl;
  try {
    return new URL(top).origin;
  } catch {
    return new URL(frameUrl).origin;
  }
}

async function chooseCase(batch: ChatBatch, shopOrigin: string, tabId: number | undefined, tabUrl: string | undefined): Promise<string> {
  const db = getDb();
  const known = await caseOfChat(db, batch.chatKey);
  // A chat keeps its case; if the user merged that case, it follows to the surviving one (deleted: chosen anew).
  const live = known === null ? null : await liveCaseId(db, known);
  if (live !== null) {
    return live;
  }
  const shopCases = (await db.cases.where('shopOrigin').equals(shopOrigin).toArray()).filter(isActiveCase);
  const mentioned = shopCases.find((c) => c.orderNo !== '' && batch.messages.some((m) => m.text.includes(c.orderNo)));
  if (mentioned !== undefined) {
    return mentioned.id;
  }
  if (tabId !== undefined && tabUrl !== undefined) {
    const onTab = await getTabCases(tabId, tabUrl);
    if (onTab[0] !== undefined) {
      return onTab[0];
    }
  }
  // One open order with this shop: the chat is about it (the user can still move it).
  const orderCases = shopCases.filter((c) => c.orderNo !== '');
  if (orderCases.length === 1 && orderCases[0] !== undefined) {
    return orderCases[0].id;
  }
  return shopCaseForEvidence(db, shopOrigin, evidenceTime());
}

/** Saves a batch and answers once it is in IndexedDB. */
export async function saveChatBatch(batch: ChatBatch, sender: SenderInfo & { tab?: { id?: number; url?: string } }): Promise<ChatAck> {
  const shopOrigin = shopOriginOf(sender, batch.frameUrl);
  const caseId = await chooseCase(batch, shopOrigin, sender.tab?.id, sender.tab?.url);
  const stored = await saveChatMessages(
    getDb(),
    caseId,
    { chatKey: batch.chatKey, widget: batch.widget, frameUrl: batch.frameUrl, pageUrl: sender.tab?.url ?? batch.frameUrl },
    batch.messages,
    evidenceTime(),
  );
  return { stored, caseId };
}
