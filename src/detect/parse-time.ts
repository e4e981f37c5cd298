/**
 * @module Displayed order times to ISO 8601 with offset (+08:00 when the page shows no zone):
 * `2026-11-02 21:05:33`, `2026/11/2 21:05`, `2026年11月2日 21:05:33`, `11/2/2026, 9:30:12 AM`,
 * `2026-11-02T21:05:33Z`, Unix seconds / milliseconds, `11月2日 21:05` (only with a known year).
 */

/** Options for {@link parseDateTime}. */
export interface ParseTimeOptions {
  /** Year for dates printed without one (`11月2日`); without it such dates are unknown (null). */
  referenceYear?: number;
}

const CHINA_OFFSET = '+08:00';
const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

function validDate(y: number, mo: number, d: number): boolean {
  if (y < 1990 || y > 2100 || mo < 1 || mo > 12 || d < 1) {
    return false;
  }
  return d <= new Date(Date.UTC(y, mo, 0)).getUTCDate();
}

function zoneOf(raw: string | undefined): string | null {
  if (raw === undefined || raw === '') {
    return CHINA_OFFSET;
  }
  if (/^z$/i.test(raw)) {
    return '+00:00';
  }
  const m = /([+-])(\d{1,2}):?(\d{2})?$/.exec(raw);
  if (m === null) {
    return null;
  }
  return `${m[1] ?? '+'}${pad(Number(m[2]))}:${m[3] ?? '00'}`;
}

function format(y: number, mo: number, d: number, h: number, mi: number, s: number, zone: string): string | null {
  if (!validDate(y, mo, d) || h > 23 || mi > 59 || s > 59) {
    return null;
  }
  return `${pad(y, 4)}-${pad(mo)}-${pad(d)}T${pad(h)}:${pad(mi)}:${pad(s)}${zone}`;
}

/** 12-hour clock to 24-hour (AM/PM, 上午/下午/晚上). */
function to24(h: number, meridiem: string | undefined): number {
  if (meridiem === undefined || meridiem === '') {
    return h;
  }
  const pm = /^(?:pm|p\.m\.|下午|晚上)$/i.test(meridiem);
  if (pm && h < 12) {
    return h + 12;
  }
  if (!pm && h === 12) {
    return 0;
  }
  return h;
}

const TIME = String.raw`(?:[T\s,]*(上午|下午|晚上)?\s*(\d{1,2})[:：](\d{2})(?:[:：](\d{2})(?:\.\d{1,6})?)?\s*(AM|PM|a\.m\.|p\.m\.)?\s*(Z|(?:GMT|UTC)\s?[+-]\d{1,2}(?::?\d{2})?|[+-]\d{2}:?\d{2})?)?`;
const YMD = new RegExp(String.raw`(?<![\d])(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?` + TIME, 'i');
const MDY = new RegExp(String.raw`(?<![\d/])(\d{1,2})/(\d{1,2})/(\d{4})` + TIME, 'i');
const MD_CN = new RegExp(String.raw`(?<![\d])(\d{1,2})\s*月\s*(\d{1,2})\s*日` + TIME, 'i');

function fromParts(y: number, mo: number, d: number, m: RegExpExecArray, at: number): string | null {
  const [pre, hh, mm, ss, post, zoneRaw] = [m[at], m[at + 1], m[at + 2], m[at + 3], m[at + 4], m[at + 5]];
  const zone = zoneOf(zoneRaw?.replace(/^(?:GMT|UTC)\s?/i, ''));
  if (zone === null) {
    return null;
  }
  if (hh === undefined || mm === undefined) {
    // A date without a time of day: keep only what the page shows.
    return validDate(y, mo, d) ? `${pad(y, 4)}-${pad(mo)}-${pad(d)}` : null;
  }
  const h = to24(Number(hh), post ?? pre);
  return format(y, mo, d, h, Number(mm), Number(ss ?? '0'), zone);
}

/** Unix seconds (10 digits) or milliseconds (13 digits) as a +08:00 wall-clock time. */
export function fromUnix(value: number): string | null {
  const ms = value < 1e11 ? value * 1000 : value;
  const date = new Date(ms + 8 * 3600 * 1000);
  if (Number.isNaN(date.getTime())) {
    return null;
  }
  return format(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate(), date.getUTCHours(), date.getUTCMinutes(), date.getUTCSeconds(), CHINA_OFFSET);
}

/**
 * Parse the first date-time in a displayed value. Returns ISO 8601 with offset, a bare
 * `YYYY-MM-DD` when the page shows only a date, or null when no complete date is shown.
 */
export function parseDateTime(text: string, options: ParseTimeOptions = {}): string | null {
  const t = text.trim();
  // A whole value that is a Unix time (a time field's data value), never digits inside an order number.
  if (/^\d{10}$|^\d{13}$/.test(t)) {
    const n = Number(t);
    const year = new Date(n < 1e11 ? n * 1000 : n).getUTCFullYear();
    return year >= 2000 && year <= 2100 ? fromUnix(n) : null;
  }
  let m = YMD.exec(t);
  if (m !== null) {
    return fromParts(Number(m[1]), Number(m[2]), Number(m[3]), m, 4);
  }
  m = MDY.exec(t);
  if (m !== null) {
    return fromParts(Number(m[3]), Number(m[1]), Number(m[2]), m, 4);
  }
  m = MD_CN.exec(t);
  if (m !== null && options.referenceYear !== undefined) {
    return fromParts(options.referenceYear, Number(m[1]), Number(m[2]), m, 3);
  }
  return null;
}
