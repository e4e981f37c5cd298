import { describe, expect, it } from 'vitest';
import { isTrustedSender } from '@/src/messaging/handle';
import { CaptureOutcomeSchema, FrameSnapshotSchema, RenderResultSchema, TabIdSchema } from '@/src/messaging/schemas';

const ID = 'abcdefghijklmnopabcdefghijklmnop';
const ORIGIN = `chrome-extension://${ID}/`;

describe('sender checks', () => {
  it('accepts extension pages only from the extension origin', () => {
    expect(isTrustedSender({ id: ID, url: `${ORIGIN}popup.html` }, 'extension-page', ID, ORIGIN)).toBe(true);
    expect(isTrustedSender({ id: ID, url: 'https://shop.example/', tab: { id: 3 } }, 'extension-page', ID, ORIGIN)).toBe(false);
    expect(isTrustedSender({ id: 'other-extension', url: `chrome-extension://other-extension/popup.html` }, 'extension-page', ID, ORIGIN)).toBe(false);
  });

  it('accepts content scripts only from a tab of this extension', () => {
    expect(isTrustedSender({ id: ID, url: 'https://shop.example/', tab: { id: 3 }, frameId: 0 }, 'content-script', ID, ORIGIN)).toBe(true);
    expect(isTrustedSender({ id: ID, url: 'https://shop.example/' }, 'content-script', ID, ORIGIN)).toBe(false);
    expect(isTrustedSender({ id: 'evil', url: 'https://shop.example/', tab: { id: 3 } }, 'content-script', ID, ORIGIN)).toBe(false);
    expect(isTrustedSender({ url: 'https://shop.example/', tab: { id: 3 } }, 'content-script', ID, ORIGIN)).toBe(false);
  });

  it('accepts the background only without a tab', () => {
    expect(isTrustedSender({ id: ID, url: `${ORIGIN}background.js` }, 'background', ID, ORIGIN)).toBe(true);
    expect(isTrustedSender({ id: ID, url: 'https://shop.example/', tab: { id: 1 } }, 'background', ID, ORIGIN)).toBe(false);
  });
});

describe('payload schemas reject bad payloads', () => {
  it('tab ids', () => {
    expect(TabIdSchema.safeParse({ tabId: 4 }).success).toBe(true);
    for (const bad of [{}, { tabId: -1 }, { tabId: 1.5 }, { tabId: '4' }, null, 'x']) {
      expect(TabIdSchema.safeParse(bad).success).toBe(false);
    }
  });

  it('frame snapshots', () => {
    const good = { url: 'https://x/', title: 't', text: 'a', html: '<html>', viewport: { width: 1, height: 1, devicePixelRatio: 1 }, page: { width: 1, height: 1, scrollX: 0, scrollY: 0 }, formFields: [] };
    expect(FrameSnapshotSchema.safeParse(good).success).toBe(true);
    expect(FrameSnapshotSchema.safeParse({ ...good, text: 42 }).success).toBe(false);
    expect(FrameSnapshotSchema.safeParse({ ...good, viewport: null }).success).toBe(false);
    expect(FrameSnapshotSchema.safeParse({ ...good, formFields: Array.from({ length: 2001 }, () => ({ label: '', value: '' })) }).success).toBe(false);
  });

  it('render results and capture outcomes', () => {
    expect(RenderResultSchema.safeParse({ ok: true, pngBase64: '', width: 1, height: 1, scale: 1, note: null, renderMs: 1 }).success).toBe(false);
    expect(RenderResultSchema.safeParse({ ok: false, error: 'x' }).success).toBe(true);
    expect(RenderResultSchema.safeParse({ ok: 'yes' }).success).toBe(false);
    expect(CaptureOutcomeSchema.safeParse({ ok: true }).success).toBe(false);
  });
});
