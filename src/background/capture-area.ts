/**
 * @module Capture of an area the user picks on a tab (an element or a dragged region) when the detector or
 * the full-page render missed what matters. The picker (capture/pick-area.ts) runs in the top frame; then the
 * visible viewport is captured as usual and the area is cut from it. Stored as one batch: the cut area, the
 * whole viewport it was cut from, the element's text (element mode) and the metadata naming the area, each
 * hashed at capture, in the tab's case (or the shop's case without an order), like a normal capture.
 */
import { browser } from 'wxt/browser';
import { cropBox } from '@/src/capture/crop-area';
import { buildCaptureMetadata } from '@/src/capture/metadata';
import { pickArea } from '@/src/capture/pick-area';
import { PickedAreaSchema, type AreaMode, type CaptureOutcome } from '@/src/messaging/schemas';
import { sha256Hex } from '@/src/shared/hash';
import { evidenceTime } from '@/src/shared/time';
import { getDb } from '@/src/store/db';
import { storeCaptureBatch, type CapturedItem } from '@/src/store/repo';
import { shopCaseForEvidence } from '@/src/store/workspace-repo';
import { brandList, captureVisible, frontCapturableTab } from '@/src/background/capture';
import { getTabCases } from '@/src/background/tab-cases';

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

async function item(kind: CapturedItem['kind'], mime: string, data: Uint8Array, sourceUrl: string, title: string, note: string | null): Promise<CapturedItem> {
  return { kind, mime, data, sha256: await sha256Hex(data), sourceUrl, frameUrl: null, title, note };
}

/** Cuts `box` out of a PNG with OffscreenCanvas (the service worker has no DOM canvas). */
async function cropPng(png: Uint8Array, box: { sx: number; sy: number; sw: number; sh: number }): Promise<Uint8Array> {
  const bitmap = await createImageBitmap(new Blob([png as BlobPart], { type: 'image/png' }));
  try {
    const canvas = new OffscreenCanvas(box.sw, box.sh);
    const context = canvas.getContext('2d');
    if (context === null) {
      throw new Error('no 2D canvas to cut the area');
    }
    context.drawImage(bitmap, box.sx, box.sy, box.sw, box.sh, 0, 0, box.sw, box.sh);
    const blob = await canvas.convertToBlob({ type: 'image/png' });
    return new Uint8Array(await blob.arrayBuffer());
  } finally {
    bitmap.close();
  }
}

async function imageSize(png: Uint8Array): Promise<{ width: number; height: number }> {
  const bitmap = await createImageBitmap(new Blob([png as BlobPart], { type: 'image/png' }));
  const size = { width: bitmap.width, height: bitmap.height };
  bitmap.close();
  return size;
}

/** Lets the user pick an area on the tab, then captures it. */
export async function captureArea(tabId: number, mode: AreaMode, hint: string): Promise<CaptureOutcome> {
  const started = performance.now();
  const fail = (error: string): CaptureOutcome => ({ ok: false, batchId: null, caseId: null, capturedAt: null, items: [], problems: [], error, durationMs: performance.now() - started });
  const target = await frontCapturableTab(tabId);
  if ('reason' in target) {
    return fail(target.reason);
  }
  const { tab, url } = target;
  const [result] = await browser.scripting.executeScript({ target: { tabId, frameIds: [0] }, func: pickArea, args: [mode, hint] });
  const parsed = PickedAreaSchema.safeParse(result?.result ?? null);
  if (!parsed.success) {
    return fail('the page returned no area');
  }
  const picked = parsed.data;
  if (picked === null) {
    return fail('areaCancelled');
  }
  const capturedAt = evidenceTime();
  const title = tab.title ?? '';
  let visible: Uint8Array;
  try {
    visible = await captureVisible(tab.windowId);
  } catch (error) {
    return fail(errorMessage(error));
  }
  const size = await imageSize(visible);
  const box = cropBox(picked.rect, picked.viewport.width, size.width, size.height);
  if (box === null) {
    return fail('areaOutside');
  }
  const r = picked.rect;
  const where = `${Math.round(r.x)},${Math.round(r.y)} ${Math.round(r.width)}×${Math.round(r.height)} CSS px of the visible viewport`;
  const what = picked.mode === 'element' ? `element ${picked.element ?? ''}` : 'region dragged by the user';
  const note = `area: ${what} at ${where}${box.clipped ? ' (cut to the visible part)' : ''}`;
  const encoder = new TextEncoder();
  const items: CapturedItem[] = [
    await item('visible', 'image/png', await cropPng(visible, box), url, title, note),
    await item('visible', 'image/png', visible, url, title, 'the whole visible viewport the area was cut from'),
  ];
  if (picked.text !== null && picked.text.trim() !== '') {
    items.push(await item('text', 'text/plain;charset=utf-8', encoder.encode(picked.text), url, title, `text of ${what}`));
  }
  const meta = buildCaptureMetadata({
    url,
    title,
    capturedAt,
    browser: { userAgent: navigator.userAgent, brands: brandList() },
    extension: { name: 'liuzheng', version: browser.runtime.getManifest().version },
    viewport: picked.viewport,
    page: picked.page,
    items: items.map((i) => ({ kind: i.kind, sha256: i.sha256, bytes: i.data.byteLength, mime: i.mime, frameUrl: null, note: i.note })),
    problems: [],
  });
  items.push(await item('meta', 'application/json', encoder.encode(meta), url, title, null));

  const db = getDb();
  const tabCases = await getTabCases(tabId, url);
  const caseIds = tabCases.length > 0 ? tabCases : [await shopCaseForEvidence(db, new URL(url).origin, capturedAt)];
  const batchId = crypto.randomUUID();
  try {
    for (const id of caseIds) {
      await storeCaptureBatch(db, id, batchId, items, capturedAt);
    }
  } catch (error) {
    return fail(errorMessage(error));
  }
  return {
    ok: true,
    batchId,
    caseId: caseIds[0] ?? null,
    capturedAt: capturedAt.iso,
    items: items.map((i) => ({ kind: i.kind, sha256: i.sha256, bytes: i.data.byteLength, frameUrl: null })),
    problems: [],
    error: null,
    durationMs: performance.now() - started,
  };
}
