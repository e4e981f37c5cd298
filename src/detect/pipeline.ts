/**
 * @module Shared extraction steps for adapters and the generic detector: labelled orders inside a
 * root, page-wide completion (shop name, default currency, card keys), and the final match.
 */
import type { OrderFacts, OrderStatus } from '@/src/cases/order';
import { extractExtras } from '@/src/detect/extras';
import { collectPairs } from '@/src/detect/pairs';
import { dedupeOrders, factsFromPairs, groupPairs, type OrderGroup } from '@/src/detect/records';
import { findShopName } from '@/src/detect/shop-name';
import type { OrderPageMatch } from '@/src/detect/types';

/** An order found from labels, with the elements that hold it (for adapter refinements). */
export interface LabelledOrder {
  facts: OrderFacts;
  group: OrderGroup;
}

/** Orders shown as label–value pairs under `root` (any layout), one per order number. */
export function findLabelledOrders(root: Element): LabelledOrder[] {
  return groupPairs(collectPairs(root), root).map((group) => ({ group, facts: factsFromPairs(group.orderNo, group.pairs) }));
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
