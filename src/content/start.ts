/**
 * @module The content script's wiring, in every http(s) frame: order-page detection (top frame) and the
 * support-chat saver (every frame). Cheap by default: each part bails out early on ordinary pages.
 * Both honour the user's settings: a paused site runs neither, and chat saving can be off everywhere.
 * Decided in the frame from storage.local where it can be (no background wake-up on ordinary pages); the
 * background refuses to store anything from a paused site anyway.
 */
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { startChatSaving } from '@/src/content/chat-saver';
import { startMembership } from '@/src/content/membership';
import { startOrderDetection } from '@/src/content/order-detector';
import { messenger } from '@/src/messaging/protocol';
import { SitePolicySchema, type SitePolicy } from '@/src/messaging/schemas';
import { sitePolicy } from '@/src/settings/origins';
import { readSettings, watchSettings } from '@/src/settings/store';

/** Used when the background cannot answer (restarting): work as by default; the background still filters what it stores. */
const FALLBACK_POLICY: SitePolicy = { paused: false, detectOrders: true, saveChats: true };

async function askBackground(): Promise<SitePolicy> {
  try {
    return SitePolicySchema.parse(await messenger.sendMessage('getSitePolicy', {}));
  } catch {
    return FALLBACK_POLICY;
  }
}

/**
 * This frame's policy, read from storage.local without waking the background on ordinary pages: the top frame
 * knows its own address; a frame needs its top page's origin (Chromium's ancestorOrigins), and only where
 * some site is paused and that is unavailable (Firefox frames) does it ask the background.
 */
async function framePolicy(): Promise<SitePolicy> {
  let settings;
  try {
    settings = await readSettings();
  } catch {
    return askBackground();
  }
  if (window === window.top) {
    return sitePolicy(settings, location.href);
  }
  if (settings.pausedOrigins.length === 0) {
    return sitePolicy(settings, undefined);
  }
  const ancestors: DOMStringList | undefined = location.ancestorOrigins;
  const topOrigin = ancestors === undefined || ancestors.length === 0 ? null : ancestors.item(ancestors.length - 1);
  return topOrigin === null ? askBackground() : sitePolicy(settings, topOrigin);
}

/** Starts the content-side features for this frame, and stops or restarts them when the settings change. */
export function startContentScript(ctx: ContentScriptContext): void {
  let running: AbortController | null = null;
  let applied = '';
  const apply = (policy: SitePolicy): void => {
    const key = JSON.stringify(policy);
    if (key === applied || ctx.isInvalid) {
      return;
    }
    applied = key;
    running?.abort();
    running = new AbortController();
    const { signal } = running;
    // The chat list being saved in this frame: the order detector does not re-check the page for its messages.
    let chatList: Element | null = null;
    if (window === window.top && policy.detectOrders) {
      startOrderDetection(ctx, document, signal, (node) => chatList !== null && chatList.contains(node));
      startMembership(ctx, document, signal);
    }
    if (policy.saveChats) {
      void startChatSaving(document, signal, (list) => {
        chatList = list;
      });
    }
  };
  ctx.onInvalidated(() => running?.abort());
  void framePolicy().then(apply);
  const unwatch = watchSettings(() => void framePolicy().then(apply));
  ctx.onInvalidated(unwatch);
}
