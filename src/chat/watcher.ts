/**
 * @module The chat engine: keeps every message of one chat list it has seen, driven incrementally by
 * MutationObserver records (never a re-scan of the list per mutation), and emits coalesced batches of
 * new or changed messages. Edits keep every version, recalls keep the original text, removed rows stay
 * saved, prepended history lands before what was already there.
 */
import type { ChatBatch, ChatItem, ChatMessageWire, ChatWidgetAdapter } from '@/src/chat/types';
import { isElement } from '@/src/chat/dom';
import { isDividerText, isRecallText, readContent } from '@/src/chat/text';
import { evidenceTime } from '@/src/shared/time';

/** What the engine needs from its host. */
export interface ChatEngineOptions {
  /** Tears down the observer and every timer. */
  signal: AbortSignal;
  frameUrl: string;
  now: () => Date;
  onBatch: (batch: ChatBatch) => void;
  /** Told which list is being read (null: none any more), e.g. so that other content features can tell chat traffic from page changes. */
  onListChange?: (list: Element | null) => void;
}

/** Longest stretch of synchronous work before yielding to the page (keeps clear of 50 ms long tasks). */
const SLICE_MS = 8;

/** Attributes by which widgets hide a row they recall (a class such as `hide`, `hidden`, an inline `display`). */
const HIDING_ATTRIBUTES = new Set(['class', 'hidden', 'style']);

/**
 * Runs a function in a task of its own, soon: a message the engine posts to itself on a private channel, not a
 * timer, because browsers hold timers of background tabs to one wake-up a second (or a minute), and a chat in a
 * background tab must still be read and saved promptly. One channel per engine; the page cannot see or post to it.
 */
class OwnTask {
  private channel: MessageChannel | null = null;
  private queued = false;

  constructor(private readonly fn: () => void) {}

  /** True while a run is asked for and has not started. */
  get pending(): boolean {
    return this.queued;
  }

  /** Asks for one run (several asks before it starts give one run). */
  request(): void {
    if (this.queued) {
      return;
    }
    this.queued = true;
    if (this.channel === null) {
      this.channel = new MessageChannel();
      this.channel.port1.onmessage = () => {
        // A message left over from a cancelled ask finds nothing queued, or runs the ask made since (once).
        if (this.queued) {
          this.queued = false;
          this.fn();
        }
      };
    }
    this.channel.port2.postMessage(null);
  }

  /** Drops the asked-for run, if it has not started. */
  cancel(): void {
    this.queued = false;
  }

  /** Cancels and closes the channel (the engine is done). */
  close(): void {
    this.cancel();
    this.channel?.port1.close();
    this.channel = null;
  }
}

/** A text that only grows this soon after it first showed is still being rendered (streaming bots), not edited. */
const STREAMING_MS = 10_000;
const MAX_BATCH = 500;

interface Entry {
  el: Element;
  type: 'message' | 'time';
  position: number;
  attached: boolean;
  /** Separator text for time entries. */
  timeText: string;
  nativeId: string | null;
  /** Nearest preceding time entry (messages only). */
  sep: Entry | null;
  /** Own time as displayed, `'hidden'` when present but not shown, null when the message has none. */
  ownTime: string | null;
  /** The message's state; null until it showed content. */
  wire: ChatMessageWire | null;
  /** When the current text was first seen. */
  textSeenAt: string;
  textSeenAtMs: number;
  sent: string;
}

/** Engine for one chat: attach it to a list element; re-attach after the widget re-renders its list. */
export class ChatEngine {
  private readonly entries = new Map<Element, Entry>();
  /** Attached entries in DOM order. */
  private readonly attached: Entry[] = [];
  /** Entries whose element left the list; candidates for re-association. */
  private readonly detached: Entry[] = [];
  private readonly byNativeId = new Map<string, Entry>();
  private readonly keyCounts = new Map<string, number>();
  private readonly changed = new Set<Entry>();
  private readonly pending = new Set<Element>();
  private removalCheck = false;
  private list: Element | null = null;
  private observer: MutationObserver | null = null;
  /** The next slice of reading, in a task of its own. */
  private readonly slice = new OwnTask(() => this.run());
  private minPosition = 0;
  private maxPosition = -1;
  private initialScan = false;
  /** Entries removed in the current round, decided (virtual drop or recall) once the round ends. */
  private removedThisRound: Entry[] = [];
  private newThisRound: Entry[] = [];
  /** This round's mutation records that removed an element: they tell a notice put in a row's place from one appended. */
  private removalRecords: MutationRecord[] = [];
  /** Count of mutation callbacks so far; a row added in one and changed in a later one was shown in between. */
  private callbacks = 0;
  /** The callback in which each not-yet-read row was added. */
  private readonly addedInCallback = new WeakMap<Element, number>();
  /** Rows not yet read whose class, style or hidden attribute changed a callback after they were added. */
  private readonly changedAfterShown = new Set<Element>();

  constructor(
    private readonly adapter: ChatWidgetAdapter,
    private readonly chatKey: string,
    private readonly options: ChatEngineOptions,
  ) {
    options.signal.addEventListener(
      'abort',
      () => {
        this.detachList();
        this.slice.close();
      },
      { once: true },
    );
  }

  /** Starts reading `list`: everything in it now, then its mutations. */
  attachList(list: Element): void {
    if (this.options.signal.aborted) {
      return;
    }
    this.detachList();
    this.list = list;
    this.options.onListChange?.(list);
    const view = list.ownerDocument.defaultView;
    const Observer = view?.MutationObserver ?? MutationObserver;
    this.observer = new Observer((records) => this.onRecords(records));
    this.observer.observe(list, {
      childList: true,
      subtree: true,
      characterData: true,
      attributes: true,
      // Attributes that change what a row shows: hidden rows (recall by class), image sources, link targets.
      attributeFilter: ['class', 'hidden', 'style', 'src', 'href', 'alt', 'data-from', 'data-type'],
    });
    this.initialScan = true;
    for (const item of this.adapter.itemsIn(list, list)) {
      this.pending.add(item);
    }
    this.run();
  }

  /** Stops observing; what was seen stays saved and is re-associated if the list comes back. */
  detachList(): void {
    this.observer?.disconnect();
    this.observer = null;
    this.slice.cancel();
    if (this.list) {
      this.flushPendingSync();
    }
    for (const entry of this.attached) {
      entry.attached = false;
      this.detached.push(entry);
    }
    this.attached.length = 0;
    this.pending.clear();
    if (this.list) {
      this.list = null;
      this.options.onListChange?.(null);
    }
  }

  /** The list element being observed, or null. */
  currentList(): Element | null {
    return this.list;
  }

  /** Every message seen so far in its current state, in conversation order (for tests and diagnostics). */
  snapshot(): ChatMessageWire[] {
    const out: ChatMessageWire[] = [];
    for (const entry of this.entries.values()) {
      if (entry.wire) {
        out.push(entry.wire);
      }
    }
    for (const entry of this.detached) {
      if (entry.wire && !this.entries.has(entry.el)) {
        out.push(entry.wire);
      }
    }
    return out.sort((a, b) => a.position - b.position);
  }

  private flushPendingSync(): void {
    // Teardown must not lose what already changed: read what is queued and emit it now.
    this.processPending(Number.POSITIVE_INFINITY);
    this.finishRound();
  }

  private onRecords(records: MutationRecord[]): void {
    const list = this.list;
    if (!list) {
      return;
    }
    this.callbacks += 1;
    for (const record of records) {
      if (record.type === 'childList') {
        for (const node of record.addedNodes) {
          if (isElement(node)) {
            for (const item of this.adapter.itemsIn(node, list)) {
              this.pending.add(item);
              this.addedInCallback.set(item, this.callbacks);
            }
          }
        }
        for (const node of record.removedNodes) {
          if (isElement(node)) {
            this.removalCheck = true;
            this.removalRecords.push(record);
            break;
          }
        }
      }
      const target = isElement(record.target) ? record.target : record.target.parentElement;
      if (target && target !== list) {
        const item = this.adapter.itemOf(target, list);
        if (item) {
          this.pending.add(item);
          const hiding = record.type === 'attributes' && item === target && HIDING_ATTRIBUTES.has(record.attributeName ?? '');
          if (hiding && (this.addedInCallback.get(item) ?? this.callbacks) < this.callbacks) {
            this.changedAfterShown.add(item);
          }
        }
      }
    }
    // Read in a task of our own, never inside the page's: the page's task (often the one that added 50
    // messages) ends first, so the saver cannot stretch it into a long task. A row is read one task later.
    this.schedule();
  }

  private schedule(): void {
    if (!this.options.signal.aborted) {
      this.slice.request();
    }
  }

  private run(): void {
    if (this.slice.pending || this.options.signal.aborted) {
      return;
    }
    const done = this.processPending(SLICE_MS);
    if (done) {
      this.finishRound();
    } else {
      this.emit();
      this.schedule();
    }
  }

  /** Reads queued items within a time budget; true when the queue is empty. */
  private processPending(budgetMs: number): boolean {
    const list = this.list;
    if (!list) {
      this.pending.clear();
      return true;
    }
    if (this.removalCheck) {
      this.removalCheck = false;
      this.collectRemovals(list);
    }
    const started = performance.now();
    // One clock reading per slice: the evidence timestamp is formatted once, not once per row.
    this.sliceNow = null;
    const items = [...this.pending].filter((el) => el.isConnected && list.contains(el));
    if (!this.initialScan && items.length > 1 && !inDomOrder(list, items)) {
      items.sort(domOrder);
    }
    let count = 0;
    for (const el of items) {
      this.pending.delete(el);
      this.readInto(el);
      count += 1;
      if ((count & 15) === 0 && performance.now() - started > budgetMs) {
        break;
      }
    }
    for (const el of this.pending) {
      if (!el.isConnected || !list.contains(el)) {
        this.pending.delete(el);
      }
    }
    if (this.pending.size === 0) {
      this.initialScan = false;
      return true;
    }
    return false;
  }

  private collectRemovals(list: Element): void {
    for (let i = this.attached.length - 1; i >= 0; i -= 1) {
      const entry = this.attached[i];
      if (entry && (!entry.el.isConnected || !list.contains(entry.el))) {
        this.attached.splice(i, 1);
        entry.attached = false;
        this.entries.delete(entry.el);
        this.detached.push(entry);
        this.removedThisRound.push(entry);
      }
    }
  }

  private readInto(el: Element): void {
    const item = this.adapter.readItem(el);
    const existing = this.entries.get(el);
    if (existing) {
      this.update(existing, item);
      return;
    }
    if (item?.type === 'message' && item.hidden && this.changedAfterShown.has(el)) {
      // Added, then hidden by a later change before this read (a slowed page can run both first): the page showed it
      // in between, so it is kept as the reader would have kept it had it come first — read, then recalled.
      const entry = this.create(el, item);
      this.entries.set(el, entry);
      this.update(entry, { ...item, hidden: false });
      this.update(entry, item);
      return;
    }
    if (!item || (item.type !== 'time' && item.hidden) || (item.type === 'notice' && isDividerText(item.text))) {
      // A divider such as 以上为历史消息 marks where loaded history ends; nobody said it.
      return;
    }
    const entry = this.reassociate(el, item) ?? this.create(el, item);
    this.entries.set(el, entry);
    this.update(entry, item);
  }

  private create(el: Element, item: ChatItem): Entry {
    const entry: Entry = {
      el,
      type: item.type === 'time' ? 'time' : 'message',
      position: 0,
      attached: true,
      timeText: item.type === 'time' ? item.text : '',
      nativeId: item.type === 'time' ? null : item.nativeId,
      sep: null,
      ownTime: null,
      wire: null,
      textSeenAt: '',
      textSeenAtMs: 0,
      sent: '',
    };
    this.insertAttached(entry, true);
    if (entry.nativeId !== null && !this.byNativeId.has(entry.nativeId)) {
      this.byNativeId.set(entry.nativeId, entry);
    }
    this.newThisRound.push(entry);
    return entry;
  }

  /** Finds the saved message a re-inserted node shows (virtual lists, re-rendered rows, a list mounted again). */
  private reassociate(el: Element, item: ChatItem): Entry | null {
    if (item.type === 'time') {
      return null;
    }
    if (item.nativeId !== null) {
      const known = this.byNativeId.get(item.nativeId);
      if (known && !known.attached) {
        this.revive(known, el);
        return known;
      }
      if (known) {
        return null;
      }
    }
    if (this.detached.length === 0) {
      return null;
    }
    const role = item.type === 'notice' ? 'system' : item.role;
    const text = item.type === 'notice' ? item.text : readContent(item.content).text;
    const { prev, next } = this.neighbours(el);
    let best: Entry | null = null;
    for (const candidate of this.detached) {
      const wire = candidate.wire;
      if (!wire || wire.role !== role || candidate.type !== 'message') {
        continue;
      }
      const shown = wire.recalled ? wire.recallNotice : wire.text;
      if (shown !== text && wire.text !== text) {
        continue;
      }
      // Same text in the same place only: an identical new message at the other end is a new message.
      if ((prev && candidate.position <= prev.position) || (next && candidate.position >= next.position)) {
        continue;
      }
      if (!best || candidate.position < best.position) {
        best = candidate;
      }
    }
    if (best) {
      this.revive(best, el);
    }
    return best;
  }

  private revive(entry: Entry, el: Element): void {
    const index = this.detached.indexOf(entry);
    if (index >= 0) {
      this.detached.splice(index, 1);
    }
    this.removedThisRound = this.removedThisRound.filter((e) => e !== entry);
    entry.el = el;
    entry.attached = true;
    this.insertAttached(entry, false);
  }

  /** Inserts into the DOM-ordered list; assigns a position to new entries. */
  private insertAttached(entry: Entry, assign: boolean): void {
    const index = this.indexFor(entry.el);
    this.attached.splice(index, 0, entry);
    if (!assign) {
      return;
    }
    const prev = this.attached[index - 1] ?? null;
    const next = this.attached[index + 1] ?? null;
    if (!next || this.initialScan && !prev) {
      entry.position = prev ? Math.max(prev.position, this.maxPosition) + 1 : this.maxPosition + 1;
    } else if (!this.initialScan && !this.hasConversationBefore(index)) {
      // Loaded history: older than everything already shown, even notices the widget left above it.
      entry.position = this.topPosition(entry);
    } else if (prev) {
      entry.position = (prev.position + next.position) / 2;
    } else {
      entry.position = next.position - 1;
    }
    this.maxPosition = Math.max(this.maxPosition, entry.position);
    this.minPosition = Math.min(this.minPosition, entry.position);
  }

  /** The clock reading of the current slice, with its evidence timestamp formatted on first use. */
  private sliceNow: { date: Date; iso: () => string } | null = null;

  private sliceClock(): { date: Date; iso: () => string } {
    if (this.sliceNow === null) {
      const date = this.options.now();
      let iso: string | null = null;
      // Formatting (zone name lookup included) costs far more than reading a row; most updates never need it.
      this.sliceNow = { date, iso: () => (iso ??= evidenceTime(date).iso) };
    }
    return this.sliceNow;
  }

  private topRun: Entry[] = [];
  private topBase = 0;

  private topPosition(entry: Entry): number {
    // Items loaded above in one round keep their DOM order among themselves, below all older items.
    if (this.topRun.length === 0) {
      this.topBase = this.minPosition;
    }
    this.topRun.push(entry);
    const step = 1 / 1024;
    const n = this.topRun.length;
    this.topRun.forEach((e, i) => {
      e.position = this.topBase - 1 - (n - 1 - i) * step;
    });
    return entry.position;
  }

  private hasConversationBefore(index: number): boolean {
    for (let i = index - 1; i >= 0; i -= 1) {
      const e = this.attached[i];
      if (e && this.topRun.includes(e)) {
        return false;
      }
      if (e?.wire && e.wire.role !== 'system') {
        return true;
      }
    }
    return false;
  }

  private indexFor(el: Element): number {
    const arr = this.attached;
    const last = arr[arr.length - 1];
    if (!last || this.initialScan || followsIn(this.list, last.el, el)) {
      return arr.length;
    }
    let lo = 0;
    let hi = arr.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const m = arr[mid];
      if (m && followsIn(this.list, m.el, el)) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  private neighbours(el: Element): { prev: Entry | null; next: Entry | null } {
    const index = this.indexFor(el);
    return { prev: this.attached[index - 1] ?? null, next: this.attached[index] ?? null };
  }

  private update(entry: Entry, item: ChatItem | null): void {
    if (entry.type === 'time') {
      if (item?.type === 'time' && item.text !== '' && item.text !== entry.timeText) {
        entry.timeText = item.text;
        this.refreshFollowing(entry);
      } else if (entry.sep === null && entry.timeText !== '') {
        this.refreshFollowing(entry);
      }
      return;
    }
    const now = this.sliceClock();
    const nowDate = now.date;
    if (entry.wire === null) {
      if (!item || item.type === 'time' || item.hidden) {
        return;
      }
      const content = item.type === 'message' ? readContent(item.content) : null;
      const text = item.type === 'message' ? (content?.text ?? '') : item.text;
      if (text === '' && (content === null || content.kind === 'text')) {
        return;
      }
      entry.ownTime = item.ownTime;
      entry.sep = this.precedingSeparator(entry);
      entry.textSeenAt = now.iso();
      entry.textSeenAtMs = nowDate.getTime();
      entry.wire = {
        key: this.keyFor(entry, item.type === 'notice' ? 'system' : item.role, text),
        position: entry.position,
        role: item.type === 'notice' ? 'system' : item.role,
        kind: content ? content.kind : 'system',
        text,
        url: content?.url ?? null,
        fileName: content?.fileName ?? null,
        shownTime: this.shownTime(entry),
        versions: [],
        recalled: false,
        recallNotice: null,
        originalKind: null,
        firstSeenAt: entry.textSeenAt,
      };
      this.changed.add(entry);
      return;
    }
    const wire = entry.wire;
    if (wire.recalled) {
      return;
    }
    if (!item) {
      return;
    }
    if (item.type === 'time') {
      return;
    }
    if (item.hidden) {
      this.recall(entry, null);
      return;
    }
    const content = item.type === 'message' ? readContent(item.content) : null;
    const text = item.type === 'message' ? (content?.text ?? '') : item.text;
    if (wire.role !== 'system' && isRecallText(text) && !isRecallText(wire.text)) {
      this.recall(entry, text);
      return;
    }
    if (text === '' && (content === null || content.kind === 'text')) {
      // Widgets wipe rows while re-rendering (laykefu empties every notice); an empty read is not a new version.
      return;
    }
    let dirty = false;
    if (text !== wire.text) {
      const growing = text.startsWith(wire.text) && nowDate.getTime() - entry.textSeenAtMs < STREAMING_MS;
      if (!growing) {
        wire.versions = [...wire.versions, { text: wire.text, seenAt: entry.textSeenAt }];
      }
      wire.text = text;
      entry.textSeenAt = now.iso();
      entry.textSeenAtMs = nowDate.getTime();
      dirty = true;
    }
    if (content && (content.kind !== wire.kind || content.url !== wire.url || content.fileName !== wire.fileName)) {
      wire.kind = content.kind;
      wire.url = content.url;
      wire.fileName = content.fileName;
      dirty = true;
    }
    if (item.ownTime !== entry.ownTime && item.ownTime !== null) {
      entry.ownTime = item.ownTime;
    }
    const shown = this.shownTime(entry);
    if (shown !== wire.shownTime && shown !== null) {
      wire.shownTime = shown;
      dirty = true;
    }
    if (dirty) {
      this.changed.add(entry);
    }
  }

  private recall(entry: Entry, notice: string | null): void {
    const wire = entry.wire;
    if (!wire || wire.recalled) {
      return;
    }
    wire.originalKind = wire.kind;
    wire.kind = 'recalled';
    wire.recalled = true;
    wire.recallNotice = notice;
    const first = wire.versions[0];
    if (first) {
      // The evidence is what was first said; later edits stay in versions.
      wire.versions = [...wire.versions.slice(1), { text: wire.text, seenAt: entry.textSeenAt }];
      wire.text = first.text;
    }
    this.changed.add(entry);
  }

  private keyFor(entry: Entry, role: string, text: string): string {
    if (entry.nativeId !== null && this.byNativeId.get(entry.nativeId) === entry) {
      return `id:${entry.nativeId}`;
    }
    const base = `h:${role[0] ?? ''}${hashText(text)}`;
    const n = (this.keyCounts.get(base) ?? 0) + 1;
    this.keyCounts.set(base, n);
    return `${base}:${n}`;
  }

  private precedingSeparator(entry: Entry): Entry | null {
    const index = this.attached.indexOf(entry, Math.max(0, this.attached.length - 64));
    const at = index >= 0 ? index : this.attached.indexOf(entry);
    for (let i = at - 1; i >= 0; i -= 1) {
      const e = this.attached[i];
      if (!e) {
        break;
      }
      if (e.type === 'time') {
        return e.timeText !== '' ? e : null;
      }
      if (e.type === 'message' && e.wire) {
        // Inherit from the previous message instead of walking back across the whole list.
        return e.sep;
      }
    }
    return null;
  }

  private shownTime(entry: Entry): string | null {
    if (entry.ownTime === 'hidden') {
      return null;
    }
    if (entry.ownTime !== null) {
      return entry.ownTime;
    }
    return entry.sep?.timeText ?? null;
  }

  /** A separator appeared or changed: messages after it up to the next separator now show its text. */
  private refreshFollowing(sepEntry: Entry): void {
    const index = this.attached.indexOf(sepEntry);
    for (let i = index + 1; i < this.attached.length; i += 1) {
      const e = this.attached[i];
      if (!e || e.type === 'time') {
        break;
      }
      e.sep = sepEntry;
      const wire = e.wire;
      if (wire && !wire.recalled) {
        const shown = this.shownTime(e);
        if (shown !== wire.shownTime && shown !== null) {
          wire.shownTime = shown;
          this.changed.add(e);
        }
      }
    }
  }

  /** Decides what removed rows mean once a round of mutations has been read, then emits. */
  private finishRound(): void {
    const removed = this.removedThisRound.filter((e) => !e.attached && e.type === 'message' && e.wire !== null && !e.wire.recalled);
    if (removed.length > 0 && this.list) {
      const remaining = this.attached.filter((e) => e.type === 'message' && e.wire !== null && e.wire.role !== 'system');
      const first = remaining[0];
      const addedAtTop = this.topRun.length > 0;
      const bulk = removed.length >= 3;
      for (const entry of removed) {
        const virtual =
          remaining.length === 0 ||
          bulk ||
          hasVirtualMarkers(entry.el) ||
          (first !== undefined && entry.position < first.position) ||
          addedAtTop;
        if (!virtual) {
          this.recall(entry, this.absorbNotice(entry));
        }
      }
    }
    this.removedThisRound = [];
    this.newThisRound = [];
    this.removalRecords = [];
    this.changedAfterShown.clear();
    this.topRun = [];
    this.emit();
  }

  /** A recall notice that took the removed row's place is the recall's placeholder, not a message of its own. */
  private absorbNotice(removed: Entry): string | null {
    for (const entry of this.newThisRound) {
      const wire = entry.wire;
      if (!wire || wire.role !== 'system' || !isRecallText(wire.text) || !entry.attached) {
        continue;
      }
      const index = this.attached.indexOf(entry);
      const prev = this.attached[index - 1];
      const next = this.attached[index + 1];
      const fitsBefore = !prev || prev.position < removed.position;
      const fitsAfter = !next || next.position > removed.position;
      // In place means between the removed row's old neighbours; a notice appended with new rows after it is elsewhere
      // — unless the mutation itself says the notice took the row's place, which holds whatever else came that round.
      const between = fitsBefore && fitsAfter && next !== undefined && !this.newThisRound.includes(next);
      if (between || this.tookPlaceOf(entry.el, removed.el)) {
        // The notice element now stands for the recalled message.
        this.attached.splice(index, 1, removed);
        this.entries.delete(entry.el);
        this.entries.set(entry.el, removed);
        const d = this.detached.indexOf(removed);
        if (d >= 0) {
          this.detached.splice(d, 1);
        }
        removed.el = entry.el;
        removed.attached = true;
        this.changed.delete(entry);
        return wire.text;
      }
    }
    return null;
  }

  /**
   * True when a mutation record of this round shows `notice` put where `row` was: both in one record (replaceChild,
   * replaceWith), or the row removed right beside the notice already inserted there. A row removed and a notice
   * appended later is not told apart here: when the row was last, that looks exactly like a notice appended after it.
   */
  private tookPlaceOf(notice: Element, row: Element): boolean {
    for (const record of this.removalRecords) {
      let removedHere = false;
      for (const node of record.removedNodes) {
        if (node === row || node.contains(row)) {
          removedHere = true;
          break;
        }
      }
      if (!removedHere) {
        continue;
      }
      // The notice's own node among the record's parent's children (a notice may be wrapped).
      let top: Node | null = notice;
      while (top && top.parentNode !== record.target) {
        top = top.parentNode;
      }
      if (!top) {
        continue;
      }
      if (record.previousSibling === top || record.nextSibling === top) {
        return true;
      }
      for (const node of record.addedNodes) {
        if (node === top) {
          return true;
        }
      }
    }
    return false;
  }

  private emit(): void {
    if (this.changed.size === 0) {
      return;
    }
    const messages: ChatMessageWire[] = [];
    for (const entry of this.changed) {
      const wire = entry.wire;
      if (!wire) {
        continue;
      }
      wire.position = entry.position;
      const json = JSON.stringify(wire);
      if (json === entry.sent) {
        continue;
      }
      entry.sent = json;
      // Batches carry copies: the receiver may keep them while this entry keeps changing.
      messages.push({ ...wire, versions: [...wire.versions] });
    }
    this.changed.clear();
    for (let i = 0; i < messages.length; i += MAX_BATCH) {
      this.options.onBatch({
        chatKey: this.chatKey,
        widget: this.adapter.id,
        frameUrl: this.options.frameUrl,
        messages: messages.slice(i, i + MAX_BATCH),
      });
    }
  }
}

/** True when `b` comes after `a` in document order. */
function follows(a: Element, b: Element): boolean {
  // Node.DOCUMENT_POSITION_FOLLOWING; numeric so no realm's Node global is needed.
  return (a.compareDocumentPosition(b) & 4) !== 0;
}

/** The child of `list` that holds `el` (or is it), or null. */
function childOfList(list: Element, el: Element): Element | null {
  let cur: Element | null = el;
  while (cur && cur.parentElement !== list) {
    cur = cur.parentElement;
  }
  return cur;
}

/**
 * True when `b` comes after `a` in document order. compareDocumentPosition walks the common parent's
 * children from the first one, so in a list of thousands of rows every call costs thousands of steps;
 * rows in list children a few siblings apart (appends, the usual case) are settled by looking ahead.
 */
function followsIn(list: Element | null, a: Element, b: Element): boolean {
  if (list) {
    const childA = childOfList(list, a);
    const childB = childOfList(list, b);
    if (childA && childB && childA !== childB) {
      let sibling = childA.nextElementSibling;
      for (let i = 0; sibling && i < 8; i += 1, sibling = sibling.nextElementSibling) {
        if (sibling === childB) {
          return true;
        }
      }
    }
  }
  return follows(a, b);
}

/** True when `items` are already in document order (checked pairwise, cheap for appended rows). */
function inDomOrder(list: Element, items: readonly Element[]): boolean {
  for (let i = 1; i < items.length; i += 1) {
    const prev = items[i - 1];
    const cur = items[i];
    if (prev && cur && !followsIn(list, prev, cur)) {
      return false;
    }
  }
  return true;
}

function domOrder(a: Element, b: Element): number {
  if (a === b) {
    return 0;
  }
  return follows(a, b) ? -1 : 1;
}

/** Row markers of virtualised lists (react-window, vue-virtual-scroller, aria grids): their rows leave the DOM when scrolled away. */
function hasVirtualMarkers(el: Element): boolean {
  for (const attr of ['data-index', 'data-item-index', 'aria-rowindex', 'aria-posinset', 'data-virtual-index']) {
    if (el.hasAttribute(attr)) {
      return true;
    }
  }
  const style = el.getAttribute('style') ?? '';
  return /position\s*:\s*absolute|translate[Y3]?\(/i.test(style);
}

function hashText(text: string): string {
  // FNV-1a: a short, deterministic tag for content-derived keys (not a security hash).
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(36);
}
