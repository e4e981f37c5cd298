/**
 * @module The content side's outbox for chat messages: every change is held until the background
 * acknowledges it as stored in IndexedDB. A failed send (service worker restarting, extension updating)
 * is retried with backoff; a change that arrives while a send is in flight is merged and sent after it.
 */
import { mergeChatMessage } from '@/src/chat/merge';
import type { ChatBatch, ChatMessageWire } from '@/src/chat/types';

/** Sends a batch; resolves once the background has stored it, rejects otherwise. */
export type SendBatch = (batch: ChatBatch) => Promise<void>;

/** Backoff after failed sends (ms); the last value repeats. */
const RETRY_MS = [100, 250, 500, 1000, 2000, 5000];
/** Largest batch the protocol accepts. */
const MAX_BATCH = 500;

interface Pending {
  widget: string;
  frameUrl: string;
  messages: Map<string, ChatMessageWire>;
}

/** Holds unacknowledged chat changes and sends them until stored. */
export class ChatOutbox {
  private readonly pending = new Map<string, Pending>();
  private sending = false;
  private failures = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly send: SendBatch,
    private readonly schedule: (fn: () => void, ms: number) => ReturnType<typeof setTimeout> = (fn, ms) => setTimeout(fn, ms),
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

  /** Sends what is pending unless a send is in flight or a retry is scheduled. */
  flush(): void {
    if (this.sending || this.timer !== null) {
      return;
    }
    const next = this.nextBatch();
    if (next === null) {
      return;
    }
    this.sending = true;
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
