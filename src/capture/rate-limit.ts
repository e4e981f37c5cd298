/**
 * @module Pacing for tabs.captureVisibleTab, which Chrome limits to 2 calls per second
 * (MAX_CAPTURE_VISIBLE_TAB_CALLS_PER_SECOND); rejected calls count too, so we wait rather than retry blindly.
 */

/** Minimum gap between two captureVisibleTab calls, with a margin over Chrome's 500 ms. */
export const CAPTURE_GAP_MS = 520;

/** How long to wait before the next call, given the last call's time. */
export function waitBeforeNextCapture(lastCallMs: number | null, nowMs: number, gapMs: number = CAPTURE_GAP_MS): number {
  if (lastCallMs === null) {
    return 0;
  }
  return Math.max(0, lastCallMs + gapMs - nowMs);
}

/** True for Chrome's quota rejection message. */
export function isCaptureQuotaError(message: string): boolean {
  return message.includes('MAX_CAPTURE_VISIBLE_TAB_CALLS_PER_SECOND');
}
