import { describe, expect, it } from 'vitest';
import { uncapturableReason } from '@/src/capture/capturability';
import { buildCaptureMetadata } from '@/src/capture/metadata';
import { CAPTURE_GAP_MS, isCaptureQuotaError, waitBeforeNextCapture } from '@/src/capture/rate-limit';
import { chooseRenderScale, MAX_PARTS, PART_HEIGHT, planParts } from '@/src/capture/render-full-page';
import { evidenceTime } from '@/src/shared/time';

describe('what can be captured', () => {
  it.each([
    ['https://shop.example/detail-order-sn/ABC', null],
    ['http://127.0.0.1:8080/x', null],
    ['chrome://settings', 'reasonBrowserPage'],
    ['about:blank', 'reasonBrowserPage'],
    [undefined, 'reasonBrowserPage'],
    ['chrome-extension://abc/popup.html', 'reasonExtensionPage'],
    ['chrome-extension://mhjfbmdgcfjbbpaeojofohoefgiehjai/index.html', 'reasonPdfViewer'],
    ['https://shop.example/invoice.PDF', 'reasonPdfViewer'],
    ['https://chromewebstore.google.com/detail/x', 'reasonWebStore'],
    ['https://chrome.google.com/webstore/detail/x', 'reasonWebStore'],
    ['https://addons.mozilla.org/zh-CN/firefox/', 'reasonWebStore'],
    ['file:///home/u/a.html', 'reasonFileUrl'],
    ['', 'reasonNoUrl'],
  ])('%s → %s', (url, reason) => {
    expect(uncapturableReason(url)).toBe(reason);
  });
});

describe('captureVisibleTab pacing', () => {
  it('waits out the 2-per-second quota', () => {
    expect(waitBeforeNextCapture(null, 1000)).toBe(0);
    expect(waitBeforeNextCapture(1000, 1100)).toBe(CAPTURE_GAP_MS - 100);
    expect(waitBeforeNextCapture(1000, 1000 + CAPTURE_GAP_MS + 1)).toBe(0);
    expect(CAPTURE_GAP_MS).toBeGreaterThanOrEqual(500);
    expect(isCaptureQuotaError('This request exceeds the MAX_CAPTURE_VISIBLE_TAB_CALLS_PER_SECOND quota.')).toBe(true);
  });
});

describe('full-page canvas limits', () => {
  it('keeps ordinary pages at device scale, within the pixel budget', () => {
    expect(chooseRenderScale(1280, 3000, 1)).toBe(1);
    expect(chooseRenderScale(1280, 3000, 2)).toBe(2);
    expect(chooseRenderScale(8000, PART_HEIGHT, 2) * PART_HEIGHT).toBeLessThan(32_767);
  });

  it('splits tall pages into parts under the 32,767 px limit and stops at the part cap', () => {
    expect(planParts(3000)).toEqual([{ top: 0, height: 3000 }]);
    const parts = planParts(35_000);
    expect(parts).toEqual([
      { top: 0, height: PART_HEIGHT },
      { top: PART_HEIGHT, height: PART_HEIGHT },
      { top: 2 * PART_HEIGHT, height: 35_000 - 2 * PART_HEIGHT },
    ]);
    expect(planParts(10_000_000)).toHaveLength(MAX_PARTS);
  });
});

describe('capture metadata', () => {
  it('is canonical JSON with time, zone and the other items', () => {
    const at = evidenceTime(new Date('2026-11-02T13:05:33.120Z'));
    const text = buildCaptureMetadata({
      url: 'https://shop.example/o',
      title: '订单',
      capturedAt: at,
      browser: { userAgent: 'UA', brands: [] },
      extension: { name: 'liuzheng', version: '0.1.0' },
      viewport: { width: 1280, height: 800, devicePixelRatio: 1 },
      page: null,
      items: [{ kind: 'visible', sha256: 'a'.repeat(64), bytes: 10, mime: 'image/png', frameUrl: null, note: null }],
      problems: [],
    });
    const parsed = JSON.parse(text) as Record<string, unknown>;
    expect(parsed.capturedAt).toBe(at.iso);
    expect(parsed.capturedAtEpochMs).toBe(Date.parse('2026-11-02T13:05:33.120Z'));
    expect(at.iso).toMatch(/\.120([+-]\d{2}:\d{2}|Z)$/);
    expect(Date.parse(at.iso)).toBe(at.epochMs);
    expect(text).not.toContain('\n');
  });
});
