/**
 * @module The content side's outbox for chat messages: every change is held until the background
 * acknowledges it as stored in IndexedDB. A failed send (service worker restarting, extension updating)
 * is retried with backoff; a change that arrives while a send is in flight is merged and sent after it.
 * A stream of messages is sent at most every {@link MIN_SEND_INTERVAL_MS}; a message of a quiet chat goes at once.
 */
import { mergeChatMessage } from '@/src/chat/merge';
import type { ChatBatch, ChatMessageWire } from '@/src/chat/types';

/** Sends a batch; resolves once the background has stored it, rejects otherwise. */
export type SendBatch = (batch: ChatBatch) => Promise<void>;

/** Backoff after failed sends (ms); the last value repeats. */
const RETRY_MS = [100, 250, 500, 1000, 2000, 5000];
/** Largest batch the protocol accepts. */
const MAX_BATCH = 500;
/**
 * Sends follow each other at least this far apart while the page is shown. The worker's cost of storing a
 * message falls by ~30 % when three bursts of a busy chat go as one batch (one transaction, one event, one
 * case look-up instead of three); on a 2-core machine that work competes with the page for a core. A message
 * of a quiet chat goes at once; in a stream it waits at most this long. Not while the page is hidden or going
 * away (background tabs hold timers to one wake-up a second or a minute): see {@link ChatOutbox.sendNow}.
 */
export const MIN_SEND_INTERVAL_MS = 250;

interface Pending {
  widget: string;
  frameUrl: string;
  messages: Map<string, ChatMessageWire>;
}

/** How the outbox paces its sends (injected: tests and the content script decide). */
export interface OutboxPacing {
  /** Least time between the starts of two sends while holding is allowed. */
  minIntervalMs: number;
  /** Whether a send may wait for the interval now (false while the page is hidden). */
  mayHold: () => boolean;
  /** A monotonic clock in ms. */
  now: () => number;
}

const DEFAULT_PACING: OutboxPacing = { minIntervalMs: MIN_SEND_INTERVAL_MS, mayHold: () => true, now: () => performance.now() };

/** Holds unacknowledged chat changes and sends them until stored. */
export class ChatOutbox {
  private readonly pending = new Map<string, Pending>();
  private sending = false;
  private failures = 0;
  /** A scheduled retry after a failed send. */
  private timer: ReturnType<typeof setTimeout> | null = null;
  /** A scheduled send once the interval since the last one has passed. */
  private holdTimer: ReturnType<typeof setTimeout> | null = null;
  private lastSendAt = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly send: SendBatch,
    private readonly schedule: (fn: () => void, ms: number) => ReturnType<typeof setTimeout> = (fn, ms) => setTimeout(fn, ms),
    private readonly pacing: OutboxPacing = DEFAULT_PACING,
  ) {}

  /** Adds a watcher batch and sends at once (or right after the send in flight). */
  add(batch: ChatBatch): void {
    const entry = this.pending.get(batch.chatKey) ?? { widget: batch.widget, frameUrl: batch.frameUrl, messages: new Map<string, ChatMessageWire>() };
    for (const message of batch.messages) {
      const known = entry.messages.get(message.key);
      entry.messages.set(message.key, known ? mergeChatMessage(known, message) : message);
    }
    this.pending.set(batch.chatKey, entry);
    this.flush();
  }

  /** Number of messages not yet acknowledged. */
  get size(): number {
    let n = 0;
    for (const entry of this.pending.values()) {
      n += entry.messages.size;
    }
    return n;
  }

  /** Sends what is pending unless a send is in flight, a retry is scheduled or the interval since the last send has not passed. */
  flush(): void {
    if (this.sending || this.timer !== null || this.holdTimer !== null || this.size === 0) {
      return;
    }
    const wait = this.lastSendAt + this.pacing.minIntervalMs - this.pacing.now();
    if (wait > 0 && this.pacing.mayHold()) {
      this.holdTimer = this.schedule(() => {
        this.holdTimer = null;
        this.flush();
      }, wait);
      return;
    }
    this.sendNext();
  }

  /**
   * Sends what is pending now, without waiting for the interval and even while a send is in flight: the page is
   * being hidden or unloaded, and a held message must leave before it does. (A message sent twice is stored once.)
   */
  sendNow(): void {
    if (this.holdTimer !== null) {
      clearTimeout(this.holdTimer);
      this.holdTimer = null;
    }
    if (this.timer === null && this.size > 0) {
      this.sendNext();
    }
  }

  private sendNext(): void {
    const next = this.nextBatch();
    if (next === null) {
      return;
    }
    this.sending = true;
    this.lastSendAt = this.pacing.now();
    this.send(next.batch).then(
      () => {
        this.sending = false;
        this.failures = 0;
        this.acknowledge(next.batch.chatKey, next.sent);
        this.flush();
      },
      () => {
        this.sending = false;
        const delay = RETRY_MS[Math.min(this.failures, RETRY_MS.length - 1)] ?? 5000;
        this.failures += 1;
        this.timer = this.schedule(() => {
          this.timer = null;
          this.flush();
        }, delay);
      },
    );
  }

  private nextBatch(): { batch: ChatBatch; sent: Map<string, ChatMessageWire> } | null {
    for (const [chatKey, entry] of this.pending) {
      if (entry.messages.size === 0) {
        this.pending.delete(chatKey);
        continue;
      }
      const sent = new Map<string, ChatMessageWire>();
      for (const [key, message] of entry.messages) {
        if (sent.size >= MAX_BATCH) {
          break;
        }
        sent.set(key, message);
      }
      return { batch: { chatKey, widget: entry.widget, frameUrl: entry.frameUrl, messages: [...sent.values()] }, sent };
    }
    return null;
  }

  /** Drops acknowledged messages, unless they changed again while in flight (then they go again). */
  private acknowledge(chatKey: string, sent: Map<string, ChatMessageWire>): void {
    const entry = this.pending.get(chatKey);
    if (entry === undefined) {
      return;
    }
    for (const [key, message] of sent) {
      if (entry.messages.get(key) === message) {
        entry.messages.delete(key);
      }
    }
    if (entry.messages.size === 0) {
      this.pending.delete(chatKey);
    }
  }
}
