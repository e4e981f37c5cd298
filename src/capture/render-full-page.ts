/**
 * @module Full-page image of the top document, drawn by html2canvas-pro inside the page (injected on
 * demand, so ordinary browsing never loads the renderer). Canvas size is bounded: very tall pages are
 * scaled down, and the result says so.
 */
import html2canvas from 'html2canvas-pro';
import type { RenderResult } from '@/src/messaging/schemas';

/** Largest canvas side Chromium and Firefox both draw reliably. */
const MAX_SIDE = 32_000;
/** Largest canvas area we ask for (about 1 GB of RGBA would be a memory hazard on the user's machine). */
export const MAX_PIXELS = 120_000_000;

/** Chooses a scale that keeps the canvas within the limits; returns the scale and a note when reduced. */
export function chooseRenderScale(width: number, height: number, devicePixelRatio: number, maxPixels: number = MAX_PIXELS): { scale: number; note: string | null } {
  const wanted = Math.max(1, Math.min(devicePixelRatio, 2));
  const sideLimit = MAX_SIDE / Math.max(width, height, 1);
  const areaLimit = Math.sqrt(maxPixels / Math.max(width * height, 1));
  const scale = Math.min(wanted, sideLimit, areaLimit);
  const note = scale < 1 ? `page ${width}×${height} px drawn at scale ${scale.toFixed(3)} to fit canvas limits` : null;
  return { scale, note };
}

function bytesToBase64(bytes: Uint8Array): string {
  // Chunked: String.fromCharCode over a multi-megabyte array at once would overflow the call stack.
  let binary = '';
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) {
    binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  }
  return btoa(binary);
}

/** Renders the document to a PNG and returns it base64-encoded with its geometry. */
export async function renderFullPage(doc: Document = document): Promise<RenderResult> {
  const started = performance.now();
  try {
    const root = doc.documentElement;
    const width = Math.max(root.scrollWidth, doc.body.scrollWidth, window.innerWidth);
    const height = Math.max(root.scrollHeight, doc.body.scrollHeight, window.innerHeight);
    const { scale, note } = chooseRenderScale(width, height, window.devicePixelRatio);
    // The body's background only covers the body box: take the page's computed background for the canvas.
    const bodyBackground = getComputedStyle(doc.body).backgroundColor;
    const rootBackground = getComputedStyle(root).backgroundColor;
    const transparent = (c: string): boolean => c === 'transparent' || c === 'rgba(0, 0, 0, 0)';
    const backgroundColor = !transparent(rootBackground) ? rootBackground : !transparent(bodyBackground) ? bodyBackground : '#ffffff';
    const canvas = await html2canvas(root, {
      scale,
      width,
      height,
      windowWidth: window.innerWidth,
      windowHeight: window.innerHeight,
      x: 0,
      y: 0,
      scrollX: 0,
      scrollY: 0,
      backgroundColor,
      logging: false,
      // Cross-origin images would taint the canvas; they are drawn as blanks instead (the visible screenshot has them).
      useCORS: false,
      imageTimeout: 3000,
    });
    const blob = await new Promise<Blob | null>((resolve) => {
      canvas.toBlob(resolve, 'image/png');
    });
    if (blob === null) {
      return { ok: false, error: 'the browser could not encode the full-page image' };
    }
    const bytes = new Uint8Array(await blob.arrayBuffer());
    return { ok: true, pngBase64: bytesToBase64(bytes), width: canvas.width, height: canvas.height, scale, note, renderMs: performance.now() - started };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}
