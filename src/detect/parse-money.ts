/**
 * @module Money as card shops print it: `52.80`, `￥39.90`, `¥ 12.50 元`, `29.90 CNY`, `12.50元`,
 * `¥15` (trailing zeros removed), `-1.00 CNY` (coupon lines), `$4.99`, `1,280.00`.
 */

/** An amount with the currency its text shows (null when the text shows none). */
export interface Money {
  amount: number;
  currency: string | null;
}

const PREFIX: readonly (readonly [RegExp, string])[] = [
  [/(?:HK\$|HKD)\s*$/i, 'HKD'],
  [/(?:US\$|USD)\s*$/i, 'USD'],
  [/USDT\s*$/i, 'USDT'],
  [/(?:[￥¥]|RMB|CNY)\s*$/i, 'CNY'],
  [/\$\s*$/, 'USD'],
];
const SUFFIX: readonly (readonly [RegExp, string])[] = [
  [/^\s*(?:元|块|圓|CNY|RMB)/i, 'CNY'],
  [/^\s*USDT/i, 'USDT'],
  [/^\s*USD/i, 'USD'],
  [/^\s*HKD/i, 'HKD'],
];

const NUMBER = /-?\d{1,3}(?:,\d{3})+(?:\.\d+)?|-?\d+(?:\.\d+)?/g;

/** Parse the first amount in `text`; null when there is none. */
export function parseMoney(text: string): Money | null {
  NUMBER.lastIndex = 0;
  const m = NUMBER.exec(text);
  if (m === null) {
    return null;
  }
  const before = text.slice(0, m.index);
  const after = text.slice(m.index + m[0].length);
  // A number glued to letters or more digits-with-dashes is an id or a date, not money.
  if (/[A-Za-z0-9_]$/.test(before.replace(/(?:HK\$|US\$|USDT|USD|HKD|RMB|CNY)\s*$/i, '')) || /^[-/:][0-9]/.test(after)) {
    return null;
  }
  const amount = Number(m[0].replace(/,/g, ''));
  if (!Number.isFinite(amount)) {
    return null;
  }
  let currency: string | null = null;
  for (const [re, code] of PREFIX) {
    if (re.test(before)) {
      currency = code;
      break;
    }
  }
  if (currency === null) {
    for (const [re, code] of SUFFIX) {
      if (re.test(after)) {
        currency = code;
        break;
      }
    }
  }
  return { amount, currency };
}

/** True when `text` carries an explicit currency marker next to a number (￥, ¥, 元, CNY, $ …). */
export function hasCurrencyMarker(text: string): boolean {
  return /[￥¥$]\s*\d|\d\s*(?:元|CNY|RMB|USD|USDT)|(?:CNY|RMB|USD)\s*\d/i.test(text);
}
