/**
 * @module LiveChat (LC_API / LiveChatWidget): the chat runs in iframe#chat-widget served from LiveChat's
 * own origin; its inner DOM is hashed and unverified, so the generic two-sided reader runs there.
 */
import { createGenericAdapter } from '@/src/chat/generic';

/** LiveChat's widget frame (secure.livechatinc.com, *.livechat.com, lc.chat). */
export const livechatAdapter = createGenericAdapter('livechat', (url) => /^https:\/\/([a-z0-9-]+\.)*(livechatinc\.com|livechat\.com|lc\.chat)\//i.test(url));
