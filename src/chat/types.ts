/**
 * @module Wire format of chat messages sent from the content side to the background, and the adapter
 * contract every widget file implements. The wire schemas are the only shapes that leave this module.
 */
import * as z from 'zod';

/** Who wrote a chat message. */
export const ChatWireRoleSchema = z.enum(['agent', 'customer', 'system']);
/** Who wrote a chat message. */
export type ChatWireRole = z.infer<typeof ChatWireRoleSchema>;

/** What a chat message holds. */
export const ChatWireKindSchema = z.enum(['text', 'image', 'file', 'link', 'system', 'recalled']);
/** What a chat message holds. */
export type ChatWireKind = z.infer<typeof ChatWireKindSchema>;

/** One message as the watcher last saw it, with every earlier text it showed. */
export const ChatMessageWireSchema = z.object({
  /** Stable id of this message within its chat for the page's lifetime. */
  key: z.string(),
  /** Conversation order; fractional so prepended or inserted history lands before later messages. */
  position: z.number(),
  role: ChatWireRoleSchema,
  kind: ChatWireKindSchema,
  /** Current text; for a recalled message the original text as first shown. */
  text: z.string(),
  /** Image `src` as written in the page, or a link's URL. */
  url: z.string().nullable(),
  fileName: z.string().nullable(),
  /** The message's own displayed time, else the nearest preceding separator, else null. */
  shownTime: z.string().nullable(),
  /** Earlier texts (edits), oldest first. */
  versions: z.array(z.object({ text: z.string(), seenAt: z.string() })),
  recalled: z.boolean(),
  recallNotice: z.string().nullable(),
  originalKind: ChatWireKindSchema.nullable(),
  /** ISO time with offset, from the injected clock. */
  firstSeenAt: z.string(),
});
/** One message as the watcher last saw it. */
export type ChatMessageWire = z.infer<typeof ChatMessageWireSchema>;

/** New or changed messages of one chat, each in its full current state. */
export const ChatBatchSchema = z.object({
  chatKey: z.string(),
  widget: z.string(),
  frameUrl: z.string(),
  messages: z.array(ChatMessageWireSchema).max(500),
});
/** New or changed messages of one chat. */
export type ChatBatch = z.infer<typeof ChatBatchSchema>;

/** A document or an open shadow root: the places a chat list can live in. */
export type ChatRoot = Document | ShadowRoot;

/** What an adapter reads from one item of the list. */
export type ChatItem =
  | {
      type: 'message';
      role: 'agent' | 'customer';
      /** Element holding the message body (names, avatars and times outside it or skipped by the reader). */
      content: Element;
      /** Id the widget gives the message (row id, data attribute), null when it has none. */
      nativeId: string | null;
      /** The message's own time: text, `'hidden'` when present but not displayed, null when it has none. */
      ownTime: string | null;
      /** True when the row is in the DOM but hidden (e.g. a recall that only adds a class). */
      hidden: boolean;
    }
  | { type: 'notice'; text: string; nativeId: string | null; ownTime: string | null; hidden: boolean }
  | { type: 'time'; text: string };

/** One support-chat widget: where its list is and how to read its items. */
export interface ChatWidgetAdapter {
  /** Widget id recorded with every batch (e.g. `chatwoot`, `generic`). */
  readonly id: string;
  /** Finds this widget's message list in a document or shadow root, or null. Must be cheap. */
  findList(root: ChatRoot): Element | null;
  /**
   * Simple selectors (`.class` or `#id` only) of which one matches in a root whenever `findList` can
   * succeed there. The watcher asks `findList` only where one does: class and id look-ups use the
   * browser's indexes and fast paths (a selector list walks the whole page), and the same tokens are
   * checked on added nodes for free. Adapters without it (URL- or host-restricted) are always asked.
   */
  readonly probe?: readonly string[];
  /** The list item `el` belongs to (itself or an ancestor below `list`), or null. */
  itemOf(el: Element, list: Element): Element | null;
  /** Items at or inside `node` (a node added to the list), in DOM order. */
  itemsIn(node: Element, list: Element): Element[];
  /** Reads one item; null for noise such as typing bubbles, read markers and buttons. */
  readItem(item: Element): ChatItem | null;
}
