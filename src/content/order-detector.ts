/**
 * @module Content side of order detection (top frame only). Checks once when the page is idle, again
 * after SPA navigation, and while the page is still rendering late content — for a bounded time, never
 * polling forever. Ordinary pages cost one cheap pre-filter per check.
 */
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { detectOrderPage } from '@/src/detect/index';
import { messenger } from '@/src/messaging/protocol';
import { wellFormed } from '@/src/shared/well-formed';

/** After load or a navigation, keep re-checking on DOM changes for this long (late-rendered SPA content). */
const WATCH_MS = 15_000;
/** Re-checks after DOM changes are throttled to this interval. */
const THROTTLE_MS = 700;

/**
 * Starts order detection for this page, until `signal` aborts (the user paused the site). `isChatTraffic` says
 * whether a changed node belongs to the support chat being saved: messages arriving there are not the page
 * rendering order content, and on a busy chat re-checking the whole page for each burst was most of the
 * detector's cost (~5 ms a check on a 5,000-message page).
 */
export function startOrderDetection(ctx: ContentScriptContext, doc: Document = document, signal?: AbortSignal, isChatTraffic?: (node: Node) => boolean): void {
  let lastReported = '';
  let watchUntil = Date.now() + WATCH_MS;
  let timer: number | null = null;

  const check = (): void => {
    if (signal?.aborted === true) {
      return;
    }
    const url = new URL(location.href);
    // Starts with the cheap pre-filter (mightBeOrderPage): an ordinary page costs one read of its text.
    const match = detectOrderPage(url, doc);
    if (match === null) {
      return;
    }
    const signature = JSON.stringify([url.href, match.orders, match.extras]);
    if (signature === lastReported) {
      return;
    }
    lastReported = signature;
    // Page text may hold lone surrogates, which the message channel cannot carry (src/shared/well-formed.ts).
    messenger.sendMessage('reportOrderPage', wellFormed({ url: url.href, system: match.system, orders: match.orders, extras: match.extras })).catch(() => {
      lastReported = ''; // the background was restarting: report again on the next check
    });
  };

  const observer = new MutationObserver((records) => {
    if (Date.now() > watchUntil) {
      observer.disconnect();
      return;
    }
    if (isChatTraffic !== undefined && records.every((record) => isChatTraffic(record.target))) {
      return;
    }
    if (timer === null) {
      timer = ctx.setTimeout(() => {
        timer = null;
        check();
      }, THROTTLE_MS);
    }
  });
  const watch = (): void => {
    watchUntil = Date.now() + WATCH_MS;
    observer.observe(doc.documentElement, { childList: true, subtree: true, characterData: true });
  };
  ctx.onInvalidated(() => observer.disconnect());
  signal?.addEventListener('abort', () => observer.disconnect());
  ctx.addEventListener(window, 'wxt:locationchange', () => {
    if (signal?.aborted === true) {
      return;
    }
    lastReported = '';
    check();
    watch();
  });
  check();
  watch();
}
