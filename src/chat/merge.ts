/**
 * @module Merge semantics for chat batches, shared by tests and the background: the latest state per
 * key, versions as a union, recalled text never lost.
 */
import type { ChatBatch, ChatMessageWire } from '@/src/chat/types';

/** Merges a newer state of a message into an older one without losing versions or recalled text. */
export function mergeChatMessage(older: ChatMessageWire, newer: ChatMessageWire): ChatMessageWire {
  const seen = new Set<string>();
  const versions: ChatMessageWire['versions'] = [];
  for (const v of [...older.versions, ...newer.versions]) {
    const id = `${v.seenAt}\u0000${v.text}`;
    if (!seen.has(id)) {
      seen.add(id);
      versions.push(v);
    }
  }
  versions.sort((a, b) => (a.seenAt < b.seenAt ? -1 : a.seenAt > b.seenAt ? 1 : 0));
  if (older.recalled && !newer.recalled) {
    // A recall is evidence; a later state without it (re-rendered row) must not erase it.
    return { ...older, versions, position: newer.position, shownTime: newer.shownTime ?? older.shownTime };
  }
  const text = newer.recalled && older.recalled ? older.text : newer.text;
  return {
    ...newer,
    text,
    versions,
    shownTime: newer.shownTime ?? older.shownTime,
    firstSeenAt: older.firstSeenAt < newer.firstSeenAt ? older.firstSeenAt : newer.firstSeenAt,
  };
}

/** Folds batches of one chat into its transcript: latest state per key, in conversation order. */
export function mergeChatBatches(batches: readonly ChatBatch[]): ChatMessageWire[] {
  const byKey = new Map<string, ChatMessageWire>();
  for (const batch of batches) {
    for (const message of batch.messages) {
      const key = `${batch.chatKey}\u0000${message.key}`;
      const known = byKey.get(key);
      byKey.set(key, known ? mergeChatMessage(known, message) : message);
    }
  }
  return [...byKey.values()].sort((a, b) => a.position - b.position);
}
