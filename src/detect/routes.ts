/**
 * @module URL hints: paths and query keys that card-shop order pages use (notes/shop-systems.md,
 * "Detection signals" 1). Used as a cheap pre-filter and as supporting evidence, never alone.
 */

/** Path fragments of buyer order pages across the known systems and common generic shops. */
const ORDER_PATH =
  /order|query|search|bill|\/pay\b|\/pay\/|\/pay-|trade|purchase|chadan|dingdan|qrcode|\/notify\/|\/return|\/result|\/success|kami|\/me\b|\/member|\/user\b/i;
/** Query keys that carry an order number on payment-return URLs. */
const ORDER_QUERY = /(?:^|[?&])(?:trade_?no|tradeNo|order_?no|orderNo|order_?id|orderid|oid|out_trade_no|sn|order_sn)=/i;

/** True when the URL looks like an order, query or payment page. */
export function hasOrderRouteHint(url: URL): boolean {
  return ORDER_PATH.test(url.pathname) || ORDER_QUERY.test(url.search) || /order|pay|query|search/i.test(url.hash);
}

/** Order numbers carried by the URL (query values and path segments), for cross-checking the page. */
export function orderNosInUrl(url: URL): string[] {
  const found: string[] = [];
  for (const [key, value] of url.searchParams) {
    // A key of just `no` (home-made shops' `order.php?act=view&no=…`) counts too: it confirms a number the page names, never finds one.
    if (/trade_?no|order_?no|order_?id|orderid|out_trade_no|order_sn|^sn$|^no$/i.test(key) && value !== '') {
      found.push(value);
    }
  }
  for (const seg of url.pathname.split('/')) {
    const s = decodeURIComponentSafe(seg).replace(/\.html?$/i, '');
    if (/^[A-Za-z0-9_-]{12,64}$/.test(s) && /\d/.test(s)) {
      found.push(s);
    }
  }
  return found;
}

function decodeURIComponentSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
