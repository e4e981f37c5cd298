/**
 * @module Grouping label–value pairs into orders and turning each group into OrderFacts.
 * A page may show several orders (query results, histories) and the same order twice
 * (desktop table + mobile card): orders are keyed by order number and merged.
 */
import type { OrderFacts, OrderStatus } from '@/src/cases/order';
import { cleanLabelledOrderNo } from '@/src/detect/order-no';
import type { Pair } from '@/src/detect/pairs';
import { parseMoney } from '@/src/detect/parse-money';
import { laterStatus, normalizeStatus } from '@/src/detect/parse-status';
import { parseDateTime } from '@/src/detect/parse-time';

/** Pairs gathered for one order number, with the elements that show that number. */
export interface OrderGroup {
  orderNo: string;
  anchors: Element[];
  /** Largest ancestors of the anchors that show no other order number (the order's card or row). */
  containers: Element[];
  pairs: Pair[];
}

/** 4 = Node.DOCUMENT_POSITION_FOLLOWING. */
const FOLLOWING = 4;

/**
 * Group pairs by order number. Each number owns the largest ancestor of its elements that shows no
 * other number; pairs outside every such container (dujiaoka hyper prints the number above its card)
 * go to the nearest number before them in document order.
 */
export function groupPairs(pairs: readonly Pair[], root: Element): OrderGroup[] {
  const groups = new Map<string, OrderGroup>();
  for (const p of pairs) {
    if (p.field !== 'orderNo') {
      continue;
    }
    const no = cleanLabelledOrderNo(p.value);
    if (no === null) {
      continue;
    }
    const g = groups.get(no) ?? { orderNo: no, anchors: [], containers: [], pairs: [] };
    g.anchors.push(p.el);
    groups.set(no, g);
  }
  const list = [...groups.values()].slice(0, 100);
  if (list.length === 0) {
    return [];
  }
  for (const g of list) {
    const others = list.filter((o) => o !== g).flatMap((o) => o.anchors);
    g.containers = g.anchors.map((a) => {
      let c = a;
      while (c !== root && c.parentElement !== null && !others.some((o) => c.parentElement?.contains(o))) {
        c = c.parentElement;
      }
      return c;
    });
  }
  for (const p of pairs) {
    if (p.field === 'orderNo') {
      continue;
    }
    const owner =
      list.find((g) => g.containers.some((c) => c.contains(p.el))) ??
      [...list].reverse().find((g) => g.anchors.some((a) => a.compareDocumentPosition(p.el) & FOLLOWING)) ??
      list[0];
    owner?.pairs.push(p);
  }
  return list;
}

/** Order fields from one group's pairs; shop-wide fields (shop name, currency default) are filled later. */
export function factsFromPairs(orderNo: string, pairs: readonly Pair[]): OrderFacts {
  let amount: number | null = null;
  let currency: string | null = null;
  let amountPriority = -1;
  let item: string | null = null;
  let quantity: number | null = null;
  let orderTime: string | null = null;
  let status: OrderStatus | null = null;
  let statusText: string | null = null;
  let deliveryText: string | null = null;
  let paymentMethod: string | null = null;
  let contact: string | null = null;
  for (const p of pairs) {
    const v = p.value.trim();
    switch (p.field) {
      case 'amount': {
        const money = parseMoney(v);
        if (money !== null && money.amount >= 0 && p.priority > amountPriority) {
          amount = money.amount;
          currency = money.currency;
          amountPriority = p.priority;
        }
        break;
      }
      case 'item':
        item ??= v.slice(0, 300);
        break;
      case 'quantity': {
        const m = /^(?:[x×*]\s*)?(\d{1,6})(?!\d|\.\d)/i.exec(v);
        if (quantity === null && m !== null) {
          quantity = Number(m[1]);
        }
        break;
      }
      case 'orderTime':
        orderTime ??= parseDateTime(v);
        break;
      case 'status':
      case 'deliveryStatus': {
        const s = normalizeStatus(v);
        const text = v.slice(0, 60);
        status = laterStatus(status, s);
        if (p.field === 'status' && (statusText === null || (s !== null && normalizeStatus(statusText) === null))) {
          statusText = text;
        }
        if (p.field === 'deliveryStatus') {
          deliveryText ??= text;
        }
        break;
      }
      case 'paymentMethod':
        // A bare 支付 label may head the sum paid rather than the way it was paid.
        if (parseMoney(v) === null) {
          paymentMethod ??= v.slice(0, 60);
        }
        break;
      case 'contact':
        contact ??= v.slice(0, 200);
        break;
      default:
        break;
    }
  }
  return {
    orderNo,
    amount,
    currency,
    item,
    quantity,
    orderTime,
    status,
    statusText: statusText ?? deliveryText,
    shopName: null,
    paymentMethod,
    contact,
  };
}

/** Merge two views of the same order: known values win over null, the first view wins ties. */
export function mergeFacts(a: OrderFacts, b: OrderFacts): OrderFacts {
  return {
    orderNo: a.orderNo,
    amount: a.amount ?? b.amount,
    currency: a.currency ?? b.currency,
    item: a.item ?? b.item,
    quantity: a.quantity ?? b.quantity,
    orderTime: a.orderTime ?? b.orderTime,
    status: laterStatus(a.status, b.status),
    statusText: a.statusText ?? b.statusText,
    shopName: a.shopName ?? b.shopName,
    paymentMethod: a.paymentMethod ?? b.paymentMethod,
    contact: a.contact ?? b.contact,
  };
}

/** Deduplicate by order number, merging fields, keeping first-seen order. */
export function dedupeOrders(orders: readonly OrderFacts[]): OrderFacts[] {
  const byNo = new Map<string, OrderFacts>();
  for (const o of orders) {
    const prev = byNo.get(o.orderNo);
    byNo.set(o.orderNo, prev === undefined ? o : mergeFacts(prev, o));
  }
  return [...byNo.values()];
}

/** Count of order fields beyond the number that a page shows (how much it looks like an order record). */
export function evidenceCount(o: OrderFacts): number {
  return [o.amount, o.item, o.orderTime, o.status].filter((v) => v !== null).length;
}
