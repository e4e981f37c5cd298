import { afterEach, describe, expect, it } from 'vitest';
import { addWorkingDays, coveredCalendarYears, isWorkingDay } from '@/src/reminders';
import { formatShanghaiIso } from '@/src/reminders/shanghai-time';

/** Noon of a Shanghai civil date as an explicit instant (independent of the host zone). */
function day(iso: string): Date {
  return new Date(`${iso}T12:00:00+08:00`);
}

function addWd(fromIso: string, n: number): { due: string; approximate: boolean } {
  const result = addWorkingDays(new Date(fromIso), n);
  return { due: formatShanghaiIso(result.date.getTime()), approximate: result.approximate };
}

describe('isWorkingDay: official calendar (chinese-days data)', () => {
  it('National Day 2025: Oct 1–8 off, make-up Sun Sep 28 and Sat Oct 11', () => {
    expect(isWorkingDay(day('2025-09-27'))).toEqual({ working: false, known: true });
    expect(isWorkingDay(day('2025-09-28'))).toEqual({ working: true, known: true });
    for (let d = 1; d <= 8; d++) {
      expect(isWorkingDay(day(`2025-10-0${d}`)).working, `2025-10-0${d}`).toBe(false);
    }
    expect(isWorkingDay(day('2025-10-09')).working).toBe(true);
    expect(isWorkingDay(day('2025-10-11')).working).toBe(true);
    expect(isWorkingDay(day('2025-10-12')).working).toBe(false);
  });

  it('Spring Festival 2025: Jan 28–Feb 4 off, make-up Sun Jan 26 and Sat Feb 8', () => {
    expect(isWorkingDay(day('2025-01-26')).working).toBe(true);
    expect(isWorkingDay(day('2025-01-27')).working).toBe(true);
    expect(isWorkingDay(day('2025-01-28')).working).toBe(false);
    expect(isWorkingDay(day('2025-02-03')).working).toBe(false);
    expect(isWorkingDay(day('2025-02-04')).working).toBe(false);
    expect(isWorkingDay(day('2025-02-05')).working).toBe(true);
    expect(isWorkingDay(day('2025-02-08')).working).toBe(true);
  });

  it('Spring Festival 2026: Feb 15–23 off, make-up Sat Feb 14 and Sat Feb 28', () => {
    expect(isWorkingDay(day('2026-02-14')).working).toBe(true);
    expect(isWorkingDay(day('2026-02-16')).working).toBe(false);
    expect(isWorkingDay(day('2026-02-23')).working).toBe(false);
    expect(isWorkingDay(day('2026-02-24')).working).toBe(true);
    expect(isWorkingDay(day('2026-02-28')).working).toBe(true);
  });

  it('uses the Shanghai day of the instant, not the UTC day', () => {
    // 2025-10-08T16:30Z is Oct 9 00:30 in Shanghai (a working Thursday) but Oct 8 (a holiday) in UTC.
    expect(isWorkingDay(new Date('2025-10-08T16:30:00Z')).working).toBe(true);
    // 2025-10-10T23:00-05:00 is Sat Oct 11 12:00 in Shanghai, a make-up working day.
    expect(isWorkingDay(new Date('2025-10-10T23:00:00-05:00')).working).toBe(true);
  });

  it('years without data fall back to Monday–Friday and say so', () => {
    expect(coveredCalendarYears()).toContain(2025);
    expect(coveredCalendarYears()).toContain(2026);
    expect(coveredCalendarYears()).not.toContain(2027);
    // 2027-01-01 is a Friday: treated as working, though it will surely be New Year's Day off.
    expect(isWorkingDay(day('2027-01-01'))).toEqual({ working: true, known: false });
    expect(isWorkingDay(day('2027-01-02'))).toEqual({ working: false, known: false });
    expect(isWorkingDay(day('2003-10-01'))).toEqual({ working: true, known: false });
  });
});

describe('addWorkingDays', () => {
  it('counts from the next day and ends at 23:59:59 +08:00 of the n-th working day', () => {
    // Mon 2025-11-17 → Tue, Wed, Thu.
    expect(addWd('2025-11-17T10:00:00+08:00', 3)).toEqual({ due: '2025-11-20T23:59:59+08:00', approximate: false });
    // Fri → skips the weekend.
    expect(addWd('2025-11-21T10:00:00+08:00', 3)).toEqual({ due: '2025-11-26T23:59:59+08:00', approximate: false });
  });

  it('crosses a month end and a year end', () => {
    expect(addWd('2025-04-29T09:00:00+08:00', 3).due).toBe('2025-05-07T23:59:59+08:00'); // Labour Day May 1–5, make-up Sun Apr 27 is before
    expect(addWd('2024-12-30T09:00:00+08:00', 2).due).toBe('2025-01-02T23:59:59+08:00'); // Dec 31, (Jan 1 off), Jan 2
  });

  it('National Day 2025 with its make-up days', () => {
    // Fri Sep 26: Sun Sep 28 (make-up) 1, Mon 29 2, Tue 30 3.
    expect(addWd('2025-09-26T15:00:00+08:00', 3).due).toBe('2025-09-30T23:59:59+08:00');
    // Tue Sep 30: Oct 1–8 off; Thu 9, Fri 10, Sat 11 (make-up).
    expect(addWd('2025-09-30T15:00:00+08:00', 3).due).toBe('2025-10-11T23:59:59+08:00');
    // …then Mon 13, Tue 14, Wed 15, Thu 16.
    expect(addWd('2025-09-30T15:00:00+08:00', 7).due).toBe('2025-10-16T23:59:59+08:00');
  });

  it('Spring Festival 2025 with its make-up days', () => {
    // Fri Jan 24: Sun Jan 26 (make-up) 1, Mon 27 2, Jan 28–Feb 4 off, Wed Feb 5 3.
    expect(addWd('2025-01-24T18:00:00+08:00', 3).due).toBe('2025-02-05T23:59:59+08:00');
    // Mon Jan 27: Feb 5, 6, 7, Sat Feb 8 (make-up), Mon Feb 10.
    expect(addWd('2025-01-27T18:00:00+08:00', 5).due).toBe('2025-02-10T23:59:59+08:00');
  });

  it('anchors on the Shanghai day even when the instant is given in another zone', () => {
    // 2025-09-30T16:30Z = Oct 1 00:30 in Shanghai, so the count starts on Oct 2: Oct 9, 10, 11.
    expect(addWd('2025-09-30T16:30:00Z', 3).due).toBe('2025-10-11T23:59:59+08:00');
    // 2025-09-30T15:59Z = Sep 30 23:59 in Shanghai: the same count.
    expect(addWd('2025-09-30T15:59:00Z', 3).due).toBe('2025-10-11T23:59:59+08:00');
    // 2025-09-25T16:00Z = Fri Sep 26 00:00 in Shanghai.
    expect(addWd('2025-09-25T16:00:00Z', 3).due).toBe('2025-09-30T23:59:59+08:00');
  });

  it('is approximate when counting into a year without data', () => {
    // Wed 2026-12-30: Thu Dec 31 (known), Fri 2027-01-01 (unknown, Mon–Fri), Mon Jan 4.
    expect(addWd('2026-12-30T10:00:00+08:00', 3)).toEqual({ due: '2027-01-04T23:59:59+08:00', approximate: true });
    expect(addWd('2026-12-28T10:00:00+08:00', 3)).toEqual({ due: '2026-12-31T23:59:59+08:00', approximate: false });
  });

  it('n = 0 is the end of the same day; bad n is rejected', () => {
    expect(addWd('2025-10-01T10:00:00+08:00', 0).due).toBe('2025-10-01T23:59:59+08:00');
    expect(() => addWorkingDays(new Date('2025-10-01T10:00:00+08:00'), -1)).toThrow(RangeError);
    expect(() => addWorkingDays(new Date('2025-10-01T10:00:00+08:00'), 1.5)).toThrow(RangeError);
    expect(() => addWorkingDays(new Date('nonsense'), 1)).toThrow(RangeError);
  });
});

describe('host time zone', () => {
  const original = process.env.TZ;
  afterEach(() => {
    process.env.TZ = original;
  });

  it('gives the same working days in any host zone', () => {
    const results = ['UTC', 'America/New_York', 'Asia/Shanghai', 'Pacific/Kiritimati', 'America/St_Johns'].map((tz) => {
      process.env.TZ = tz;
      return [
        addWd('2025-09-30T15:00:00+08:00', 3),
        addWd('2025-01-24T23:30:00+08:00', 3),
        addWd('2026-12-30T00:10:00+08:00', 3),
        isWorkingDay(day('2025-10-11')),
        isWorkingDay(new Date('2025-10-08T16:30:00Z')),
      ];
    });
    for (const r of results) {
      expect(r).toEqual(results[0]);
    }
  });
});
