/**
 * @module Content side of leaving a shop (top frame only): answers the background's "is this the order history,
 * where is the next page" (src/membership/history.ts), and reads account / membership pages for auto-renew
 * wording, balance and member state — again when the page changes (a switch turned off by script), for a
 * bounded time. Ordinary pages pay one URL + title test.
 */
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { handleMessage } from '@/src/messaging/handle';
import { messenger } from '@/src/messaging/protocol';
import { wellFormed } from '@/src/shared/well-formed';
import { DescribeHistoryPageSchema } from '@/src/messaging/schemas';
import { describeHistoryPage } from '@/src/membership/history';
import { isMembershipReadingUseful, mightBeMembershipPage, readMembershipText } from '@/src/membership/page-reading';

/** Keep re-reading a membership page on changes for this long (the user switching auto-renew off). */
const WATCH_MS = 10 * 60_000;
/** Re-reads after DOM changes are throttled to this interval. */
const THROTTLE_MS = 700;
/** Text read from a page at most (membership pages are short; a huge page is cut, not walked whole). */
const MAX_TEXT = 200_000;

/** Starts the membership features for this page, until `signal` aborts (the user paused the site). */
export function startMembership(ctx: ContentScriptContext, doc: Document = document, signal?: AbortSignal): void {
  const stopDescribe = handleMessage('describeHistoryPage', DescribeHistoryPageSchema, ['background'], () => describeHistoryPage(new URL(location.href), doc));
  ctx.onInvalidated(stopDescribe);
  signal?.addEventListener('abort', stopDescribe);

  let lastReported = '';
  let timer: number | null = null;
  const read = (): void => {
    if (signal?.aborted === true) {
      return;
    }
    const url = new URL(location.href);
    if (!mightBeMembershipPage(url, doc.title) || doc.body === null) {
      return;
    }
    // innerText, not textContent: what the user sees (no script bodies, no hidden templates saying 已关闭).
    const reading = readMembershipText(doc.body.innerText.slice(0, MAX_TEXT), new Date());
    const signature = JSON.stringify([url.href, reading]);
    if (!isMembershipReadingUseful(reading) || signature === lastReported) {
      return;
    }
    lastReported = signature;
    // Lone surrogates in page text would make Chromium drop the message (src/shared/well-formed.ts).
    messenger.sendMessage('reportMembershipPage', wellFormed({ url: url.href, reading })).catch(() => {
      lastReported = ''; // the background was restarting: report again on the next change
    });
  };
  if (!mightBeMembershipPage(new URL(location.href), doc.title)) {
    // Not an account page now; an SPA may still navigate to one.
    ctx.addEventListener(window, 'wxt:locationchange', read);
    return;
  }
  const watchUntil = Date.now() + WATCH_MS;
  const observer = new MutationObserver(() => {
    if (Date.now() > watchUntil) {
      observer.disconnect();
      return;
    }
    timer ??= ctx.setTimeout(() => {
      timer = null;
      read();
    }, THROTTLE_MS);
  });
  observer.observe(doc.documentElement, { childList: true, subtree: true, characterData: true });
  ctx.onInvalidated(() => observer.disconnect());
  signal?.addEventListener('abort', () => observer.disconnect());
  ctx.addEventListener(window, 'wxt:locationchange', read);
  read();
}
