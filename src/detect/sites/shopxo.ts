/**
 * @module ShopXO (ThinkPHP + Amaze UI), used by many shops for virtual goods: order detail
 * (`.items > .items-title` + `.items-detail` rows: 订单编号 / 订单状态 / 支付状态 / 订单总价 …)
 * and the order list.
 */
import { finishMatch, findLabelledOrders } from '@/src/detect/pipeline';
import { rawText } from '@/src/detect/text';
import type { SiteAdapter } from '@/src/detect/types';

/** /order/detail/id/{id}.html, /order/index, and the index.php?s=/index/order/… form. */
const ORDER_ROUTE = /\/order\/(?:detail|index)|[?&]s=\/?(?:index\/)?order\/(?:detail|index)/i;

/** ShopXO adapter. */
export const shopxoAdapter: SiteAdapter = {
  id: 'shopxo',
  orderHistory: {
    // 我的订单 /order/index (or ?s=order/index without URL rewriting).
    isHistoryPage: (url) => /\/order\/index|[?&]s=\/?(?:index\/)?order\/index/i.test(url.pathname + url.search),
    entryPaths: ['/order/index.html'],
    nextPageSelector: null,
    guidance: '登录后打开「我的订单」，逐页按「取证」（页码在列表下方）。',
  },
  matches(url, doc) {
    // .items-title is the ShopXO detail row label; .am-panel is the Amaze UI panel around it.
    return ORDER_ROUTE.test(url.pathname + url.search) && doc.querySelector('.items-title, .am-panel, .am-table') !== null;
  },
  extract(_url, doc) {
    const body = doc.body;
    if (body === null) {
      return null;
    }
    // Goods name in the goods list of the detail page (a.goods-title / .goods-title link).
    const goods = doc.querySelector('.goods-title, .goods-base a, .goods-detail a');
    const goodsName = goods === null ? null : rawText(goods) || null;
    const found = findLabelledOrders(body);
    const orders = found.map(({ facts }) => ({ ...facts, item: facts.item ?? (found.length === 1 ? goodsName : null) }));
    return finishMatch('shopxo', doc, orders);
  },
};
