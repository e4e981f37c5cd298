/**
 * @module Registers protocol handlers that validate before they act: the sender must be this extension
 * (and the right kind of context), and the payload must parse with its schema. Anything else is refused.
 */
import type * as z from 'zod';
import { messenger, type ProtocolMap } from '@/src/messaging/protocol';

/** Which contexts may send a message. */
export type SenderKind = 'extension-page' | 'content-script' | 'background';

/** The parts of a runtime.MessageSender the checks read. */
export interface SenderInfo {
  id?: string;
  url?: string;
  tab?: { id?: number; url?: string };
  frameId?: number;
}

/** True when `sender` is this extension speaking from a context of `kind`. */
export function isTrustedSender(sender: SenderInfo, kind: SenderKind, extensionId: string, extensionOrigin: string): boolean {
  if (sender.id !== extensionId) {
    return false;
  }
  const fromExtensionPage = sender.url !== undefined && sender.url.startsWith(extensionOrigin);
  switch (kind) {
    case 'extension-page':
      return fromExtensionPage;
    case 'content-script':
      // Content scripts speak from a tab, with the page's URL (never the extension's).
      return sender.tab?.id !== undefined && !fromExtensionPage;
    case 'background':
      // The service worker has no tab; its URL is the extension's own.
      return sender.tab === undefined;
  }
}

type Data<K extends keyof ProtocolMap> = Parameters<ProtocolMap[K]>[0];
type Return<K extends keyof ProtocolMap> = ReturnType<ProtocolMap[K]>;

/** Thrown (and sent back as an error) for an untrusted sender or an invalid payload. */
export class RejectedMessageError extends Error {}

/**
 * Registers a handler for `type`: senders not of `kinds` and payloads failing `schema` are rejected before
 * `handler` runs. The handler receives the parsed data and the sender.
 */
export function handleMessage<K extends keyof ProtocolMap>(
  type: K,
  schema: z.ZodType<Data<K>>,
  kinds: readonly SenderKind[],
  handler: (data: Data<K>, sender: SenderInfo) => Return<K> | Promise<Return<K>>,
): () => void {
  const extensionId = chrome.runtime.id;
  const extensionOrigin = chrome.runtime.getURL('/');
  return messenger.onMessage(type, (message) => {
    const sender: SenderInfo = message.sender;
    if (!kinds.some((kind) => isTrustedSender(sender, kind, extensionId, extensionOrigin))) {
      throw new RejectedMessageError(`${type}: sender not allowed`);
    }
    const parsed = schema.safeParse(message.data);
    if (!parsed.success) {
      throw new RejectedMessageError(`${type}: invalid payload: ${parsed.error.message.slice(0, 300)}`);
    }
    return handler(parsed.data, sender);
  });
}
