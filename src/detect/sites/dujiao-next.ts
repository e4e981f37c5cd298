/**
 * @module Dujiao-Next (Go API + Vue 3/Tailwind SPA): guest order list and detail, logged-in order
 * list and detail. Lists print amount, date and status without labels; detail pages label everything.
 */
import type { OrderFacts } from '@/src/cases/order';
import { parseMoney } from '@/src/detect/parse-money';
import { laterStatus, normalizeStatus } from '@/src/detect/parse-status';
import { parseDateTime } from '@/src/detect/parse-time';
import { finishMatch, findLabelledOrders } from '@/src/detect/pipeline';
import { rawText } from '@/src/detect/text';
import type { SiteAdapter } from '@/src/detect/types';

/** Buyer routes (src/router/index.ts of dujiao-next/user). */
const ORDER_ROUTE = /^\/(?:guest\/orders|orders\/|me\/orders|pay\/?$)/i;
/** Semantic theme hooks every Dujiao-Next view uses (Tailwind otherwise). */
const THEME_MARKER = '.theme-panel, .theme-badge';
/** Status badge of an order card or detail header. */
const STATUS_BADGE = '.theme-badge';
/** An unlabelled list amount: "29.90 CNY". */
const LIST_AMOUNT = /^-?[\d,]+(?:\.\d+)?\s*[A-Z]{3,4}$|^[￥¥$]\s*[\d,]+(?:\.\d+)?$/;

function refine(facts: OrderFacts, containers: readonly Element[]): OrderFacts {
  let { amount, currency, orderTime, status, statusText } = facts;
  for (const c of containers) {
    const badge = c.querySelector(STATUS_BADGE);
    if (badge !== null) {
      const text = rawText(badge);
      const s = normalizeStatus(text);
      if (s !== null) {
        status = laterStatus(s, status);
        statusText = text;
      }
    }
    if (amount === null || orderTime === null) {
      // List cards print amount and date as bare leaf spans.
      const leaves = [...c.querySelectorAll('span, div, p, time')].filter((el) => el.childElementCount === 0).slice(0, 200);
      for (const line of leaves.map((el) => rawText(el))) {
        if (amount === null && LIST_AMOUNT.test(line)) {
          const money = parseMoney(line);
          amount = money?.amount ?? null;
          currency = money?.currency ?? currency;
        } else if (orderTime === null && /^[\d/:\-\s,APM.]+$/i.test(line)) {
          orderTime = parseDateTime(line);
        }
      }
    }
  }
  return { ...facts, amount, currency, orderTime, status, statusText };
}

/** Dujiao-Next adapter. */
export const dujiaoNextAdapter: SiteAdapter = {
  id: 'dujiao-next',
  orderHistory: {
    // Logged-in order list /me/orders (Vue SPA, paged by script); guests use /guest/orders.
    isHistoryPage: (url) => /^\/(?:me|guest)\/orders\/?$/i.test(url.pathname),
    entryPaths: ['/me/orders', '/guest/orders'],
    nextPageSelector: null,
    guidance: '登录后打开「我的订单」（游客：订单查询），每翻一页按一次「取证」。',
  },
  matches(url, doc) {
    return ORDER_ROUTE.test(url.pathname) && (doc.querySelector(THEME_MARKER) !== null || /order_no=/.test(url.search));
  },
  extract(_url, doc) {
    const body = doc.body;
    if (body === null) {
      return null;
    }
    const orders = findLabelledOrders(body).map(({ facts, group }) => refine(facts, group.containers));
    return finishMatch('dujiao-next', doc, orders);
  },
};
