/**
 * @module Which pages the browser lets an extension capture. Pure: the answer depends only on the URL,
 * so the popup can say plainly why a page cannot be captured before the user clicks.
 */

/** Reasons, as UI dictionary keys. */
export type UncapturableReason =
  | 'reasonBrowserPage'
  | 'reasonExtensionPage'
  | 'reasonWebStore'
  | 'reasonPdfViewer'
  | 'reasonFileUrl'
  | 'reasonNoUrl';

/** Hosts of extension stores, where browsers forbid extensions to run or capture. */
const STORE_HOSTS: readonly [host: string, pathPrefix: string][] = [
  ['chromewebstore.google.com', '/'],
  ['chrome.google.com', '/webstore'],
  ['microsoftedge.microsoft.com', '/addons'],
  ['addons.mozilla.org', '/'],
];

/** `null` when the page can be captured, else why not. */
export function uncapturableReason(rawUrl: string | undefined): UncapturableReason | null {
  if (rawUrl === undefined) {
    // Without the `tabs` permission the browser hides the URL of exactly the pages outside our host
    // access (<all_urls> covers every http/https/file page): those are browser pages.
    return 'reasonBrowserPage';
  }
  if (rawUrl === '') {
    return 'reasonNoUrl';
  }
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    return 'reasonNoUrl';
  }
  if (url.protocol === 'chrome-extension:' || url.protocol === 'moz-extension:' || url.protocol === 'extension:') {
    // Chrome's built-in PDF viewer is an extension page.
    return url.host === 'mhjfbmdgcfjbbpaeojofohoefgiehjai' ? 'reasonPdfViewer' : 'reasonExtensionPage';
  }
  if (url.protocol === 'file:') {
    return 'reasonFileUrl';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return 'reasonBrowserPage';
  }
  if (STORE_HOSTS.some(([host, prefix]) => url.hostname === host && url.pathname.startsWith(prefix))) {
    return 'reasonWebStore';
  }
  if (/\.pdf$/i.test(url.pathname)) {
    return 'reasonPdfViewer';
  }
  return null;
}
