/**
 * @module 萌次元 mcy-shop (lizhipay, Hyperf): "已买到的宝贝" order table and the pay pages.
 * The table's 金额 column is the line total (price × quantity), which is what was paid.
 */
import { finishMatch, findLabelledOrders } from '@/src/detect/pipeline';
import type { SiteAdapter } from '@/src/detect/types';

/** Buyer routes (config/route.php). */
const ORDER_ROUTE = /^\/(?:user\/trade\/order|pay(?:\/sync)?\/?$)/i;

/** mcy-shop adapter. */
export const mcyShopAdapter: SiteAdapter = {
  id: 'mcy-shop',
  orderHistory: {
    // 已买到的宝贝: /user/trade/order, bootstrap-table #trade-order-table loaded and paged by script (order.js).
    isHistoryPage: (url) => /^\/user\/trade\/order/i.test(url.pathname),
    entryPaths: ['/user/trade/order'],
    nextPageSelector: null,
    guidance: '登录后打开「我的购物 → 已买到的宝贝」，每翻一页按一次「取证」。',
  },
  matches(url, doc) {
    // /pay is a common path: require the order table or the OneUI page shell of this system too.
    return /^\/user\/trade\/order/i.test(url.pathname) || (ORDER_ROUTE.test(url.pathname) && doc.querySelector('#page-container, #trade-order-table') !== null);
  },
  extract(_url, doc) {
    // bootstrap-table #trade-order-table: header 订单号 / 商品名称 / 商品类型 / 金额 / 数量 / 状态 / 订单时间.
    const root = doc.querySelector('#trade-order-table')?.closest('.bootstrap-table, .block, .card') ?? doc.body;
    if (root === null) {
      return null;
    }
    return finishMatch('mcy-shop', doc, findLabelledOrders(root).map(({ facts }) => facts));
  },
};
