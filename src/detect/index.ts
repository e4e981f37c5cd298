/**
 * @module Order-page detector: pure (url, document) → the orders a card-shop page shows, or null.
 * Specific adapters (one per shop system, src/detect/sites) are tried first; the generic
 * label-based detector covers every other system. See README.md for the contract.
 */
import type { OrderFacts, ShopExtras } from '@/src/cases/order';
import { detectGenericOrderPage } from '@/src/detect/generic';
import { hasOrderRouteHint } from '@/src/detect/routes';
import { acgFakaAdapter } from '@/src/detect/sites/acg-faka';
import { cardSystemAdapter } from '@/src/detect/sites/card-system';
import { dujiaoNextAdapter } from '@/src/detect/sites/dujiao-next';
import { dujiaokaAdapter } from '@/src/detect/sites/dujiaoka';
import { hmykAdapter } from '@/src/detect/sites/hmyk';
import { kamifakaAdapter } from '@/src/detect/sites/kamifaka';
import { mcyShopAdapter } from '@/src/detect/sites/mcy-shop';
import { shopxoAdapter } from '@/src/detect/sites/shopxo';
import { zfakaAdapter } from '@/src/detect/sites/zfaka';
import type { SiteAdapter } from '@/src/detect/types';

/** What the detector reports for an order page. */
export interface OrderPageMatch {
  /** Adapter id, e.g. 'dujiaoka', 'acg-faka', 'generic'. */
  system: string;
  /** One per order shown (several on query results / histories); never empty. */
  orders: OrderFacts[];
  /** Licence block, credit code, ICP, refund-policy / 7天无理由 / 包退 promise text, delivered card keys. */
  extras: ShopExtras;
}

/** Every specific adapter, tried in this order before the generic detector. */
export const SITE_ADAPTERS: readonly SiteAdapter[] = [
  dujiaokaAdapter,
  dujiaoNextAdapter,
  acgFakaAdapter,
  mcyShopAdapter,
  zfakaAdapter,
  kamifakaAdapter,
  cardSystemAdapter,
  hmykAdapter,
  shopxoAdapter,
];

/** Words that every order page shows somewhere (labels, headings, sentences), in zh-CN, zh-TW and English. */
const ORDER_WORDS = /订单|訂單|单号|單號|交易号|交易號|卡密|order\s*(?:no|number|id|#|status|date|detail)|\border\b/i;
/** Text budget of the pre-filter: enough for headers, navigation and the first content block. */
const SAMPLE_CHARS = 30000;
/** Pages with more elements than this are not read whole on every check (a 100,000-element page: ~5 ms a read). */
const SAMPLE_ELEMENTS = 8000;
/** On such pages, the text of at most this many text nodes is read (a bounded walk). */
const SAMPLE_NODES = 1500;
/** NodeFilter.SHOW_TEXT (literal: NodeFilter is not a global in every test environment). */
const SHOW_TEXT = 4;

/** The body's text the pre-filter reads. */
interface SampledText {
  text: string;
  /** True when `text` is the body's whole `textContent` (then the word scan can reuse it). */
  whole: boolean;
}

/**
 * One native read of the body's text instead of a walk over its text nodes: a walk makes a script object for
 * every node it visits, which was most of a page's first (cold) check (~6 ms → ~2 ms on a 5,000-node page) and of
 * the collector's work on re-checks. Pages over SAMPLE_ELEMENTS elements get a walk bounded to SAMPLE_NODES text
 * nodes instead (~0.3 ms on 100,000 elements; a range up to an element would be cheaper still in Chromium, but
 * `Range.toString()` is empty in happy-dom, where the detector must answer the same).
 */
function sampleBodyText(doc: Document): SampledText {
  const body = doc.body;
  if (body === null) {
    return { text: '', whole: true };
  }
  if (body.getElementsByTagName('*').item(SAMPLE_ELEMENTS) === null) {
    return { text: body.textContent, whole: true };
  }
  const parts: string[] = [];
  const walker = doc.createTreeWalker(body, SHOW_TEXT);
  let chars = 0;
  for (let n = walker.nextNode(), i = 0; n !== null && i < SAMPLE_NODES && chars < SAMPLE_CHARS; n = walker.nextNode(), i++) {
    const text = n.nodeValue ?? '';
    parts.push(text);
    chars += text.length;
  }
  return { text: parts.join(''), whole: false };
}

/** Pure and very cheap: false means "surely not an order page, stop now" (used on every page of the web). */
export function mightBeOrderPage(url: URL, doc: Document): boolean {
  return preFilter(url, doc, () => sampleBodyText(doc).text);
}

/** The pre-filter, reading the body's text through `bodyText` (called at most once). */
function preFilter(url: URL, doc: Document, bodyText: () => string): boolean {
  if (url.protocol !== 'http:' && url.protocol !== 'https:' && url.protocol !== 'file:') {
    return false;
  }
  const body = doc.body;
  if (body === null || body.firstChild === null) {
    return false;
  }
  if (hasOrderRouteHint(url) || ORDER_WORDS.test(doc.title)) {
    return true;
  }
  // Words split over two nodes may match now that the text is read whole: the pre-filter may say yes too
  // often, never no wrongly; hidden and script text count, as they did when text nodes were walked.
  const text = bodyText();
  return ORDER_WORDS.test(text.length > SAMPLE_CHARS ? text.slice(0, SAMPLE_CHARS) : text);
}

/** Pure: (url, document) → order page match, or null for every other page. */
export function detectOrderPage(url: URL, doc: Document): OrderPageMatch | null {
  // The body's text is read once per call: the pre-filter's sample is the word scan's text when it is whole.
  const read: { sample?: SampledText } = {};
  if (!preFilter(url, doc, () => (read.sample ??= sampleBodyText(doc)).text)) {
    return null;
  }
  for (const adapter of SITE_ADAPTERS) {
    if (adapter.matches(url, doc)) {
      const match = adapter.extract(url, doc);
      if (match !== null) {
        return match;
      }
    }
  }
  return detectGenericOrderPage(url, doc, read.sample?.whole === true ? read.sample.text : undefined);
}
