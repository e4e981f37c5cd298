/**
 * @module Small DOM helpers shared by the adapters, the generic detector and the watcher. They read
 * attributes and text only: captured markup is data and is never parsed into new nodes.
 */
import type { ChatRoot, ChatWidgetAdapter } from '@/src/chat/types';

const CAMEL_BOUNDARY = /([a-z0-9])([A-Z])/g;
const TOKEN_SPLIT = /[\s_-]+/;

/** Lower-case word tokens of an element's class attribute (`chatBoxMe em-widget-right` → chat, box, me, em, widget, right). */
export function classTokens(el: Element): string[] {
  const raw = el.getAttribute('class');
  if (!raw) {
    return [];
  }
  return raw
    .replace(CAMEL_BOUNDARY, '$1 $2')
    .toLowerCase()
    .split(TOKEN_SPLIT)
    .filter((t) => t !== '');
}

/** True when the element's class attribute contains `name` as a whole class. */
export function hasClass(el: Element, name: string): boolean {
  return el.classList.contains(name);
}

/** True when the element is hidden by the `hidden` attribute, an inline or computed `display:none`/`visibility:hidden`, or a `hide`/`hidden` class, looking up to `stop` (exclusive). */
export function isHidden(el: Element, stop: Element | null): boolean {
  let cur: Element | null = el;
  while (cur && cur !== stop) {
    if (cur.hasAttribute('hidden')) {
      return true;
    }
    // Recall in some widgets (Easemob) and visitor-time hiding (go-fly) work through a class only.
    for (const token of cur.classList) {
      const t = token.toLowerCase();
      if (t === 'hide' || t === 'hidden' || t.endsWith('-hide') || t.endsWith('hide') || t === 'is-hidden' || t === 'd-none') {
        return true;
      }
    }
    const style = cur.getAttribute('style');
    if (style && /display\s*:\s*none|visibility\s*:\s*hidden/i.test(style)) {
      return true;
    }
    cur = cur.parentElement;
  }
  return computedHidden(el);
}

function computedHidden(el: Element): boolean {
  const view = el.ownerDocument.defaultView;
  if (!view) {
    return false;
  }
  const style = view.getComputedStyle(el);
  return style.display === 'none' || style.visibility === 'hidden';
}

/** Collapses runs of spaces (not line breaks) and trims; the text shown to a reader. */
export function normaliseSpace(text: string): string {
  return text
    .replace(/[ \t\f\v\r\u00a0\u200b\ufeff]+/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .join('\n')
    .trim();
}

/** Text of an element with spaces normalised (for short labels: times, notices, names). */
export function labelText(el: Element): string {
  return normaliseSpace(el.textContent ?? '');
}

/** Builds `itemOf`/`itemsIn` from a CSS selector matching every item of a widget's list. */
export function selectorItems(selector: string): Pick<ChatWidgetAdapter, 'itemOf' | 'itemsIn'> {
  return {
    itemOf(el, list) {
      const found = el.closest(selector);
      return found && found !== list && list.contains(found) ? found : null;
    },
    itemsIn(node, list) {
      const self = node.closest(selector);
      if (self && self !== list && list.contains(self)) {
        // Anything matching inside an item is part of that item, not an item of its own.
        return [self];
      }
      const out: Element[] = [];
      for (const inner of node.querySelectorAll(selector)) {
        const outer = inner.parentElement?.closest(selector);
        if (!outer || outer === list || !list.contains(outer)) {
          out.push(inner);
        }
      }
      return out;
    },
  };
}

/** Returns the first element matching one of `selectors` in `root`, in the order given. */
export function firstMatch(root: ChatRoot | Element, selectors: readonly string[]): Element | null {
  for (const selector of selectors) {
    const el = root.querySelector(selector);
    if (el) {
      return el;
    }
  }
  return null;
}

/** The URL of the document a root belongs to (about:blank frames report their own URL). */
export function rootUrl(root: ChatRoot): string {
  const doc = 'documentElement' in root ? root : root.ownerDocument;
  return doc.URL;
}

/** The first id-like attribute a widget puts on a message row, or null. */
export function nativeIdOf(el: Element): string | null {
  for (const attr of ['data-message-id', 'data-msg-id', 'data-msgid', 'data-mid', 'data-id', 'data-key', 'id']) {
    const value = el.getAttribute(attr);
    if (value && value.length <= 200) {
      return value;
    }
  }
  return null;
}

/** Narrows a node to an element without relying on one realm's `Element` constructor. */
export function isElement(node: Node | null): node is Element {
  return node !== null && node.nodeType === 1;
}

/** A child frame's document when it is same-origin and has no address of its own (about:blank, srcdoc, blob): the parent writes it and no content script of ours runs there, so the parent's watcher reads it. */
export function childFrameDocument(frame: Element): Document | null {
  const view = frame.ownerDocument.defaultView;
  if (!view || !(frame instanceof view.HTMLIFrameElement)) {
    return null;
  }
  try {
    const child = frame.contentDocument;
    return child && isScriptWrittenUrl(committedUrl(child)) ? child : null;
  } catch {
    // Some engines throw for cross-origin frames instead of returning null; their own content script handles them.
    return null;
  }
}

/**
 * The address the document's frame committed to. `document.open()` rewrites `document.URL` (and
 * `location`) to the writing page's address, so a written about:blank frame reports an http(s) URL; the
 * navigation entry keeps the committed one, which is also what decides whether a content script runs there.
 */
export function committedUrl(doc: Document): string {
  try {
    const entry = doc.defaultView?.performance.getEntriesByType('navigation')[0];
    if (entry && entry.name !== '') {
      return entry.name;
    }
  } catch {
    // No Performance Timeline (test DOMs, detached frames): the document's own URL is the best left.
  }
  return doc.URL;
}

/** True for frame addresses that carry no document of their own (the parent writes them); blob: frames get no content script either. */
export function isScriptWrittenUrl(url: string): boolean {
  return url === '' || url.startsWith('about:') || url.startsWith('javascript:') || url.startsWith('blob:');
}

/** Builds `itemOf`/`itemsIn` for lists whose items are simply the list's element children. */
export function childItems(): Pick<ChatWidgetAdapter, 'itemOf' | 'itemsIn'> {
  return {
    itemOf(el, list) {
      let cur: Element | null = el;
      while (cur && cur.parentElement !== list) {
        cur = cur.parentElement;
      }
      return cur;
    },
    itemsIn(node, list) {
      if (node === list) {
        return [...list.children];
      }
      return node.parentElement === list ? [node] : [];
    },
  };
}
