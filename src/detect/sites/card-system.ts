/**
 * @module 卡密商城 card-system (Tai7sy, Laravel + Vue themes): the payment result page
 * (GET /pay/result/{order_no}, title 支付结果) names the order only in a sentence
 * "订单#{no} 已支付，您购买的内容如下：" above the card list; the pay page (/pay/{order_no}).
 */
import { findOrderNosInSentence } from '@/src/detect/order-no';
import { normalizeStatus } from '@/src/detect/parse-status';
import { emptyOrder, finishMatch, findLabelledOrders } from '@/src/detect/pipeline';
import { rawText } from '@/src/detect/text';
import type { SiteAdapter } from '@/src/detect/types';

/** /pay/{no} and /pay/result/{no}; numbers are YmdHis + 5 random letters/digits. */
const ORDER_ROUTE = /^\/pay\/(?:result\/)?([A-Za-z0-9]{12,40})\/?$/;

/** card-system adapter. */
export const cardSystemAdapter: SiteAdapter = {
  id: 'card-system',
  matches(url) {
    return ORDER_ROUTE.test(url.pathname);
  },
  extract(url, doc) {
    const body = doc.body;
    if (body === null) {
      return null;
    }
    const fromUrl = ORDER_ROUTE.exec(url.pathname)?.[1] ?? null;
    // p.status-msg holds the sentence; h3 the result heading (订单已支付 / 支付失败！).
    const sentence = doc.querySelector('.status-msg');
    const heading = doc.querySelector('body > h3, #page h3, h3');
    const named = sentence === null ? [] : findOrderNosInSentence(rawText(sentence));
    const pageText = body.textContent ?? '';
    const orderNo = named[0] ?? (fromUrl !== null && pageText.includes(fromUrl) ? fromUrl : null);
    const labelled = findLabelledOrders(body).map(({ facts }) => facts);
    if (orderNo === null) {
      return finishMatch('card-system', doc, labelled);
    }
    const headingText = heading === null ? '' : rawText(heading);
    const status = normalizeStatus(headingText) ?? normalizeStatus(sentence === null ? '' : rawText(sentence));
    const base = labelled.find((o) => o.orderNo === orderNo) ?? emptyOrder(orderNo);
    return finishMatch('card-system', doc, [
      { ...base, status: base.status ?? status, statusText: base.statusText ?? (status !== null && headingText !== '' ? headingText : null) },
      ...labelled,
    ]);
  },
};
