/**
 * @module Content-side chat core: detect a live support chat in a document (known widgets first, then
 * the generic detector), watch it, and emit batches of new or changed messages. Pure: the caller
 * injects the document, clock, frame URL and the batch sink.
 */
import type { ChatBatch, ChatRoot, ChatWidgetAdapter } from '@/src/chat/types';
import { collectRoots, isScriptWrittenUrl } from '@/src/chat/dom';
import { genericAdapter } from '@/src/chat/generic';
import { ChatEngine } from '@/src/chat/watcher';
import { WIDGET_ADAPTERS } from '@/src/chat/widgets/index';

export type { ChatBatch, ChatItem, ChatMessageWire, ChatRoot, ChatWidgetAdapter, ChatWireKind, ChatWireRole } from '@/src/chat/types';
export { ChatBatchSchema, ChatMessageWireSchema, ChatWireKindSchema, ChatWireRoleSchema } from '@/src/chat/types';
export { mergeChatBatches, mergeChatMessage } from '@/src/chat/merge';
export { ChatEngine } from '@/src/chat/watcher';
export { findGenericChat, genericAdapter } from '@/src/chat/generic';
export { WIDGET_ADAPTERS } from '@/src/chat/widgets/index';

/** Options of {@link startChatWatcher}. */
export interface ChatWatcherOptions {
  /** Tears down every observer and timer. */
  signal: AbortSignal;
  frameUrl: string;
  /** Injected clock. */
  now: () => Date;
  /** Called with new or changed messages (full current state of each), coalesced, never dropping a change. */
  onBatch: (batch: ChatBatch) => void;
  /** How long to keep looking for a chat that has not appeared yet (default 10 minutes). */
  waitMs?: number;
}

const DEFAULT_WAIT_MS = 10 * 60_000;
/** Re-detection after DOM changes is throttled to this interval. */
const DETECT_THROTTLE_MS = 300;
/** Polling catches what mutations of this document cannot show: attachShadow, writes into child frames, a list that left. */
const POLL_MS = 1_000;

interface Found {
  adapter: ChatWidgetAdapter;
  list: Element;
  root: ChatRoot;
}

function findChat(doc: Document): Found | null {
  const roots = collectRoots(doc);
  for (const adapter of WIDGET_ADAPTERS) {
    for (const root of roots) {
      const list = adapter.findList(root);
      if (list) {
        return { adapter, list, root };
      }
    }
  }
  for (const root of roots) {
    const list = genericAdapter.findList(root);
    if (list) {
      return { adapter: genericAdapter, list, root };
    }
  }
  return null;
}

/** Returns the adapter of the live support chat in `doc` (its open shadow roots and script-written frames included), or null. */
export function detectChatWidget(doc: Document): ChatWidgetAdapter | null {
  return findChat(doc)?.adapter ?? null;
}

/** True when `doc` is a same-origin frame its parent writes (about:blank, srcdoc): the parent's watcher reads it, so a watcher here would record it twice. */
function isParentWrittenFrame(doc: Document): boolean {
  try {
    return doc.defaultView?.frameElement != null && isScriptWrittenUrl(doc.URL);
  } catch {
    return false;
  }
}

/**
 * Finds a live support chat in `doc` now or once it appears (widgets that load late or open on click), and
 * watches it until `signal` aborts. Resolves with the widget id as soon as a chat is found, or null after
 * `waitMs` without one. A Promise because late chats are the rule: widget scripts load after the page.
 * If the widget removes its list (closed, re-mounted), the watcher keeps looking and re-attaches; messages
 * already saved are matched again instead of duplicated.
 */
export function startChatWatcher(doc: Document, options: ChatWatcherOptions): Promise<{ widget: string } | null> {
  const { signal } = options;
  if (signal.aborted || isParentWrittenFrame(doc)) {
    return Promise.resolve(null);
  }
  const waitMs = options.waitMs ?? DEFAULT_WAIT_MS;
  return new Promise((resolve) => {
    let engine: ChatEngine | null = null;
    let engineWidget = '';
    let resolved = false;
    let throttle: ReturnType<typeof setTimeout> | null = null;
    let deadline = Date.now() + waitMs;
    const view = doc.defaultView;
    const Observer = view?.MutationObserver ?? MutationObserver;
    const docObserver = new Observer(() => {
      if (throttle === null && !engine?.currentList()) {
        throttle = setTimeout(() => {
          throttle = null;
          attempt();
        }, DETECT_THROTTLE_MS);
      }
    });

    const finish = (value: { widget: string } | null): void => {
      if (!resolved) {
        resolved = true;
        resolve(value);
      }
    };

    const attempt = (): void => {
      if (signal.aborted) {
        return;
      }
      const current = engine?.currentList();
      if (current?.isConnected) {
        return;
      }
      const found = findChat(doc);
      if (found && (!engine || found.adapter.id === engineWidget)) {
        if (!engine) {
          engineWidget = found.adapter.id;
          engine = new ChatEngine(found.adapter, chatKeyOf(options.frameUrl, found.adapter.id), options);
        }
        engine.attachList(found.list);
        docObserver.disconnect();
        finish({ widget: found.adapter.id });
        return;
      }
      if (current) {
        // The list left the page: stop reading it and look for its replacement for another wait period.
        engine?.detachList();
        deadline = Date.now() + waitMs;
        docObserver.observe(doc, { childList: true, subtree: true });
      }
      if (Date.now() > deadline && !engine) {
        finish(null);
        stop();
      }
    };

    const poll = setInterval(() => {
      if (Date.now() > deadline && !engine?.currentList()) {
        if (!engine) {
          finish(null);
        }
        stop();
        return;
      }
      attempt();
    }, POLL_MS);

    const stop = (): void => {
      clearInterval(poll);
      if (throttle !== null) {
        clearTimeout(throttle);
        throttle = null;
      }
      docObserver.disconnect();
    };

    signal.addEventListener(
      'abort',
      () => {
        stop();
        finish(engine ? { widget: engineWidget } : null);
      },
      { once: true },
    );
    docObserver.observe(doc, { childList: true, subtree: true });
    attempt();
  });
}

/** One chat per frame address and widget; query and hash are dropped (tokens, session ids). */
function chatKeyOf(frameUrl: string, widget: string): string {
  const base = frameUrl.split(/[?#]/, 1)[0] ?? frameUrl;
  return `${widget}|${base}`;
}
