/**
 * @module Bench phase: the order detector's cost on ordinary (non-order) 5,000-node pages, through
 * detector-bench.ts (which times the detector's own entry point on the live page). Two pages: one that the
 * detector's pre-filter turns away at once, and a shopping portal whose header says 我的订单, which gets
 * past the pre-filter and is the costlier case. The figure is the worse p95 of the two.
 */
import type { ExtensionBrowser } from './chromium.ts';
import { round, type Figure } from './bench-common.ts';
import { ordinaryPageHtml } from './bench-pages.ts';
import { benchDetector, ordinaryPageWithOrderWordsHtml, showHtml } from './detector-bench.ts';

const RUNS = 300;
const NODES = 5000;

/** Runs the detector phase in the given (extension-loaded) browser and appends detector_ms_p95. */
export async function benchDetectorPhase(ext: ExtensionBrowser, figures: Figure[]): Promise<void> {
  const page = await ext.context.newPage();
  try {
    await showHtml(page, ordinaryPageHtml(NODES), '/news.html');
    const newsNodes = await page.evaluate(() => document.getElementsByTagName('*').length);
    const news = await benchDetector(page, RUNS);
    await showHtml(page, ordinaryPageWithOrderWordsHtml('portal', NODES), '/portal.html');
    const portalNodes = await page.evaluate(() => document.getElementsByTagName('*').length);
    const portal = await benchDetector(page, RUNS);
    const worst = Math.max(news.p95, portal.p95);
    figures.push({
      key: 'detector_ms_p95',
      value: round(worst, 3),
      target: '≤ 2 ms',
      anchor: '—',
      met: worst <= 2,
      note: `worse of: ordinary news page (${newsNodes} elements) p50 ${round(news.p50, 3)} / p95 ${round(news.p95, 3)} ms; portal with 我的订单 in its header (${portalNodes} elements) p50 ${round(portal.p50, 3)} / p95 ${round(portal.p95, 3)} ms; ${RUNS} timed runs each after warm-up (detector-bench.ts, cross-origin isolated page, 5 µs timer)`,
      measurements: { newsP50: news.p50, newsP95: news.p95, portalP50: portal.p50, portalP95: portal.p95, newsElements: newsNodes, portalElements: portalNodes },
    });
  } finally {
    await page.close();
  }
}
