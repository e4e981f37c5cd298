/**
 * @module Capture of a tab, orchestrated by the background: visible viewport (captureVisibleTab), text
 * and HTML of every frame (scripting.executeScript), full-page image (renderer injected into the top
 * frame), metadata; each item hashed with SHA-256 as it arrives, then all stored in one transaction.
 * An item that fails is reported plainly and the others are still kept.
 */
import { browser, type Browser } from 'wxt/browser';
import { uncapturableReason } from '@/src/capture/capturability';
import { collectFrameSnapshot } from '@/src/capture/collect-frame';
import { buildCaptureMetadata } from '@/src/capture/metadata';
import { runResidentRenderer } from '@/src/capture/resident-renderer';
import { CAPTURE_GAP_MS, isCaptureQuotaError, waitBeforeNextCapture } from '@/src/capture/rate-limit';
import { messenger } from '@/src/messaging/protocol';
import { FrameSnapshotSchema, RenderResultSchema, type CaptureOutcome, type CaptureStep, type FrameSnapshot } from '@/src/messaging/schemas';
import { base64ToBytes } from '@/src/shared/base64';
import { sha256Hex } from '@/src/shared/hash';
import { evidenceTime } from '@/src/shared/time';
import { getDb } from '@/src/store/db';
import { storeCaptureBatch, type CapturedItem } from '@/src/store/repo';
import { shopCaseForEvidence } from '@/src/store/workspace-repo';
import { getTabCases } from '@/src/background/tab-cases';
import { LAST_TIMINGS_KEY } from '@/src/capture/diagnostics';
import { recordCapturedMembership, shareShopLicence } from '@/src/background/membership';

/** At most this many subframes are captured as separate text/HTML items (ad-heavy pages have dozens). */
const MAX_FRAMES = 20;
const LAST_CAPTURE_KEY = 'capture:last-visible-call';
const TOTAL_STEPS = 5;

let lastVisibleCallMs: number | null = null;
/** One capture at a time: captureVisibleTab's quota and the user's intent are both per browser. */
let queue: Promise<unknown> = Promise.resolve();

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Waits until captureVisibleTab may be called again (the quota), without claiming the call. */
async function waitForCaptureSlot(): Promise<void> {
  if (lastVisibleCallMs === null) {
    // A restarted worker forgets its last call; storage.session does not.
    const stored: Record<string, unknown> = await browser.storage.session.get(LAST_CAPTURE_KEY);
    const value = stored[LAST_CAPTURE_KEY];
    lastVisibleCallMs = typeof value === 'number' ? value : null;
  }
  const wait = waitBeforeNextCapture(lastVisibleCallMs, Date.now());
  if (wait > 0) {
    await sleep(wait);
  }
}

async function paceVisibleCapture(): Promise<void> {
  await waitForCaptureSlot();
  lastVisibleCallMs = Date.now();
  // Only a restarted worker reads this back; the call itself need not wait for the write.
  browser.storage.session.set({ [LAST_CAPTURE_KEY]: lastVisibleCallMs }).catch(() => undefined);
}

/** The visible viewport of a window as PNG bytes, paced to the browser's quota (also used by the area capture). */
export async function captureVisible(windowId: number): Promise<Uint8Array> {
  for (let attempt = 0; ; attempt++) {
    await paceVisibleCapture();
    try {
      const dataUrl = await browser.tabs.captureVisibleTab(windowId, { format: 'png' });
      return base64ToBytes(dataUrl.slice(dataUrl.indexOf(',') + 1));
    } catch (error) {
      if (attempt < 2 && isCaptureQuotaError(errorMessage(error))) {
        await sleep(CAPTURE_GAP_MS);
        continue;
      }
      throw error;
    }
  }
}

async function collectFrames(tabId: number): Promise<{ frameId: number; snapshot: FrameSnapshot }[]> {
  const results = await browser.scripting.executeScript({ target: { tabId, allFrames: true }, func: collectFrameSnapshot });
  const frames: { frameId: number; snapshot: FrameSnapshot }[] = [];
  for (const result of results) {
    const parsed = FrameSnapshotSchema.safeParse(result.result);
    if (parsed.success) {
      frames.push({ frameId: result.frameId, snapshot: parsed.data });
    }
  }
  frames.sort((a, b) => a.frameId - b.frameId);
  return frames;
}

/**
 * A full-page render that has not answered by then is given up and reported as a problem. A page can keep
 * html2canvas-pro waiting forever (frames of its copy that never finish loading), and captures run one at a
 * time: without a bound, one such page would stall every later capture until the worker restarts.
 */
const RENDER_TIMEOUT_MS = 45_000;

function withTimeout<T>(work: Promise<T>, ms: number, message: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(message)), ms);
    work.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

async function renderTopFrame(tabId: number): Promise<{ png: Uint8Array; note: string | null }[]> {
  const target = { tabId, frameIds: [0] };
  // The renderer an earlier capture of this page left in the extension's world runs warm; else the file is injected.
  const [kept] = await browser.scripting.executeScript({ target, func: runResidentRenderer, args: [browser.runtime.getManifest().version] });
  const result = kept?.result ?? (await browser.scripting.executeScript({ target, files: ['/content-scripts/render.js'] }))[0]?.result;
  const parsed = RenderResultSchema.safeParse(result);
  if (!parsed.success) {
    throw new Error('the page returned no full-page image');
  }
  if (!parsed.data.ok) {
    throw new Error(parsed.data.error);
  }
  return parsed.data.parts.map((part) => ({ png: new Uint8Array(part.png), note: part.note }));
}

function textItemBody(snapshot: FrameSnapshot): string {
  const fields = snapshot.formFields.map((f) => `${f.label}: ${f.value}`).join('\n');
  return fields === '' ? snapshot.text : `${snapshot.text}\n\n--- form fields / 表单字段 ---\n${fields}`;
}

function reportProgress(tabId: number, step: CaptureStep, done: number): void {
  // Nobody may be listening (popup closed): that is fine.
  messenger.sendMessage('captureProgress', { tabId, step, done, total: TOTAL_STEPS }).catch(() => undefined);
}

async function item(kind: CapturedItem['kind'], mime: string, data: Uint8Array, sourceUrl: string, frameUrl: string | null, title: string, note: string | null): Promise<CapturedItem> {
  return { kind, mime, data, sha256: await sha256Hex(data), sourceUrl, frameUrl, title, note };
}

/**
 * The tab to capture with its address and window, brought to the front (a popup opened as a tab would itself be
 * the visible tab, and a picker needs the user's eyes on the page); or the plain reason it cannot be captured.
 */
export async function frontCapturableTab(tabId: number): Promise<{ tab: Browser.tabs.Tab & { windowId: number }; url: string } | { reason: string }> {
  const tab = await browser.tabs.get(tabId);
  const reason = uncapturableReason(tab.url);
  const windowId = tab.windowId;
  if (reason !== null || windowId === undefined) {
    return { reason: reason ?? 'reasonNoUrl' };
  }
  if (!tab.active) {
    await browser.tabs.update(tabId, { active: true });
  }
  return { tab: { ...tab, windowId }, url: tab.url ?? '' };
}

async function runCapture(tabId: number): Promise<CaptureOutcome> {
  const started = performance.now();
  const fail = (error: string): CaptureOutcome => ({ ok: false, batchId: null, caseId: null, capturedAt: null, items: [], problems: [], error, durationMs: performance.now() - started });
  // When each step began (ms after the request): kept for `npm run bench`, which reports where capture time goes.
  const stepStarts: Partial<Record<CaptureStep, number>> = {};
  const enter = (step: CaptureStep, done: number): void => {
    stepStarts[step] = Math.round(performance.now() - started);
    reportProgress(tabId, step, done);
  };
  const target = await frontCapturableTab(tabId);
  if ('reason' in target) {
    return fail(target.reason);
  }
  const { tab, url } = target;
  // The batch's time is when its screenshot is taken: after any wait for the quota, not before it (captures are
  // serialised, so nothing else can claim the slot in between).
  await waitForCaptureSlot();
  const capturedAt = evidenceTime();
  const encoder = new TextEncoder();
  // Each item is hashed as soon as it arrives, while the page works on the next one; the batch keeps the order
  // visible, text/html per frame, full page, whatever order the items arrive and the hashes finish in.
  const problems: { kind: string; message: string }[] = [];
  const title = tab.title ?? '';

  // The visible screenshot is asked for first: it records what the user saw. Reading text and HTML changes nothing
  // on screen, so it runs meanwhile (the screenshot is the browser's, the read the page's).
  enter('visible', 0);
  const framesRead = collectFrames(tabId);
  const visibleItem = captureVisible(tab.windowId).then(
    (png) => item('visible', 'image/png', png, url, null, title, null),
    (error: unknown) => {
      problems.push({ kind: 'visible', message: errorMessage(error) });
      return null;
    },
  );

  // Text/HTML strictly before the renderer: the renderer adds a hidden iframe holding a copy of the page,
  // which the HTML and the frame list must not contain.
  enter('text', 1);
  const frameItems: Promise<CapturedItem>[] = [];
  let top: FrameSnapshot | null = null;
  try {
    const frames = await framesRead;
    top = frames.find((f) => f.frameId === 0)?.snapshot ?? null;
    for (const frame of frames.slice(0, MAX_FRAMES + 1)) {
      const frameUrl = frame.frameId === 0 ? null : frame.snapshot.url;
      if (frameUrl !== null && frame.snapshot.text.trim() === '' && frame.snapshot.formFields.length === 0) {
        continue; // empty ad or tracking frames add noise, not evidence
      }
      frameItems.push(item('text', 'text/plain;charset=utf-8', encoder.encode(textItemBody(frame.snapshot)), url, frameUrl, frame.snapshot.title, null));
      frameItems.push(item('html', 'text/html;charset=utf-8', encoder.encode(frame.snapshot.html), url, frameUrl, frame.snapshot.title, null));
    }
    if (top === null) {
      problems.push({ kind: 'text', message: 'the page did not answer (it may still be loading)' });
    }
  } catch (error) {
    problems.push({ kind: 'text', message: errorMessage(error) });
  }

  // The renderer starts while the browser may still be encoding the screenshot: the grab itself comes first (the
  // request left before the renderer was even injected), and the renderer's copy of the page is hidden and off
  // screen, so it cannot show in it. Overlapping the two saves the screenshot's encode time (~0.1–0.15 s).
  enter('fullpage', 2);
  const fullPageItems: Promise<CapturedItem>[] = [];
  try {
    for (const part of await withTimeout(renderTopFrame(tabId), RENDER_TIMEOUT_MS, `the page did not finish drawing within ${RENDER_TIMEOUT_MS / 1000} s`)) {
      fullPageItems.push(item('fullpage', 'image/png', part.png, url, null, title, part.note));
    }
  } catch (error) {
    problems.push({ kind: 'fullpage', message: errorMessage(error) });
  }

  enter('hash', 3);
  const items = (await Promise.all([visibleItem, ...frameItems, ...fullPageItems])).filter((i): i is CapturedItem => i !== null);
  if (items.length === 0) {
    return { ...fail(problems.map((p) => `${p.kind}: ${p.message}`).join('; ')), problems };
  }
  const manifest = browser.runtime.getManifest();
  const meta = buildCaptureMetadata({
    url,
    title: top?.title ?? title,
    capturedAt,
    browser: { userAgent: navigator.userAgent, brands: brandList() },
    extension: { name: 'liuzheng', version: manifest.version },
    viewport: top?.viewport ?? null,
    page: top?.page ?? null,
    items: items.map((i) => ({ kind: i.kind, sha256: i.sha256, bytes: i.data.byteLength, mime: i.mime, frameUrl: i.frameUrl, note: i.note })),
    problems,
  });
  items.push(await item('meta', 'application/json', encoder.encode(meta), url, null, title, null));

  enter('store', 4);
  const db = getDb();
  // A page showing several orders is evidence for each of their cases (bytes are stored once).
  const tabCases = await getTabCases(tabId, url);
  const caseIds = tabCases.length > 0 ? tabCases : [await shopCaseForEvidence(db, new URL(url).origin, capturedAt)];
  const caseId = caseIds[0] ?? '';
  const batchId = crypto.randomUUID();
  try {
    for (const id of caseIds) {
      await storeCaptureBatch(db, id, batchId, items, capturedAt);
    }
  } catch (error) {
    const message = errorMessage(error);
    // Over quota (Dexie's QuotaExceededError): the transaction rolled back; say so in the user's words.
    const overQuota = /quota/i.test(`${error instanceof Error ? error.name : ''} ${message}`);
    return { ...fail(overQuota ? 'captureStorageFull' : message), problems };
  }
  // A captured membership page (auto-renew off, non-member, refund arrived) ticks its checklist item; the licence reaches a new '' case.
  try {
    await recordCapturedMembership(new URL(url).origin, batchId, url, top?.text ?? null, capturedAt);
    await shareShopLicence(new URL(url).origin);
  } catch (error) {
    problems.push({ kind: 'membership', message: errorMessage(error) });
  }
  enter('done', TOTAL_STEPS);
  browser.storage.session.set({ [LAST_TIMINGS_KEY]: stepStarts }).catch(() => undefined);
  return {
    ok: true,
    batchId,
    caseId,
    capturedAt: capturedAt.iso,
    items: items.map((i) => ({ kind: i.kind, sha256: i.sha256, bytes: i.data.byteLength, frameUrl: i.frameUrl })),
    problems,
    error: null,
    durationMs: performance.now() - started,
  };
}

/** The browser's brands and versions for the metadata item. */
export function brandList(): string[] {
  const data: unknown = Reflect.get(navigator, 'userAgentData');
  if (typeof data !== 'object' || data === null) {
    return [];
  }
  const brands: unknown = Reflect.get(data, 'brands');
  if (!Array.isArray(brands)) {
    return [];
  }
  return brands.flatMap((b: unknown) => {
    if (typeof b !== 'object' || b === null) {
      return [];
    }
    const brand: unknown = Reflect.get(b, 'brand');
    const version: unknown = Reflect.get(b, 'version');
    return typeof brand === 'string' && typeof version === 'string' ? [`${brand} ${version}`] : [];
  });
}

/** Captures a tab; captures are serialised so the captureVisibleTab quota is never exceeded. */
export function captureTab(tabId: number): Promise<CaptureOutcome> {
  const run = queue.then(() => runCapture(tabId));
  queue = run.catch(() => undefined);
  return run;
}
