import { describe, expect, it } from 'vitest';
import { formatShanghaiIso, parseIsoMs } from '@/src/reminders/shanghai-time';

describe('parseIsoMs', () => {
  it('reads offsets, Z, and treats a missing zone as +08:00', () => {
    const expected = Date.UTC(2025, 9, 1, 2, 0, 0);
    expect(parseIsoMs('2025-10-01T10:00:00+08:00')).toBe(expected);
    expect(parseIsoMs('2025-10-01T02:00:00Z')).toBe(expected);
    expect(parseIsoMs('2025-09-30T21:00:00-05:00')).toBe(expected);
    expect(parseIsoMs('2025-10-01T10:00:00')).toBe(expected);
    expect(parseIsoMs('2025-10-01 10:00')).toBe(expected);
    expect(parseIsoMs('2025-10-01T10:00:00.250+0800')).toBe(expected + 250);
    expect(parseIsoMs('2025-10-01')).toBe(Date.UTC(2025, 8, 30, 16, 0, 0));
  });

  it('rejects what is not a valid time', () => {
    expect(parseIsoMs(null)).toBeNull();
    expect(parseIsoMs(undefined)).toBeNull();
    expect(parseIsoMs('')).toBeNull();
    expect(parseIsoMs('2025-02-29T10:00:00+08:00')).toBeNull();
    expect(parseIsoMs('2025-10-01T25:00:00+08:00')).toBeNull();
    expect(parseIsoMs('yesterday')).toBeNull();
  });
});

describe('formatShanghaiIso', () => {
  it('prints +08:00 wall time, milliseconds only when present', () => {
    expect(formatShanghaiIso(Date.UTC(2025, 11, 31, 16, 0, 0))).toBe('2026-01-01T00:00:00+08:00');
    expect(formatShanghaiIso(Date.UTC(2025, 11, 31, 16, 0, 0, 7))).toBe('2026-01-01T00:00:00.007+08:00');
  });
});
