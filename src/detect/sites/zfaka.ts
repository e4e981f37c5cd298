/**
 * @module ZFAKA (Yaf + layui; templates hyacinth / hibiscus / choice / shadan): order query results
 * and the order pay page. Server-rendered pages hold a desktop table and a mobile card of readonly
 * inputs for the same order; both are read and merged by order number.
 */
import { finishMatch, findLabelledOrders } from '@/src/detect/pipeline';
import type { SiteAdapter } from '@/src/detect/types';

/** /product/query/?zlkbmethod=… and /product/order/pay/?oid=… */
const ORDER_ROUTE = /^\/product\/(?:query|order\/pay)/i;

/** ZFAKA adapter. */
export const zfakaAdapter: SiteAdapter = {
  id: 'zfaka',
  matches(url, doc) {
    return (
      ORDER_ROUTE.test(url.pathname) &&
      // body#zlkbbody (every template) or the meta keywords "资料空白,ZFAKA,…" of the stock header.
      (doc.querySelector('body#zlkbbody, meta[name="keywords"][content*="ZFAKA"], meta[name="author"][content="资料空白"]') !== null || /zlkbmethod|oid=/.test(url.search))
    );
  },
  extract(_url, doc) {
    const body = doc.body;
    if (body === null) {
      return null;
    }
    // table#query-table (订单ID / 订单名称 / 数量 / 金额 / 下单时间 / 状态) + .layui-form-item label + input rows.
    return finishMatch('zfaka', doc, findLabelledOrders(body).map(({ facts }) => facts));
  },
};
