/**
 * @module 红盟云卡 hmyk (ThinkPHP 5 / FastAdmin): user-centre 订单列表, 查找订单 results and the
 * payment return page. Each order: goods name in `h4 > a`, "订单号：…" in p.text-muted, then
 * semicolon-joined runs "订单金额：…；购买数量：…；支付方式：…" and "订单创建时间：… 付款时间：…".
 */
import { finishMatch, findLabelledOrders } from '@/src/detect/pipeline';
import { rawText } from '@/src/detect/text';
import type { SiteAdapter } from '@/src/detect/types';

/** User-centre order pages, find-order and the return URL /index/notify/ret/out_trade_no/{no}. */
const ORDER_ROUTE = /^\/(?:index\.php\/)?(?:user\/(?:order|index\/order)|(?:index\/)?(?:order\/)?find_?order|index\/notify\/ret\/)/i;

/** The goods name heading of the block that holds an order number. */
function goodsName(anchor: Element): string | null {
  let el: Element | null = anchor;
  for (let depth = 0; depth < 3 && el !== null; depth++) {
    const h4 = el.querySelector('h4 a, h4'); // h4 > a: goods name link above the order line
    if (h4 !== null) {
      const t = rawText(h4);
      return t === '' ? null : t.slice(0, 300);
    }
    el = el.parentElement;
  }
  return null;
}

/** hmyk adapter. */
export const hmykAdapter: SiteAdapter = {
  id: 'hmyk',
  matches(url) {
    return ORDER_ROUTE.test(url.pathname);
  },
  orderHistory: {
    // 订单列表 in the user centre (application/user/view/default/order.html), reached from the sidenav.
    isHistoryPage: (url) => /^\/(?:index\.php\/)?user\/(?:index\/)?order(?:\.html|\/|$)/i.test(url.pathname),
    entryPaths: ['/user/order.html'],
    // order.html ends with `{$page}`: ThinkPHP 5's Bootstrap paginator, `ul.pagination` whose last `li` is the
    // » link to the next page (`?page=N`); on the last page that `li` is `li.disabled > span`, so no link.
    nextPageSelector: 'ul.pagination > li:last-child > a',
    guidance: '打开「个人中心 → 订单管理 → 订单列表」，逐页取证。',
  },
  extract(_url, doc) {
    const body = doc.body;
    if (body === null) {
      return null;
    }
    // The user-centre content column; the sidenav (查找订单 / 订单列表 links) holds no values.
    const root = doc.querySelector('.main-content, .content, #content, .col-md-9') ?? body;
    const orders = findLabelledOrders(root).map(({ facts, group }) => {
      const anchor = group.anchors[0];
      return { ...facts, item: facts.item ?? (anchor === undefined ? null : goodsName(anchor)) };
    });
    return finishMatch('hmyk', doc, orders);
  },
};
