/**
 * @module The content script's wiring, in every http(s) frame: order-page detection (top frame) and the
 * support-chat saver (every frame). Cheap by default: each part bails out early on ordinary pages.
 */
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { startChatSaving } from '@/src/content/chat-saver';
import { startOrderDetection } from '@/src/content/order-detector';

/** Starts the content-side features for this frame. */
export function startContentScript(ctx: ContentScriptContext): void {
  if (window === window.top) {
    startOrderDetection(ctx);
  }
  void startChatSaving(document, ctx.signal);
}
