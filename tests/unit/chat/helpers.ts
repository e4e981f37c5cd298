/**
 * @module Test helpers: start a watcher on the test document and collect its batches.
 */
import { mergeChatBatches, startChatWatcher } from '@/src/chat/index';
import type { ChatBatch, ChatMessageWire } from '@/src/chat/index';

/** A running watcher with its collected batches. */
export interface Harness {
  batches: ChatBatch[];
  controller: AbortController;
  widget: Promise<{ widget: string } | null>;
  /** Merged transcript so far. */
  transcript: () => ChatMessageWire[];
}

/** Starts a watcher on `document` with a fixed clock. */
export function watch(waitMs = 2_000, onListChange?: (list: Element | null) => void): Harness {
  const batches: ChatBatch[] = [];
  const controller = new AbortController();
  const widget = startChatWatcher(document, {
    signal: controller.signal,
    frameUrl: 'https://shop.test/chat',
    now: () => new Date('2026-01-02T03:04:05+08:00'),
    onBatch: (b) => batches.push(b),
    waitMs,
    onListChange,
  });
  return { batches, controller, widget, transcript: () => mergeChatBatches(batches) };
}

/** Lets observers and the coalescing timers run. */
export function settle(ms = 30): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Creates an element with classes and text (test pages are built with DOM calls, never HTML strings from data). */
export function el(tag: string, cls = '', text?: string): HTMLElement {
  const e = document.createElement(tag);
  if (cls !== '') {
    e.className = cls;
  }
  if (text !== undefined) {
    e.textContent = text;
  }
  return e;
}

/** Short form of a transcript for assertions. */
export function brief(messages: ChatMessageWire[]): string[] {
  return messages.map((m) => `${m.role}|${m.kind}|${m.text}|${m.shownTime ?? '-'}`);
}
