/**
 * @module Timestamps as evidence records them: ISO 8601 with the local offset plus the IANA zone name,
 * so a case officer sees the wall-clock time the user saw and can still order events absolutely.
 */
import { formatISO } from 'date-fns';

/** A moment as stored in evidence: local ISO time with offset, its zone name and epoch milliseconds. */
export interface EvidenceTime {
  /** e.g. `2026-11-21T23:07:26.123+08:00` (milliseconds kept: captures a second apart must stay ordered). */
  iso: string;
  /** IANA time-zone name, e.g. `Asia/Shanghai`. */
  timeZone: string;
  /** Milliseconds since the epoch. */
  epochMs: number;
}

let zoneCache: { name: string; atMs: number } | null = null;
const ZONE_CACHE_MS = 1000;

/**
 * The IANA zone name. Resolving it builds an Intl.DateTimeFormat, which costs more than the rest of a
 * timestamp; chat saving stamps every batch, so the name is reused for a second (a zone change shows within one).
 */
function currentTimeZone(): string {
  const nowMs = Date.now();
  if (zoneCache === null || nowMs - zoneCache.atMs > ZONE_CACHE_MS || nowMs < zoneCache.atMs) {
    zoneCache = { name: Intl.DateTimeFormat().resolvedOptions().timeZone, atMs: nowMs };
  }
  return zoneCache.name;
}

/** The evidence time of a Date (defaults to now). */
export function evidenceTime(date: Date = new Date()): EvidenceTime {
  const base = formatISO(date);
  const ms = String(date.getMilliseconds()).padStart(3, '0');
  // date-fns' formatISO drops milliseconds; insert them before the offset.
  const iso = base.replace(/(T\d{2}:\d{2}:\d{2})/, `$1.${ms}`);
  return { iso, timeZone: currentTimeZone(), epochMs: date.getTime() };
}
