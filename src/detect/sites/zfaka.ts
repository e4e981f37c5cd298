/**
 * @module ZFAKA (Yaf + layui; templates hyacinth / hibiscus / choice / shadan): order query results
 * and the order pay page. Server-rendered pages hold a desktop table and a mobile card of readonly
 * inputs for the same order; both are read and merged by order number.
 */
import { normalizeStatus } from '@/src/detect/parse-status';
import { finishMatch, findLabelledOrders } from '@/src/detect/pipeline';
import { rawText } from '@/src/detect/text';
import type { SiteAdapter } from '@/src/detect/types';

/** /product/query/?zlkbmethod=… and /product/order/pay/?oid=… */
const ORDER_ROUTE = /^\/product\/(?:query|order\/pay)/i;

/** ZFAKA adapter. */
export const zfakaAdapter: SiteAdapter = {
  id: 'zfaka',
  orderHistory: {
    // 订单查询 by browser cookie: /product/query/?zlkbmethod=cookie; the page says it covers the last 30 days only.
    isHistoryPage: (url) => /^\/product\/query/i.test(url.pathname) && /zlkbmethod=(?:cookie|contact)/i.test(url.search),
    entryPaths: ['/product/query/?zlkbmethod=cookie'],
    nextPageSelector: null,
    guidance: '打开「订单查询 → 浏览器缓存 / 联系方式」，结果页按「取证」；该系统只能查询最近30天的订单。',
  },
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
    // The mobile / pay card header "订单信息-<span.layui-badge>待付款</span>" carries the status without a label.
    const badge = doc.querySelector('.layui-card-header .layui-badge');
    const badgeText = badge === null ? null : rawText(badge);
    const badgeStatus = badgeText === null ? null : normalizeStatus(badgeText);
    // table#query-table (订单ID / 订单名称 / 数量 / 金额 / 下单时间 / 状态) + .layui-form-item label + input rows.
    const found = findLabelledOrders(body);
    const orders = found.map(({ facts }) =>
      facts.status === null && badgeStatus !== null && found.length === 1 ? { ...facts, status: badgeStatus, statusText: badgeText } : facts,
    );
    return finishMatch('zfaka', doc, orders);
  },
};
