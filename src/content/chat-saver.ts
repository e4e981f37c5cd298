/**
 * @module Content side of chat saving: starts the watcher in this frame and pushes every change through
 * an outbox to the background until it is acknowledged as stored.
 */
import { ChatOutbox } from '@/src/chat/outbox';
import { startChatWatcher } from '@/src/chat/index';
import { messenger } from '@/src/messaging/protocol';
import { ChatAckSchema } from '@/src/messaging/schemas';
import { wellFormed } from '@/src/shared/well-formed';

/** Watches this frame for a support chat and saves it, until `signal` aborts; `onListChange` is told which chat list is being read. */
export async function startChatSaving(doc: Document, signal: AbortSignal, onListChange?: (list: Element | null) => void): Promise<string | null> {
  const outbox = new ChatOutbox(async (batch) => {
    const ack = ChatAckSchema.parse(await messenger.sendMessage('saveChatBatch', { batch: wellFormed(batch) }));
    if (ack.stored < 0) {
      throw new Error('not stored');
    }
  });
  const found = await startChatWatcher(doc, {
    signal,
    frameUrl: location.href,
    now: () => new Date(),
    onBatch: (batch) => outbox.add(batch),
    onListChange,
  });
  return found?.widget ?? null;
}
