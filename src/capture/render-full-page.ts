/**
 * @module Full-page image of the top document, drawn by html2canvas-pro inside the page (injected on
 * demand, so ordinary browsing never loads the renderer). html2canvas refuses regions over 32,767 px, so a
 * very tall page is drawn as several vertical parts, each saying which stretch of the page it shows.
 */
import html2canvas from 'html2canvas-pro';
import type { RenderedPart, RenderResult } from '@/src/messaging/schemas';

/** Height of one part in CSS pixels (under html2canvas' 32,767 px limit, with room for scale 2). */
export const PART_HEIGHT = 16_000;
/** At most this many parts (256,000 px of page); the rest is noted as cut. */
export const MAX_PARTS = 16;
/** Largest canvas area we ask for per part (a memory bound on the user's machine). */
export const MAX_PIXELS = 60_000_000;
/**
 * Pages with more elements get no full-page image: html2canvas-pro reads ~100 computed properties of every
 * element (≈0.5 ms each on a 2-core machine), so a hostile 100,000-element page would hold the capture for
 * over a minute. The visible screenshot, text and HTML of such a page are still kept.
 */
export const MAX_RENDER_ELEMENTS = 30_000;
/**
 * Likewise for text: html2canvas-pro measures wrapped text word by word (in Chinese a word is one or two
 * characters), so a page holding a megabyte of text took well over a minute. Ordinary order and chat pages
 * hold a few thousand characters.
 */
export const MAX_RENDER_TEXT = 200_000;

/** The vertical stretches to draw for a page of `height` CSS px. */
export function planParts(height: number): { top: number; height: number }[] {
  const parts: { top: number; height: number }[] = [];
  for (let top = 0; top < height && parts.length < MAX_PARTS; top += PART_HEIGHT) {
    parts.push({ top, height: Math.min(PART_HEIGHT, height - top) });
  }
  return parts;
}

/** A scale that keeps one part's canvas within the pixel budget (device scale, at most 2). */
export function chooseRenderScale(width: number, height: number, devicePixelRatio: number, maxPixels: number = MAX_PIXELS): number {
  const wanted = Math.max(1, Math.min(devicePixelRatio, 2));
  const areaLimit = Math.sqrt(maxPixels / Math.max(width * height, 1));
  return Math.min(wanted, areaLimit);
}

function pageBackground(doc: Document): string {
  // The body's background only covers the body box: take the page's computed background for the canvas.
  const transparent = (c: string): boolean => c === 'transparent' || c === 'rgba(0, 0, 0, 0)';
  const root = getComputedStyle(doc.documentElement).backgroundColor;
  const body = getComputedStyle(doc.body).backgroundColor;
  return !transparent(root) ? root : !transparent(body) ? body : '#ffffff';
}

/** Renders the document to one PNG, or several for very tall pages, returned as PNG bytes. */
export async function renderFullPage(doc: Document = document): Promise<RenderResult> {
  const started = performance.now();
  try {
    const root = doc.documentElement;
    const elements = doc.getElementsByTagName('*').length;
    if (elements > MAX_RENDER_ELEMENTS) {
      return { ok: false, error: `page too large for a full-page image (${elements} elements, limit ${MAX_RENDER_ELEMENTS}); the visible screenshot, text and HTML are kept` };
    }
    const characters = doc.body.textContent.length;
    if (characters > MAX_RENDER_TEXT) {
      return { ok: false, error: `page too large for a full-page image (${characters} characters of text, limit ${MAX_RENDER_TEXT}); the visible screenshot, text and HTML are kept` };
    }
    const width = Math.max(root.scrollWidth, doc.body.scrollWidth, window.innerWidth);
    const height = Math.max(root.scrollHeight, doc.body.scrollHeight, window.innerHeight);
    const plan = planParts(height);
    const backgroundColor = pageBackground(doc);
    const parts: RenderedPart[] = [];
    for (const [index, stretch] of plan.entries()) {
      const scale = chooseRenderScale(width, stretch.height, window.devicePixelRatio);
      const canvas = await html2canvas(root, {
        scale,
        width,
        height: stretch.height,
        windowWidth: window.innerWidth,
        windowHeight: window.innerHeight,
        x: 0,
        y: stretch.top,
        scrollX: 0,
        scrollY: 0,
        backgroundColor,
        logging: false,
        // Cross-origin images would taint the canvas; they are drawn blank instead (the visible screenshot has them).
        useCORS: false,
        imageTimeout: 3000,
      });
      const blob = await new Promise<Blob | null>((resolve) => {
        canvas.toBlob(resolve, 'image/png');
      });
      if (blob === null) {
        return { ok: false, error: 'the browser could not encode the full-page image' };
      }
      const notes: string[] = [];
      if (plan.length > 1) {
        notes.push(`part ${index + 1} of ${plan.length}: page y ${stretch.top}–${stretch.top + stretch.height} px of ${height} px`);
      }
      if (scale < 1) {
        notes.push(`drawn at scale ${scale.toFixed(3)} to fit canvas limits`);
      }
      if (index === plan.length - 1 && stretch.top + stretch.height < height) {
        notes.push(`page cut at ${stretch.top + stretch.height} px of ${height} px`);
      }
      parts.push({
        // Raw bytes: executeScript structured-clones them to the worker. Base64 cost ~4/3 the size plus an
        // encode here and a decode there (≈0.2–0.3 s for a 1.3 MB PNG on a 2-core machine).
        png: await blob.arrayBuffer(),
        width: canvas.width,
        height: canvas.height,
        top: stretch.top,
        scale,
        note: notes.length > 0 ? notes.join('; ') : null,
      });
    }
    return { ok: true, parts, renderMs: performance.now() - started };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}
