/**
 * @module "Save everything first" (先全部取证): is this page the shop's order history, where is its next page,
 * and where should the user go when the pages cannot be followed automatically. Pure: (url, document) in;
 * the knowledge per shop system lives with its adapter (`orderHistory` in src/detect/sites/*.ts).
 */
import { detectOrderPage, SITE_ADAPTERS } from '@/src/detect/index';
import type { OrderHistoryPages } from '@/src/detect/types';

/** What the content script answers about the current page. */
export interface HistoryPageDescription {
  /** The system whose history knowledge applies, 'generic' when only the page's own links tell. */
  system: string | null;
  /** This page is an order-history / order-list page. */
  isHistoryPage: boolean;
  /** Absolute URL of the next list page (same origin), or null on the last page or when paged by script. */
  nextUrl: string | null;
  /** Absolute URLs of the history pages to open when this is not one (guided). */
  entryUrls: string[];
  /** What to tell the user when pages are not followed automatically (zh-CN), or null. */
  guidance: string | null;
}

/** Generic "next page" links when no adapter knows the system: rel=next first, then the link's own words. */
const NEXT_WORDS = /^(?:下一页|下一頁|下页|下頁|后一页|後一頁|next(?:\s+page)?|›|»|>|>>)$/i;
/** At most this many links are read when looking for a worded next link (a page of links stays cheap). */
const MAX_LINKS = 2000;

/** Same-origin http(s) URL of a link, or null (javascript: links and other origins are never followed). */
function linkTarget(anchor: Element | null, base: URL): string | null {
  const href = anchor?.getAttribute('href');
  if (href === undefined || href === null || href.trim() === '' || href.startsWith('#')) {
    return null;
  }
  let target: URL;
  try {
    target = new URL(href, base);
  } catch {
    return null;
  }
  if (target.origin !== base.origin || (target.protocol !== 'http:' && target.protocol !== 'https:')) {
    return null;
  }
  target.hash = '';
  const current = new URL(base.href);
  current.hash = '';
  return target.href === current.href ? null : target.href;
}

/** The next list page: the adapter's selector, else `<a rel="next">` / `<link rel="next">`, else a link worded 下一页 / Next / ». */
export function findNextPageUrl(url: URL, doc: Document, knowledge: OrderHistoryPages | null): string | null {
  if (knowledge?.nextPageSelector != null) {
    return linkTarget(doc.querySelector(knowledge.nextPageSelector), url);
  }
  // rel=next: the standard way a paginated list names its next page (HTML link types).
  const rel = linkTarget(doc.querySelector('a[rel~="next"], link[rel~="next"]'), url);
  if (rel !== null) {
    return rel;
  }
  // Any link whose whole text is a next-page word (Chinese list themes rarely set rel).
  const links = doc.getElementsByTagName('a');
  for (let i = 0; i < links.length && i < MAX_LINKS; i++) {
    const link = links[i];
    if (link !== undefined && NEXT_WORDS.test((link.textContent ?? '').trim()) && !/disabled/i.test(link.parentElement?.className ?? '')) {
      const target = linkTarget(link, url);
      if (target !== null) {
        return target;
      }
    }
  }
  return null;
}

/** The adapter whose history knowledge applies to this URL: the one whose history route matches, else the page's detected system. */
function knowledgeFor(url: URL, doc: Document): { system: string; history: OrderHistoryPages } | null {
  for (const adapter of SITE_ADAPTERS) {
    if (adapter.orderHistory?.isHistoryPage(url) === true) {
      return { system: adapter.id, history: adapter.orderHistory };
    }
  }
  for (const adapter of SITE_ADAPTERS) {
    if (adapter.orderHistory !== undefined && adapter.matches(url, doc)) {
      return { system: adapter.id, history: adapter.orderHistory };
    }
  }
  return null;
}

/** Describes the current page for "save everything first". */
export function describeHistoryPage(url: URL, doc: Document): HistoryPageDescription {
  const known = knowledgeFor(url, doc);
  if (known !== null && known.history.isHistoryPage(url)) {
    const nextUrl = findNextPageUrl(url, doc, known.history);
    const followed = known.history.nextPageSelector !== null;
    return { system: known.system, isHistoryPage: true, nextUrl, entryUrls: [], guidance: followed ? null : known.history.guidance };
  }
  if (known !== null) {
    return { system: known.system, isHistoryPage: false, nextUrl: null, entryUrls: known.history.entryPaths.map((p) => new URL(p, url.origin).href), guidance: known.history.guidance };
  }
  // Unknown system: a page listing several orders with a next link is treated as a history page.
  const match = detectOrderPage(url, doc);
  const nextUrl = match !== null && match.orders.length > 1 ? findNextPageUrl(url, doc, null) : null;
  if (match !== null && match.orders.length > 1) {
    return { system: 'generic', isHistoryPage: true, nextUrl, entryUrls: [], guidance: nextUrl === null ? GENERIC_GUIDANCE : null };
  }
  return { system: null, isHistoryPage: false, nextUrl: null, entryUrls: [], guidance: GENERIC_GUIDANCE };
}

/** Said when 留证 does not know where the shop keeps its order list. */
export const GENERIC_GUIDANCE = '打开店铺的「我的订单 / 订单列表 / 购买记录」（常在「个人中心」或「用户中心」），在每一页按一次「取证」，直到最后一页。';

/** The most pages one "save everything first" follows (a loop or a runaway list stops here). */
export const MAX_HISTORY_PAGES = 50;
