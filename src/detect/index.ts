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
const SAMPLE_NODES = 1500;
const SAMPLE_CHARS = 30000;
/** NodeFilter.SHOW_TEXT (literal: NodeFilter is not a global in every test environment). */
const SHOW_TEXT = 4;

/** Pure and very cheap: false means "surely not an order page, stop now" (used on every page of the web). */
export function mightBeOrderPage(url: URL, doc: Document): boolean {
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
  // Native TreeWalker over text nodes only: no per-element JS work; hidden text may pass (false is what must be sure).
  const walker = doc.createTreeWalker(body, SHOW_TEXT);
  let chars = 0;
  for (let n = walker.nextNode(), i = 0; n !== null && i < SAMPLE_NODES && chars < SAMPLE_CHARS; n = walker.nextNode(), i++) {
    const text = n.nodeValue ?? '';
    if (ORDER_WORDS.test(text)) {
      return true;
    }
    chars += text.length;
  }
  return false;
}

/** Pure: (url, document) → order page match, or null for every other page. */
export function detectOrderPage(url: URL, doc: Document): OrderPageMatch | null {
  if (!mightBeOrderPage(url, doc)) {
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
  return detectGenericOrderPage(url, doc);
}
