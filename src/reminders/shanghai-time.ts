/**
 * @module Civil-time arithmetic in China Standard Time (+08:00, no daylight saving since 1991), done on
 * epoch milliseconds with UTC getters only, so results never depend on the host's time zone.
 */

/** Offset of China Standard Time from UTC in milliseconds. */
export const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;

/** Milliseconds in one civil day (China has no daylight saving, so every day has exactly this). */
export const DAY_MS = 24 * 60 * 60 * 1000;

/** A civil date in Asia/Shanghai. */
export interface CivilDate {
  year: number;
  /** 1–12. */
  month: number;
  /** 1–31. */
  day: number;
}

/** Days since 1970-01-01 in Asia/Shanghai for an instant. */
export function shanghaiDayNumber(ms: number): number {
  return Math.floor((ms + SHANGHAI_OFFSET_MS) / DAY_MS);
}

/** The Asia/Shanghai civil date of a day number. */
export function civilDateOfDay(dayNumber: number): CivilDate {
  const d = new Date(dayNumber * DAY_MS);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** The day number of an Asia/Shanghai civil date. */
export function dayNumberOf(date: CivilDate): number {
  return Math.floor(Date.UTC(date.year, date.month - 1, date.day) / DAY_MS);
}

/** Day of the week (0 = Sunday) of a day number. */
export function weekdayOfDay(dayNumber: number): number {
  return new Date(dayNumber * DAY_MS).getUTCDay();
}

/** `YYYY-MM-DD` of a day number, the key format of the chinese-days data. */
export function dayKey(dayNumber: number): string {
  const { year, month, day } = civilDateOfDay(dayNumber);
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

/** Epoch milliseconds of 23:59:59 +08:00 on a day number (a day-counted period runs to the end of its last day). */
export function endOfDayMs(dayNumber: number): number {
  return (dayNumber + 1) * DAY_MS - SHANGHAI_OFFSET_MS - 1000;
}

/** Number of days in a month of the proleptic Gregorian calendar. */
export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** An instant as ISO 8601 in +08:00; milliseconds appear only when not zero. */
export function formatShanghaiIso(ms: number): string {
  const d = new Date(ms + SHANGHAI_OFFSET_MS);
  const date = `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1, 2)}-${pad(d.getUTCDate(), 2)}`;
  const time = `${pad(d.getUTCHours(), 2)}:${pad(d.getUTCMinutes(), 2)}:${pad(d.getUTCSeconds(), 2)}`;
  const millis = d.getUTCMilliseconds();
  return `${date}T${time}${millis === 0 ? '' : `.${pad(millis, 3)}`}+08:00`;
}

// Date, optional time with optional fraction, optional zone; a space may replace the T (as shops print it).
const ISO_PATTERN =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

/**
 * Epoch milliseconds of an ISO 8601 time, or null when it is not one; a time without a zone is read as
 * +08:00 (the convention of OrderFacts.orderTime), never as the host's zone.
 */
export function parseIsoMs(value: string | null | undefined): number | null {
  if (value == null) {
    return null;
  }
  const m = ISO_PATTERN.exec(value.trim());
  if (!m) {
    return null;
  }
  const [, ys, mos, ds, hs, mis, ss, frac, zone] = m;
  const year = Number(ys);
  const month = Number(mos);
  const day = Number(ds);
  const hour = hs === undefined ? 0 : Number(hs);
  const minute = mis === undefined ? 0 : Number(mis);
  const second = ss === undefined ? 0 : Number(ss);
  const millis = frac === undefined ? 0 : Math.floor(Number(`0.${frac}`) * 1000);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) || hour > 23 || minute > 59 || second > 59) {
    return null;
  }
  const offsetMs = zone === undefined ? SHANGHAI_OFFSET_MS : zoneOffsetMs(zone);
  if (offsetMs === null) {
    return null;
  }
  return Date.UTC(year, month - 1, day, hour, minute, second, millis) - offsetMs;
}

function zoneOffsetMs(zone: string): number | null {
  if (zone.toUpperCase() === 'Z') {
    return 0;
  }
  const m = /^([+-])(\d{2}):?(\d{2})?$/.exec(zone);
  if (!m) {
    return null;
  }
  const hours = Number(m[2]);
  const minutes = m[3] === undefined ? 0 : Number(m[3]);
  if (hours > 14 || minutes > 59) {
    return null;
  }
  return (m[1] === '-' ? -1 : 1) * (hours * 60 + minutes) * 60 * 1000;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}
