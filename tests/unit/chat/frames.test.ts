// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { childFrameDocument, committedUrl } from '@/src/chat/dom';
import { collectRoots, isParentWrittenFrame, RootScope } from '@/src/chat/index';
import { brief, el, settle, watch } from './helpers';

afterEach(() => {
  document.body.replaceChildren();
});

/** A srcdoc frame (happy-dom loads srcdoc, not about:blank) and its document. */
async function srcdocFrame(html: string): Promise<{ frame: HTMLIFrameElement; doc: Document }> {
  const frame = document.createElement('iframe');
  frame.srcdoc = html;
  document.body.append(frame);
  await settle(10);
  const doc = frame.contentDocument;
  if (!doc?.defaultView) {
    throw new Error('no srcdoc document');
  }
  // happy-dom has no window.frameElement; browsers give it to same-origin frames.
  Object.defineProperty(doc.defaultView, 'frameElement', { value: frame, configurable: true });
  return { frame, doc };
}

/** Makes `doc` look like Chromium's about:blank frame after the parent's document.open(): URL rewritten, navigation entry kept. */
function likeWrittenBlank(doc: Document, committed: string): void {
  Object.defineProperty(doc, 'URL', { value: 'https://shop.test/home', configurable: true });
  const view = doc.defaultView;
  if (view) {
    vi.spyOn(view.performance, 'getEntriesByType').mockReturnValue([{ name: committed } as PerformanceEntry]);
  }
}

/** A tawk-style bubble written into `doc` by the parent page. */
function tawkBubble(doc: Document, id: string, side: 'visitor' | 'agent', text: string): Element {
  const make = (tag: string, cls: string, value?: string): Element => {
    const e = doc.createElement(tag);
    e.className = cls;
    if (value !== undefined) {
      e.textContent = value;
    }
    return e;
  };
  const block = make('div', 'tawk-message-block');
  const bubble = make('div', 'tawk-message-bubble');
  bubble.id = `messageId-${id}`;
  const flex = make('div', `tawk-flex tawk-${side}-chat`);
  const body = make('div', 'tawk-chat-bubble');
  body.append(make('p', '', text));
  flex.append(body, make('time', 'tawk-timeago', '20:11'));
  bubble.append(flex);
  block.append(bubble);
  return block;
}

describe('parent-written frames', () => {
  it('reads the committed address, not the URL document.open() rewrote', async () => {
    const { frame, doc } = await srcdocFrame('<p>x</p>');
    expect(committedUrl(doc)).toBe('about:srcdoc');
    expect(childFrameDocument(frame)).toBe(doc);
    likeWrittenBlank(doc, 'about:blank');
    expect(doc.URL).toBe('https://shop.test/home');
    expect(committedUrl(doc)).toBe('about:blank');
    expect(childFrameDocument(frame)).toBe(doc);
    expect(isParentWrittenFrame(doc)).toBe(true);
    expect(collectRoots(document)).toContain(doc);
  });

  it('leaves frames with an address of their own to their own content script', async () => {
    const { frame, doc } = await srcdocFrame('<p>x</p>');
    likeWrittenBlank(doc, 'https://shop.test/frame.html');
    expect(childFrameDocument(frame)).toBeNull();
    expect(isParentWrittenFrame(doc)).toBe(false);
    expect(collectRoots(document)).not.toContain(doc);
  });

  it('saves every message of a chat the parent writes into a srcdoc frame exactly once', async () => {
    const h = watch(5_000);
    const { doc } = await srcdocFrame('<div class="tawk-chat-panel" id="panel"></div><textarea></textarea>');
    const panel = doc.getElementById('panel');
    panel?.append(tawkBubble(doc, 'a1', 'visitor', '礼品卡兑换失败'));
    expect(await h.widget).toEqual({ widget: 'tawk' });
    panel?.append(tawkBubble(doc, 'a2', 'agent', '请把卡号截图发来'));
    await settle();
    expect(brief(h.transcript())).toEqual(['customer|text|礼品卡兑换失败|20:11', 'agent|text|请把卡号截图发来|20:11']);
    expect(h.batches.flatMap((b) => b.messages).length).toBe(2);
    // The frame's own watcher (were a content script injected there) stands down.
    const own = await (await import('@/src/chat/index')).startChatWatcher(doc, {
      signal: new AbortController().signal,
      frameUrl: 'about:srcdoc',
      now: () => new Date(),
      onBatch: () => undefined,
    });
    expect(own).toBeNull();
    h.controller.abort();
  });
});

describe('root scope', () => {
  it('finds a shadow root attached after insertion on a custom element, and drops it when the host leaves', () => {
    const host = el('chat-bubble-host');
    document.body.append(host);
    const scope = new RootScope(document);
    expect(scope.roots).toEqual([document]);
    const shadow = host.attachShadow({ mode: 'open' });
    expect(scope.refresh()).toEqual([shadow]);
    expect(scope.roots).toContain(shadow);
    host.remove();
    scope.refresh();
    expect(scope.roots).toEqual([document]);
  });

  it('registers shadow roots of added subtrees and reports signals found on the way', () => {
    const scope = new RootScope(document, (e) => e.classList.contains('tawk-chat-panel'));
    const wrap = el('div', 'deep');
    const inner = el('div', 'deeper');
    wrap.append(inner);
    document.body.append(el('section', '', 'x'));
    document.body.lastElementChild?.append(wrap);
    const shadow = inner.attachShadow({ mode: 'open' });
    expect(scope.walk(wrap)).toBe(false);
    expect(scope.roots).toContain(shadow);
    // A signal inside a shadow root found during the walk counts for the subtree.
    const other = el('div');
    const otherShadow = other.attachShadow({ mode: 'open' });
    otherShadow.append(el('div', 'tawk-chat-panel'));
    document.body.append(other);
    expect(scope.walk(other)).toBe(true);
    expect(scope.roots).toContain(otherShadow);
  });
});

describe('adapter probes', () => {
  it('are simple .class/#id tokens and gate findList on the fixtures of the unit tests', async () => {
    const { WIDGET_ADAPTERS } = await import('@/src/chat/index');
    const { parseProbe, ProbeLookup } = await import('@/src/chat/probe');
    for (const adapter of WIDGET_ADAPTERS) {
      expect(() => parseProbe(adapter.probe ?? [])).not.toThrow();
    }
    expect(() => parseProbe(['.a .b'])).toThrow();
    const panel = el('div', 'tawk-chat-panel');
    document.body.append(panel);
    const lookup = new ProbeLookup(document);
    const tawk = WIDGET_ADAPTERS.find((a) => a.id === 'tawk');
    const crisp = WIDGET_ADAPTERS.find((a) => a.id === 'crisp');
    expect(tawk && lookup.matches(tawk)).toBe(true);
    expect(crisp && lookup.matches(crisp)).toBe(false);
  });
});
