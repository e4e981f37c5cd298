/**
 * @module Content-side chat core: detect a live support chat in a document (known widgets first, then
 * the generic detector), watch it, and emit batches of new or changed messages. Pure: the caller
 * injects the document, clock, frame URL and the batch sink.
 */
import type { ChatBatch, ChatRoot, ChatWidgetAdapter } from '@/src/chat/types';
import { committedUrl, isElement, isScriptWrittenUrl } from '@/src/chat/dom';
import { genericAdapter, genericRegions, isComposer } from '@/src/chat/generic';
import { elementMatchesProbe, ProbeLookup, probeTokensOf } from '@/src/chat/probe';
import { collectRoots, RootScope } from '@/src/chat/scope';
import { ChatEngine } from '@/src/chat/watcher';
import { WIDGET_ADAPTERS } from '@/src/chat/widgets/index';

export type { ChatBatch, ChatItem, ChatMessageWire, ChatRoot, ChatWidgetAdapter, ChatWireKind, ChatWireRole } from '@/src/chat/types';
export { ChatBatchSchema, ChatMessageWireSchema, ChatWireKindSchema, ChatWireRoleSchema } from '@/src/chat/types';
export { mergeChatBatches, mergeChatMessage } from '@/src/chat/merge';
export { ChatEngine } from '@/src/chat/watcher';
export { findGenericChat, genericAdapter } from '@/src/chat/generic';
export { WIDGET_ADAPTERS } from '@/src/chat/widgets/index';
export { collectRoots, RootScope } from '@/src/chat/scope';

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
  /** Told which chat list is being read, and null when none is any more. */
  onListChange?: (list: Element | null) => void;
}

const DEFAULT_WAIT_MS = 10 * 60_000;
/**
 * Re-detection after a promising DOM change waits this long to coalesce a burst of changes. Short, because
 * what it runs is bounded otherwise (signals are rare on ordinary pages, the generic detector has a budget)
 * and virtualised chats drop their first rows within a second.
 */
const DETECT_THROTTLE_MS = 100;
/**
 * Full re-checks for what mutations here cannot show (attachShadow, a stylesheet that puts rows on two
 * sides, a widget that only changes classes): soon after start, then ever more rarely. A new custom
 * element (a shadow root may follow) starts the sequence again.
 */
export const POLL_BACKOFF_MS: readonly number[] = [1_000, 2_000, 5_000, 10_000, 20_000, 30_000];
/** While a list is read, the poll only checks that it is still in the page (one property read). */
const ATTACHED_POLL_MS = 1_000;
/**
 * Budget of mutation-driven detection runs with the generic detector (the expensive part: it scores
 * lists next to each composer): a start allowance, so a chat page is read at once, refilled at a share
 * of the elapsed time, so a page whose composer sits next to a rotating ad stays near 0.2 % of the main thread.
 */
const GENERIC_ALLOWANCE_MS = 20;
const GENERIC_SHARE = 0.002;
/** What the watcher observes in each root: structure only, attributes and text are the engine's business. */
const OBSERVE: MutationObserverInit = { childList: true, subtree: true };

/** The probe tokens of every adapter that has one. */
const PROBE_TOKENS = probeTokensOf(WIDGET_ADAPTERS);

/** An element worth a detection run when it shows up: a known widget's element or a composer. */
function isSignal(el: Element): boolean {
  return elementMatchesProbe(el, PROBE_TOKENS) || isComposer(el);
}

interface Found {
  adapter: ChatWidgetAdapter;
  list: Element;
  root: ChatRoot;
}

/** Tries the widget adapters (each only where its probe matches), then, when `withGeneric`, the generic detector. */
function findChat(roots: readonly ChatRoot[], withGeneric: boolean, withAdapters = true): Found | null {
  const lookups = roots.map((root) => new ProbeLookup(root));
  for (const adapter of withAdapters ? WIDGET_ADAPTERS : []) {
    for (const [i, root] of roots.entries()) {
      if (!lookups[i]?.matches(adapter)) {
        continue;
      }
      const list = adapter.findList(root);
      if (list) {
        return { adapter, list, root };
      }
    }
  }
  if (!withGeneric) {
    return null;
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
  return findChat(collectRoots(doc), true)?.adapter ?? null;
}

/**
 * True when `doc` is a same-origin frame its parent writes (about:blank, srcdoc): the parent's watcher
 * reads it, so a watcher here would record it twice. The committed address is used because
 * `document.open()` gives a written about:blank frame the parent's http(s) URL.
 */
export function isParentWrittenFrame(doc: Document): boolean {
  try {
    return doc.defaultView?.frameElement != null && isScriptWrittenUrl(committedUrl(doc));
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
 *
 * Cost on pages without a chat: one walk of the tree at start; then mutations are only looked at for a
 * known widget's element, a composer, a new frame or shadow root, or a change next to a composer; full
 * re-checks back off from 1 s to 30 s.
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
    let stopped = false;
    let deadline = Date.now() + waitMs;
    let throttle: ReturnType<typeof setTimeout> | null = null;
    let throttleFull = false;
    let poll: ReturnType<typeof setTimeout> | null = null;
    let pollStep = 0;
    let pollDue = 0;
    /** Whether the observer and load listeners are connected (not while a list is being read). */
    let watching = false;
    const observed = new Set<ChatRoot>();
    let genericDirty = true;
    /** A known widget's element or a composer showed up since the last run. */
    let signalSeen = false;
    /** Main-thread time spent in detection runs with the generic detector, and when the budget began. */
    let genericSpent = 0;
    const startedAt = Date.now();
    /** Subtrees next to composers: a change there may turn them into a chat the generic detector sees. */
    let regions: Element[] = [];
    const scope = new RootScope(doc, isSignal);
    const Observer = doc.defaultView?.MutationObserver ?? MutationObserver;
    const observer = new Observer((records) => onRecords(records));

    const finish = (value: { widget: string } | null): void => {
      if (!resolved) {
        resolved = true;
        resolve(value);
      }
    };

    const onLoad = (event: Event): void => {
      // A frame (re)loaded: srcdoc and reloaded frames swap their document without a mutation here.
      const target = event.target;
      if (target !== null && 'localName' in target && (target.localName === 'iframe' || target.localName === 'frame')) {
        scheduleAttempt(true, 0);
      }
    };

    const watchNewRoots = (): void => {
      if (!watching) {
        return;
      }
      for (const root of observed) {
        if (!scope.roots.includes(root)) {
          // A replaced frame document or a removed host: it can no longer show a chat.
          root.removeEventListener('load', onLoad, true);
          observed.delete(root);
        }
      }
      for (const root of scope.roots) {
        if (!observed.has(root)) {
          observed.add(root);
          observer.observe(root, OBSERVE);
          // Capture: load does not bubble, and it is the only sign that a frame got a new document.
          root.addEventListener('load', onLoad, true);
        }
      }
    };

    const connect = (): void => {
      watching = true;
      watchNewRoots();
    };

    const disconnect = (): void => {
      watching = false;
      observer.disconnect();
      for (const root of observed) {
        root.removeEventListener('load', onLoad, true);
      }
      observed.clear();
    };

    const onRecords = (records: MutationRecord[]): void => {
      if (stopped || !watching) {
        return;
      }
      const roots = scope.roots.length;
      const hosts = scope.hostCount;
      let promising = false;
      for (const record of records) {
        if (!genericDirty && regions.some((region) => region.contains(record.target))) {
          genericDirty = true;
          promising = true;
        }
        for (const node of record.addedNodes) {
          if (!isElement(node)) {
            continue;
          }
          // One walk of the added subtree registers frames and hosts and spots signals.
          if (scope.walk(node)) {
            signalSeen = true;
            genericDirty = true;
            promising = true;
          }
        }
      }
      if (scope.roots.length !== roots) {
        // A new frame document or shadow root may hold a whole widget already.
        watchNewRoots();
        signalSeen = true;
        genericDirty = true;
        promising = true;
      }
      if (scope.hostCount > hosts) {
        // attachShadow on the new element would leave no record: re-check it soon.
        restartBackoff();
      }
      if (promising) {
        scheduleAttempt(false, DETECT_THROTTLE_MS);
      }
    };

    const scheduleAttempt = (full: boolean, delayMs: number): void => {
      throttleFull ||= full;
      if (throttle !== null || stopped) {
        return;
      }
      throttle = setTimeout(() => {
        throttle = null;
        const fullNow = throttleFull;
        throttleFull = false;
        attempt(fullNow);
      }, delayMs);
    };

    const attempt = (full: boolean): void => {
      if (stopped) {
        return;
      }
      const current = engine?.currentList();
      if (current?.isConnected) {
        return;
      }
      if (full) {
        scope.refresh();
        watchNewRoots();
      }
      // When the budget is spent, the run waits until it has refilled that far.
      const overdraft = genericSpent - GENERIC_ALLOWANCE_MS - (Date.now() - startedAt) * GENERIC_SHARE;
      const withGeneric = full || (genericDirty && overdraft <= 0);
      const withAdapters = full || signalSeen;
      signalSeen = false;
      const started = performance.now();
      // A change next to a composer alone concerns only the generic detector.
      const found = withAdapters || withGeneric ? findChat(scope.roots, withGeneric, withAdapters) : null;
      if (withGeneric) {
        genericSpent += performance.now() - started;
        genericDirty = false;
        regions = scope.roots.flatMap((root) => genericRegions(root));
      } else if (genericDirty && !found) {
        scheduleAttempt(false, Math.max(DETECT_THROTTLE_MS, overdraft / GENERIC_SHARE));
      }
      if (found && (!engine || found.adapter.id === engineWidget)) {
        if (!engine) {
          engineWidget = found.adapter.id;
          engine = new ChatEngine(found.adapter, chatKeyOf(options.frameUrl, found.adapter.id), options);
        }
        engine.attachList(found.list);
        disconnect();
        finish({ widget: found.adapter.id });
        return;
      }
      if (current) {
        // The list left the page: stop reading it and look for its replacement for another wait period.
        engine?.detachList();
        deadline = Date.now() + waitMs;
        connect();
        restartBackoff();
      }
      if (Date.now() > deadline && !engine) {
        finish(null);
        stop();
      }
    };

    const schedulePoll = (): void => {
      if (stopped) {
        return;
      }
      let delay = ATTACHED_POLL_MS;
      if (!engine?.currentList()) {
        delay = POLL_BACKOFF_MS[Math.min(pollStep, POLL_BACKOFF_MS.length - 1)] ?? ATTACHED_POLL_MS;
        pollStep += 1;
        // Give up on time: a long pause must not outlive the wait.
        delay = Math.min(delay, Math.max(0, deadline - Date.now()) + 1);
      }
      pollDue = Date.now() + delay;
      poll = setTimeout(() => {
        poll = null;
        if (Date.now() > deadline && !engine?.currentList()) {
          if (!engine) {
            finish(null);
          }
          stop();
          return;
        }
        attempt(true);
        schedulePoll();
      }, delay);
    };

    const restartBackoff = (): void => {
      pollStep = 0;
      const first = POLL_BACKOFF_MS[0] ?? ATTACHED_POLL_MS;
      if (poll !== null && pollDue - Date.now() > first) {
        clearTimeout(poll);
        poll = null;
        schedulePoll();
      }
    };

    const stop = (): void => {
      stopped = true;
      if (poll !== null) {
        clearTimeout(poll);
        poll = null;
      }
      if (throttle !== null) {
        clearTimeout(throttle);
        throttle = null;
      }
      disconnect();
    };

    signal.addEventListener(
      'abort',
      () => {
        stop();
        finish(engine ? { widget: engineWidget } : null);
      },
      { once: true },
    );
    connect();
    attempt(true);
    schedulePoll();
  });
}

/** One chat per frame address and widget; query and hash are dropped (tokens, session ids). */
function chatKeyOf(frameUrl: string, widget: string): string {
  const base = frameUrl.split(/[?#]/, 1)[0] ?? frameUrl;
  return `${widget}|${base}`;
}
