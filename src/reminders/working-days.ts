/**
 * @module Official working days of mainland China, including 调休 make-up days, from the chinese-days
 * calendar data; years the data does not cover fall back to Monday–Friday and are reported as unknown.
 */
import calendarData from 'chinese-days/dist/chinese-days.json';
import * as z from 'zod';
import { civilDateOfDay, dayKey, endOfDayMs, shanghaiDayNumber, weekdayOfDay } from '@/src/reminders/shanghai-time';

// The library's functions (isWorkday, findWorkday) build their table with host-local dates, which shifts
// every holiday one day earlier on machines west of UTC (verified with chinese-days 1.5.7 under
// TZ=America/New_York), so only its published JSON is used and all date logic stays here.
const CalendarDataSchema = z.object({
  /** Official days off, `YYYY-MM-DD` → description. */
  holidays: z.record(z.string(), z.string()),
  /** Weekend days that are official working days (调休 make-up days). */
  workdays: z.record(z.string(), z.string()),
});

const calendar = CalendarDataSchema.parse(calendarData);
const holidays = new Set(Object.keys(calendar.holidays));
const workdays = new Set(Object.keys(calendar.workdays));

// Every published year has at least New Year's Day off, so the years that appear among the holidays
// are exactly the years whose arrangement (国务院办公厅 notice) the data contains.
const coveredYears: ReadonlySet<number> = new Set([...holidays].map((key) => Number(key.slice(0, 4))));

/** Years for which the bundled calendar knows the official holiday arrangement, ascending. */
export function coveredCalendarYears(): number[] {
  return [...coveredYears].sort((a, b) => a - b);
}

/** Whether a Shanghai day number is a working day, and whether that is known from the official calendar. */
export function isWorkingDayNumber(dayNumber: number): { working: boolean; known: boolean } {
  const known = coveredYears.has(civilDateOfDay(dayNumber).year);
  const key = dayKey(dayNumber);
  if (workdays.has(key)) {
    return { working: true, known };
  }
  if (holidays.has(key)) {
    return { working: false, known };
  }
  const weekday = weekdayOfDay(dayNumber);
  return { working: weekday !== 0 && weekday !== 6, known };
}

/** Whether the Asia/Shanghai calendar day containing `date` is a working day, and whether that is known. */
export function isWorkingDay(date: Date): { working: boolean; known: boolean } {
  return isWorkingDayNumber(shanghaiDayNumber(date.getTime()));
}

/** Upper bound for `n`, far beyond any real reminder, so a corrupt policy cannot loop for long. */
const MAX_WORKING_DAYS = 3660;

/**
 * The end (23:59:59 +08:00) of the n-th working day after the Asia/Shanghai day of `from`, counting from
 * the next day (民法典 Art. 201); `approximate` is true when a day counted lies in a year the calendar
 * does not cover; n = 0 gives the end of the day of `from`.
 */
export function addWorkingDays(from: Date, n: number): { date: Date; approximate: boolean } {
  if (!Number.isInteger(n) || n < 0 || n > MAX_WORKING_DAYS) {
    throw new RangeError(`addWorkingDays: n must be an integer from 0 to ${MAX_WORKING_DAYS}, got ${n}`);
  }
  const fromMs = from.getTime();
  if (Number.isNaN(fromMs)) {
    throw new RangeError('addWorkingDays: invalid date');
  }
  let day = shanghaiDayNumber(fromMs);
  let remaining = n;
  let approximate = false;
  while (remaining > 0) {
    day += 1;
    const status = isWorkingDayNumber(day);
    if (!status.known) {
      approximate = true;
    }
    if (status.working) {
      remaining -= 1;
    }
  }
  return { date: new Date(endOfDayMs(day)), approximate };
}
