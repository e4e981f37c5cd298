/**
 * @module 独角数卡 dujiaoka (Laravel; themes unicorn, hyper, luna; zh_CN and zh_TW): order detail,
 * search results (by sn / e-mail / browser), bill (confirm + pay) and scan-to-pay pages.
 */
import { isStrongOrderNo } from '@/src/detect/order-no';
import { parseMoney } from '@/src/detect/parse-money';
import { emptyOrder, finishMatch, findLabelledOrders } from '@/src/detect/pipeline';
import { forEachTextNode, normalizeSpace } from '@/src/detect/text';
import type { SiteAdapter } from '@/src/detect/types';

/** Buyer order routes (routes/common/web.php, pay.php). */
const ORDER_ROUTE = /^\/(?:detail-order-sn\/|bill\/|search-order-by-(?:sn|email|browser)|order-search|check-order-status\/|pay-gateway\/)/i;
/** Confirm-and-pay page: an order exists but is not paid yet. */
const BILL_ROUTE = /^\/bill\//i;
/** Scan-to-pay: `/pay-gateway/{handle}/{payway}/{sn}`; the number is printed only in inline scripts. */
const PAY_ROUTE = /^\/pay-gateway\/[^/]+\/[^/]+\/([A-Z0-9]{16})\/?$/;

/** Amount of a scan-to-pay page: "商品总价: 12" (hyper qrpay), scanned without labels of an order number. */
function qrPayAmount(doc: Document): number | null {
  let amount: number | null = null;
  if (doc.body === null) {
    return null;
  }
  forEachTextNode(doc.body, (_n, raw) => {
    const m = /(?:商品总价|商品總價|支付金额|应付金额)\s*[:：]?\s*([￥¥]?\s*[\d.,]+)/.exec(normalizeSpace(raw));
    if (m !== null) {
      amount = parseMoney(m[1] ?? '')?.amount ?? null;
      return false;
    }
    return true;
  });
  return amount;
}

/** dujiaoka adapter. */
export const dujiaokaAdapter: SiteAdapter = {
  id: 'dujiaoka',
  orderHistory: {
    // No accounts: 订单查询 /order-search offers "search by browser" (POST /search-order-by-browser), one page of
    // every order this browser placed (routes/common/web.php).
    isHistoryPage: (url) => /^\/search-order-by-(?:browser|email)/i.test(url.pathname),
    entryPaths: ['/order-search'],
    nextPageSelector: null,
    guidance: '打开「订单查询」，选择「浏览器缓存」或「邮箱」查询，结果页按一次「取证」。',
  },
  matches(url) {
    return ORDER_ROUTE.test(url.pathname);
  },
  extract(url, doc) {
    const body = doc.body;
    if (body === null) {
      return null;
    }
    // All three themes render label+value rows (label+span, h3 badge, ul.info-ui li > strong + text).
    const orders = findLabelledOrders(body).map(({ facts }) => facts);
    const pay = PAY_ROUTE.exec(url.pathname);
    if (orders.length === 0 && pay?.[1] !== undefined && isStrongOrderNo(pay[1])) {
      orders.push({ ...emptyOrder(pay[1]), amount: qrPayAmount(doc) });
    }
    const unpaidPage = BILL_ROUTE.test(url.pathname) || pay !== null;
    return finishMatch('dujiaoka', doc, orders, unpaidPage ? { impliedStatus: 'unpaid' } : {});
  },
};
