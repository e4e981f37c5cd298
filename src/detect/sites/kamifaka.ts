/**
 * @module 佰阅发卡 kamiFaka (Flask + compiled Vue 3, Stisla look): scan-to-pay (/qrcode), pay wizard
 * (/:id/pay: invoice, then 交易时间 + card keys) and order search (/search). Numbers are
 * `Order_` + 13-digit ms timestamp + 8 base36 characters; the timestamp is not the order time.
 */
import type { OrderFacts } from '@/src/cases/order';
import { parseMoney } from '@/src/detect/parse-money';
import { emptyOrder, finishMatch, findLabelledOrders } from '@/src/detect/pipeline';
import { controlValue, forEachTextNode, normalizeSpace, rawText } from '@/src/detect/text';
import type { SiteAdapter } from '@/src/detect/types';

/** SPA routes of the buyer side (app.*.js router). */
const ORDER_ROUTE = /^\/(?:search|qrcode|[^/]+\/pay)\/?$/i;
const ORDER_NO = /Order_\d{13}[a-z0-9]{8}/i;
const PAY_APP = /请(?:打开|使用)?手机?(支付宝|微信|QQ)/;

/** Values of inputs that hold an order number (search page "订单号:" field). */
function inputOrderNo(doc: Document): string | null {
  for (const input of doc.querySelectorAll('input')) {
    const m = ORDER_NO.exec(controlValue(input) ?? '');
    if (m !== null) {
      return m[0];
    }
  }
  return null;
}

/** kamiFaka adapter. */
export const kamifakaAdapter: SiteAdapter = {
  id: 'kamifaka',
  matches(url, doc) {
    // Routes are generic words; the Order_ number shape (text or search input) pins the system.
    return ORDER_ROUTE.test(url.pathname) && (ORDER_NO.test(doc.body?.textContent ?? '') || inputOrderNo(doc) !== null);
  },
  extract(url, doc) {
    const body = doc.body;
    if (body === null) {
      return null;
    }
    const labelled = findLabelledOrders(body).map(({ facts }) => facts);
    let orderNo = inputOrderNo(doc);
    let amount: number | null = null;
    let paymentMethod: string | null = null;
    forEachTextNode(body, (_n, raw) => {
      const t = normalizeSpace(raw);
      orderNo ??= ORDER_NO.exec(t)?.[0] ?? null; // "当前订单号：Order_…"
      const pay = /请付款\s*([\d.,]+)\s*元/.exec(t); // "请付款12.00元，勿多付少付"
      if (amount === null && pay !== null) {
        amount = parseMoney(pay[1] ?? '')?.amount ?? null;
      }
      paymentMethod ??= PAY_APP.exec(t)?.[1] ?? null; // "请打开手机支付宝[扫一扫]"
      return true;
    });
    // The big price on the QR page: span.ico_log "￥ 12.00".
    const big = doc.querySelector('.ico_log');
    amount ??= big === null ? null : (parseMoney(rawText(big))?.amount ?? null);
    const orders: OrderFacts[] = [...labelled];
    if (orderNo !== null) {
      const base = labelled.find((o) => o.orderNo === orderNo) ?? emptyOrder(orderNo);
      orders.push({ ...base, amount: base.amount ?? amount, paymentMethod: base.paymentMethod ?? paymentMethod });
    }
    const unpaid = /^\/qrcode/i.test(url.pathname);
    return finishMatch('kamifaka', doc, orders.filter((o) => orderNo === null || o.orderNo === orderNo), unpaid ? { impliedStatus: 'unpaid' } : {});
  },
};
