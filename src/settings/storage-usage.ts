/**
 * @module How much room the evidence takes, and when to warn. Pure: takes the browser's estimate and the
 * per-case sizes summed from the database.
 */

/** Warn when this share of the quota is used… */
export const WARN_USED_RATIO = 0.8;
/** …or when less than this is left (a capture of a long page can take tens of MB; a pack export needs as much again). */
export const WARN_FREE_BYTES = 500 * 1024 * 1024;

/** The browser's storage estimate (navigator.storage.estimate()). */
export interface StorageEstimate {
  usage?: number;
  quota?: number;
}

/** The verdict for the options page. */
export interface StorageAssessment {
  usedBytes: number;
  /** Null when the browser does not say. */
  quotaBytes: number | null;
  freeBytes: number | null;
  usedRatio: number | null;
  warn: boolean;
}

/** Judges an estimate against the thresholds; without a quota there is nothing to warn about. */
export function assessStorage(estimate: StorageEstimate): StorageAssessment {
  const usedBytes = estimate.usage ?? 0;
  const quota = estimate.quota;
  if (quota === undefined || quota <= 0) {
    return { usedBytes, quotaBytes: null, freeBytes: null, usedRatio: null, warn: false };
  }
  const freeBytes = Math.max(0, quota - usedBytes);
  const usedRatio = usedBytes / quota;
  return { usedBytes, quotaBytes: quota, freeBytes, usedRatio, warn: usedRatio >= WARN_USED_RATIO || freeBytes < WARN_FREE_BYTES };
}

/** Bytes as the interface shows them: B, KB, MB, GB (powers of 1024, one decimal above KB). */
export function formatBytes(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return unit === 0 ? `${value} B` : `${value.toFixed(unit === 1 ? 0 : 1)} ${units[unit]}`;
}
