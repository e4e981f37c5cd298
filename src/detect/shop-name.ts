/**
 * @module The shop's name: the brand text in the header when there is one, otherwise the part of
 * `<title>` that is not the page's own name (shops title pages "{page} | {shop}" or "{page}_{shop}").
 */
import { normalizeSpace, rawText } from '@/src/detect/text';

const BRAND_SELECTORS = [
  '.navbar-brand', // Bootstrap navbars (dujiaoka unicorn, acg-faka, kamiFaka/Stisla)
  '.logo-title', // dujiaoka hyper: text next to the logo image
  '.fly-logo', // ZFAKA (layui fly template) header logo link
  '.logo-text, .site-name, .shop-name, .brand-name, .site-title', // common theme hooks
  '.logo', // generic logo element that may carry text
  'header a[href="/"]', // header link to the home page
];

/** Words that name a page, not a shop. */
const PAGE_WORDS = /订单|訂單|查询|查詢|详情|詳情|支付|付款|结果|結果|首页|主页|首頁|購買|购买|确认|確認|已买到|宝贝|登录|注册|order|payment|detail|query|search|checkout|home|login|result|purchase/i;

function cleanName(text: string): string | null {
  const t = normalizeSpace(text.replace(/[^\p{L}\p{N}\s·&'.\-_()（）]/gu, ' ')).replace(/^[·.\-_\s]+|[·.\-_\s]+$/g, '');
  if (t.length < 2 || t.length > 30 || /^(?:logo|登录|注册|首页|home)$/i.test(t)) {
    return null;
  }
  return t;
}

/** The shop name shown on the page, or null. */
export function findShopName(doc: Document): string | null {
  for (const sel of BRAND_SELECTORS) {
    for (const el of [...doc.querySelectorAll(sel)].slice(0, 3)) {
      const name = cleanName(rawText(el));
      if (name !== null && !PAGE_WORDS.test(name)) {
        return name;
      }
    }
  }
  return shopNameFromTitle(doc.title);
}

/** The title segment that names the shop ("订单详情 | 星河数卡 - …" → "星河数卡"). */
export function shopNameFromTitle(title: string): string | null {
  const segments = normalizeSpace(title)
    .split(/\s*[|｜_–—·]\s*|\s+-\s+|\s*-\s*(?=[\p{Script=Han}])|(?<=[\p{Script=Han}])\s*-\s*/u)
    .map((s) => s.trim())
    .filter((s) => s !== '');
  for (const s of segments) {
    if (!PAGE_WORDS.test(s)) {
      return cleanName(s);
    }
  }
  return null;
}
