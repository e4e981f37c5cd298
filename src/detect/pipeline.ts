/**
 * @module Shared extraction steps for adapters and the generic detector: labelled orders inside a
 * root, page-wide completion (shop name, default currency, card keys), and the final match.
 */
import type { OrderFacts, OrderStatus } from '@/src/cases/order';
import { extractExtras } from '@/src/detect/extras';
import { collectPairs, mayHoldLabelledOrder } from '@/src/detect/pairs';
import type { OrderWordNode } from '@/src/detect/scan';
import { dedupeOrders, factsFromPairs, groupPairs, type OrderGroup } from '@/src/detect/records';
import { findShopName } from '@/src/detect/shop-name';
import { parseMoney } from '@/src/detect/parse-money';
import { normalizeStatus } from '@/src/detect/parse-status';
import { parseDateTime } from '@/src/detect/parse-time';
import { isSkipped, rawText } from '@/src/detect/text';
import type { OrderPageMatch } from '@/src/detect/types';

/** An order found from labels, with the elements that hold it (for adapter refinements). */
export interface LabelledOrder {
  facts: OrderFacts;
  group: OrderGroup;
}

/**
 * Orders shown as label–value pairs under `root` (any layout), one per order number. The full pair scan
 * runs only when the cheap gate finds a labelled order number (pages that merely mention 订单 stop there);
 * `scanned` is `scanOrderWords` (scan.ts) of this same root when the caller already has it; `skip` drops
 * pairs whose element must not count as order evidence (the generic detector's conversation text).
 */
export function findLabelledOrders(root: Element, scanned?: readonly OrderWordNode[], skip?: (el: Element) => boolean): LabelledOrder[] {
  if (!mayHoldLabelledOrder(root, scanned)) {
    return [];
  }
  const pairs = collectPairs(root);
  return groupPairs(skip === undefined ? pairs : pairs.filter((p) => !skip(p.el)), root).map((group) => ({ group, facts: factsFromPairs(group.orderNo, group.pairs) }));
}

/** An order with only its number known. */
export function emptyOrder(orderNo: string): OrderFacts {
  return {
    orderNo,
    amount: null,
    currency: null,
    item: null,
    quantity: null,
    orderTime: null,
    status: null,
    statusText: null,
    shopName: null,
    paymentMethod: null,
    contact: null,
  };
}

/** Options for {@link finishMatch}. */
export interface FinishOptions {
  /** Status implied by the page kind (a pay page is unpaid) when no status word is shown. */
  impliedStatus?: OrderStatus;
}

/**
 * Complete and wrap orders: deduplicate by number, fill the shop name and the currency (card shops
 * price in yuan unless they print another currency), mark a lone paid order whose card keys are shown
 * as delivered, and attach the page extras. Null when no order is left.
 */
export function finishMatch(system: string, doc: Document, orders: readonly OrderFacts[], options: FinishOptions = {}): OrderPageMatch | null {
  const list = dedupeOrders(orders);
  if (list.length === 0) {
    return null;
  }
  const extras = extractExtras(doc);
  const shopName = findShopName(doc);
  const single = list.length === 1;
  return {
    system,
    extras,
    orders: list.map((o) => {
      let status = o.status ?? options.impliedStatus ?? null;
      // shop-systems.md: card keys shown without a completion word count as delivered.
      if (single && extras.cardKeys.length > 0 && (status === 'paid' || status === null)) {
        status = 'delivered';
      }
      return { ...o, status, shopName: o.shopName ?? shopName, currency: o.currency ?? 'CNY' };
    }),
  };
}

/** A leaf that is only a price with its currency ("29.90 CNY", "￥ 12.00", "12.50元"). */
const LEAF_MONEY = /^-?[\d,]+(?:\.\d+)?\s*(?:[A-Z]{3,4}|元)$|^(?:[￥¥$]|HK\$|US\$)\s*[\d,]+(?:\.\d+)?$/;
/** Pay-now buttons: the order exists and waits for payment. */
const PAY_BUTTON = /^(?:立即支付|去支付|确认支付|確認支付|立即付款|去付款|继续支付|繼續支付|pay now|pay)$/i;
const LEAF_LIMIT = 300;

/**
 * Fill what order cards print without labels: a status badge, a price with its currency, a date-time,
 * and "unpaid" when a pay-now button sits in the card. Looks only inside the order's own card (or, for a
 * page with one order, two levels around its number) so adverts and footers stay out; `skip` drops leaves
 * that must not count (the generic detector's conversation text).
 */
export function fillFromLeaves(facts: OrderFacts, group: OrderGroup, root: Element, skip?: (el: Element) => boolean): OrderFacts {
  const scopes = group.containers.map((c, i) => {
    if (c !== root) {
      return c;
    }
    const anchor = group.anchors[i];
    return anchor?.parentElement?.parentElement ?? anchor ?? c;
  });
  let { amount, currency, orderTime, status, statusText } = facts;
  for (const scope of scopes) {
    const leaves = [...scope.querySelectorAll('*')]
      .filter((el) => el.childElementCount === 0 && !isSkipped(el))
      .slice(0, LEAF_LIMIT)
      .filter((el) => skip === undefined || !skip(el));
    for (const leaf of leaves) {
      const text = rawText(leaf);
      if (text === '' || text.length > 40) {
        continue;
      }
      if (status === null && text.length <= 20) {
        const s = normalizeStatus(text);
        if (s !== null) {
          status = s;
          statusText = text;
          continue;
        }
      }
      if (amount === null && LEAF_MONEY.test(text)) {
        const money = parseMoney(text);
        amount = money?.amount ?? null;
        currency = money?.currency ?? currency;
      } else if (orderTime === null && /^[\d/:\-\s,年月日APMapm.]+$/.test(text) && /\d[:：]\d/.test(text)) {
        orderTime = parseDateTime(text);
      }
    }
    if (status === null && leaves.some((l) => (l.tagName === 'BUTTON' || l.tagName === 'A') && PAY_BUTTON.test(rawText(l)))) {
      status = 'unpaid';
    }
  }
  return { ...facts, amount, currency, orderTime, status, statusText };
}
