/**
 * @module Order-number shapes: what a value after an order label must look like, and the stricter
 * shapes accepted when a number only appears inside a sentence ("订单#… 已支付").
 * QQ numbers, phone numbers, product ids, dates and promo codes are the usual false candidates.
 */

const TOKEN = /[A-Za-z0-9][A-Za-z0-9_-]{3,63}/;
/** Words marking a value as an illustration, not a real order (how-to articles). */
const EXAMPLE_WORDS = /示例|例如|示意|样例|範例|范例|举例|example|sample|e\.g\.|x{4,}|\*{3,}/i;

/** True when a text marks what it shows as an illustration ("例如 BL2024…", "仅为格式示例"). */
export function isExampleText(text: string): boolean {
  return EXAMPLE_WORDS.test(text);
}

const TOKENS = new RegExp(TOKEN.source, 'g');

/** Every order-number-shaped token in a text (loose shape, as after a label). */
export function orderNoShapedTokens(text: string): string[] {
  return [...text.matchAll(TOKENS)].map((m) => m[0].replace(/[-_]+$/, '')).filter(isPlausibleOrderNo);
}

/** True for phone-number shapes (mainland mobile), never an order number. */
function isPhone(s: string): boolean {
  return /^1[3-9]\d{9}$/.test(s) || /^\+?86-?1[3-9]\d{9}$/.test(s);
}

/**
 * Clean the value that follows an order-number label: first token, leading `#` dropped.
 * Returns null when the value is not order-number shaped or is marked as an example.
 */
export function cleanLabelledOrderNo(value: string): string | null {
  if (EXAMPLE_WORDS.test(value)) {
    return null;
  }
  const m = TOKEN.exec(value.replace(/^[#№:：\s]+/, ''));
  if (m === null || m.index > 2) {
    return null;
  }
  const token = m[0].replace(/[-_]+$/, '');
  return isPlausibleOrderNo(token) ? token : null;
}

/** Loose check for a value found after an order label. */
export function isPlausibleOrderNo(s: string): boolean {
  if (s.length < 6 || s.length > 64 || isPhone(s)) {
    return false;
  }
  if (/^\d{4}-\d{1,2}-\d{1,2}$/.test(s)) {
    return false;
  }
  const digits = s.replace(/\D/g, '').length;
  if (digits === s.length) {
    // Pure digits: QQ numbers run to 11 digits; real order ids after a label are at least 6.
    return true;
  }
  // Mixed tokens need a digit, unless long enough to be a random upper-case serial.
  return digits > 0 || (s.length >= 12 && /^[A-Z]+$/.test(s));
}

/** Shapes of the real systems (notes/shop-systems.md), trusted even without a label. */
const STRONG_SHAPES: readonly RegExp[] = [
  /^(?=(?:[A-Z]*\d){2})(?=(?:\d*[A-Z]){2})[A-Z0-9]{16}$/, // dujiaoka: 16 upper-case letters and digits
  /^\d{18,24}$/, // acg-faka 18 digits, hmyk 19, mcy-shop 24, ShopXO 20
  /^DJ\d{20}$/, // Dujiao-Next
  /^[A-Za-z]{1,10}\d{19}$/, // ZFAKA: prefix (default zlkb) + YmdHis + 5 digits
  /^Order_\d{13}[a-z0-9]{8}$/i, // kamiFaka
  /^\d{14}[A-Za-z0-9]{5}$/, // card-system: YmdHis + 5 random
  /^[A-Za-z]{0,8}_?\d{12,}[A-Za-z0-9]{0,12}$/, // other date-prefixed serials
];

/** Strict check for numbers seen without a label (sentences, URLs). */
export function isStrongOrderNo(s: string): boolean {
  return !isPhone(s) && STRONG_SHAPES.some((re) => re.test(s));
}

const SENTENCE = /(?:订单|訂單|单号|單號|order)\s*(?:号|號|编号|編號|no\.?|number|id)?\s*(?:[#:：]|为|為|是)?\s*#?\s*([A-Za-z0-9][A-Za-z0-9_-]{7,63})/gi;

/** Order numbers named inside a sentence, e.g. 「订单#2026…Xk7Qp 已支付」 or "Order 2026…XYZ paid". */
export function findOrderNosInSentence(text: string): string[] {
  if (EXAMPLE_WORDS.test(text)) {
    return [];
  }
  const found: string[] = [];
  SENTENCE.lastIndex = 0;
  for (let m = SENTENCE.exec(text); m !== null; m = SENTENCE.exec(text)) {
    const token = m[1] ?? '';
    if (isStrongOrderNo(token)) {
      found.push(token);
    }
  }
  return found;
}
