/**
 * @module 异次元发卡 acg-faka (lizhipay; Cartoon theme): order query ≤ 3.1.2 (div.hr-top blocks with
 * "label：<b>"), query ≥ 3.1.3 (.order-item cards with class-named values) and the logged-in
 * purchase record (bootstrap-table).
 */
import type { OrderFacts } from '@/src/cases/order';
import { cleanLabelledOrderNo } from '@/src/detect/order-no';
import { parseMoney } from '@/src/detect/parse-money';
import { laterStatus, normalizeStatus } from '@/src/detect/parse-status';
import { parseDateTime } from '@/src/detect/parse-time';
import { emptyOrder, finishMatch, findLabelledOrders } from '@/src/detect/pipeline';
import { controlValue, readText } from '@/src/detect/text';
import type { SiteAdapter } from '@/src/detect/types';

/** Query page (payment return lands here with ?tradeNo=), its AJAX endpoint, and the purchase record. */
const ORDER_ROUTE = /^\/user\/(?:index\/query|api\/index\/query|personal\/purchaseRecord)/i;

function text(root: Element, selector: string): string | null {
  const el = root.querySelector(selector);
  const t = el === null ? '' : readText(el, 500);
  return t === '' ? null : t;
}

/** One 3.x result card: every value has its own class (query.js template). */
function fromOrderItem(item: Element): OrderFacts | null {
  const no = cleanLabelledOrderNo(text(item, '.order-no-text') ?? ''); // span after the "#" of div.order-no
  if (no === null) {
    return null;
  }
  const statusText = text(item, '.status-badge'); // payment badge 待付款 | 已付款
  const shipment = text(item, '.shipment-badge'); // delivery badge 等待发货 | 已发货
  const money = parseMoney(text(item, '.amount-value') ?? text(item, '.amount-number') ?? ''); // "¥" + span.amount-number
  const quantity = /数量\s*[:：x×]?\s*(\d+)/.exec(readText(item, 3000))?.[1]; // badge "数量 N"
  return {
    ...emptyOrder(no),
    amount: money?.amount ?? null,
    currency: money?.currency ?? null,
    item: text(item, '.goods-name'), // h6.goods-name
    quantity: quantity === undefined ? null : Number(quantity),
    orderTime: parseDateTime(text(item, '.order-time-text') ?? ''), // 下单时间：span.order-time-text
    status: laterStatus(normalizeStatus(statusText ?? ''), normalizeStatus(shipment ?? '')),
    statusText: statusText ?? shipment,
    paymentMethod: text(item, '.payment-name'), // 支付方式：span.payment-name
  };
}

/** The buyer's search term when it is a contact (QQ, e-mail, phone) rather than an order number. */
function searchedContact(doc: Document, orderNos: ReadonlySet<string>): string | null {
  // Old theme: input.keywords; 3.x: the query panel input whose placeholder names 联系方式.
  for (const input of doc.querySelectorAll('input.keywords, input[placeholder*="联系方式"], input[placeholder*="聯繫方式"]')) {
    const value = (controlValue(input) ?? '').trim();
    if (value !== '' && !orderNos.has(value)) {
      return value.slice(0, 200);
    }
  }
  return null;
}

/** acg-faka adapter. */
export const acgFakaAdapter: SiteAdapter = {
  id: 'acg-faka',
  orderHistory: {
    // 购买记录 (logged in): /user/personal/purchaseRecord, a bootstrap-table paged by script (purchase.record.js).
    isHistoryPage: (url) => /^\/user\/personal\/purchaseRecord/i.test(url.pathname),
    entryPaths: ['/user/personal/purchaseRecord'],
    nextPageSelector: null,
    guidance: '登录后打开「购买记录」，每翻一页（表格下方的页码）按一次「取证」。',
  },
  matches(url) {
    return ORDER_ROUTE.test(url.pathname);
  },
  extract(_url, doc) {
    const body = doc.body;
    if (body === null) {
      return null;
    }
    const cards = [...doc.querySelectorAll('.order-results .order-item, .order-list .order-item')] // 3.x result cards
      .map(fromOrderItem)
      .filter((o) => o !== null);
    const orders = cards.length > 0 ? cards : findLabelledOrders(body).map(({ facts }) => facts);
    const contact = searchedContact(doc, new Set(orders.map((o) => o.orderNo)));
    return finishMatch(
      'acg-faka',
      doc,
      orders.map((o) => ({ ...o, contact: o.contact ?? contact })),
    );
  },
};

