/**
 * @module Privacy masking for texts the user hands to third parties (chat transcripts, complaint drafts,
 * report excerpts): 身份证号, mainland mobile numbers and bank-card numbers keep only their last 4 digits.
 * Original captures and the hash-chained event log are never passed through here.
 */

/** Options of {@link maskPrivateData}. */
export interface MaskOptions {
  /** Digit strings that must stay readable even if they look like a card or ID number (the case's order numbers). */
  keep?: readonly string[];
}

// Token boundaries: letters count too, so digits inside an order number like "DD1381234567890" are not a phone.
const BEFORE = '(?<![0-9A-Za-z])';
const AFTER = '(?![0-9A-Za-z])';

// 18-digit resident ID: region (first digit 1–9), birth date 18xx–20xx, 3-digit sequence, check digit 0–9/X.
// The date structure (not the checksum) decides, so a mistyped ID is still masked.
const ID_NUMBER = new RegExp(`${BEFORE}[1-9]\\d{5}(?:18|19|20)\\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\\d|3[01])\\d{3}[\\dXx]${AFTER}`, 'g');
// 16–19 digits, optionally written in groups of four separated by a space or hyphen.
const BANK_CARD = new RegExp(`${BEFORE}(?:\\d{4}[ -]?){3}\\d{4}(?:[ -]?\\d{1,3})?${AFTER}`, 'g');
// Mainland mobile numbers (1[3-9]x xxxx xxxx), optionally with +86/0086/86 and separators.
const MOBILE = new RegExp(`${BEFORE}(?:(?:\\+|00)?86[ -]?)?1[3-9]\\d[ -]?\\d{4}[ -]?\\d{4}${AFTER}`, 'g');

/** True when the digits pass the Luhn check used by payment-card numbers. */
export function passesLuhn(digits: string): boolean {
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (d < 0 || d > 9) {
      return false;
    }
    if (double) {
      d *= 2;
      if (d > 9) {
        d -= 9;
      }
    }
    sum += d;
    double = !double;
  }
  return digits.length > 0 && sum % 10 === 0;
}

function digitsOf(text: string): string {
  return text.replace(/[^0-9Xx]/g, '');
}

/** Replaces every digit (and a trailing X) of `match` with `*` except the last four, keeping separators. */
function maskKeepingLast4(match: string, skipPrefix = 0): string {
  const chars = Array.from(match);
  let kept = 0;
  for (let i = chars.length - 1; i >= skipPrefix; i--) {
    const c = chars[i] ?? '';
    if (/[0-9Xx]/.test(c)) {
      if (kept < 4) {
        kept++;
      } else {
        chars[i] = '*';
      }
    }
  }
  return chars.join('');
}

/** Masks 身份证号, mainland mobile numbers and bank-card numbers in `text`, keeping the last 4 digits of each. */
export function maskPrivateData(text: string, options: MaskOptions = {}): string {
  const keep = new Set((options.keep ?? []).map(digitsOf).filter((d) => d.length > 0));
  const isKept = (match: string): boolean => keep.has(digitsOf(match));
  let out = text.replace(ID_NUMBER, (m) => (isKept(m) ? m : maskKeepingLast4(m)));
  out = out.replace(BANK_CARD, (m) => {
    const digits = digitsOf(m);
    // Long order numbers are common in these disputes; only Luhn-valid or UnionPay-prefixed (62…) runs count as cards.
    if (isKept(m) || !(passesLuhn(digits) || digits.startsWith('62'))) {
      return m;
    }
    return maskKeepingLast4(m);
  });
  out = out.replace(MOBILE, (m) => {
    if (isKept(m)) {
      return m;
    }
    // Leave the country code readable: it is not personal.
    const prefix = /^(?:\+|00)?86[ -]?(?=1[3-9])/.exec(m)?.[0].length ?? 0;
    return maskKeepingLast4(m, prefix);
  });
  return out;
}
