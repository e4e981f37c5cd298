/**
 * @module Chatwoot web widget (chatwoot/chatwoot app/javascript/widget): runs inside its own
 * cross-origin iframe, so this adapter matches in the frame's document where the content script also runs.
 */
import type { ChatWidgetAdapter } from '@/src/chat/types';
import { isHidden, labelText, selectorItems } from '@/src/chat/dom';
import { ownTimeIn } from '@/src/chat/row';

const ITEMS = [
  '.agent-message-wrap', // AgentMessage.vue row (bubble, avatar and name of the last message of a run)
  '.user-message-wrap', // UserMessage.vue row, right-aligned customer bubble
  '.date--separator', // DateSeparator.vue at the top of each day's .messages-wrap ("今日", "昨日", a date)
].join(', ');

/** Chatwoot's widget conversation. */
export const chatwootAdapter: ChatWidgetAdapter = {
  id: 'chatwoot',
  // Probe: the message wrap both findList selectors end in.
  probe: ['.conversation-wrap'],
  findList(root) {
    // ConversationWrap.vue: one .conversation-wrap holds every day's .messages-wrap; older days are prepended into it.
    return root.querySelector('.conversation--container .conversation-wrap') ?? root.querySelector('.woot-widget-wrap .conversation-wrap');
  },
  ...selectorItems(ITEMS),
  readItem(item) {
    if (item.classList.contains('date--separator')) {
      return { type: 'time', text: labelText(item) };
    }
    // AgentTypingBubble renders as an agent row holding a typing image: not a message.
    if (item.querySelector('.typing-bubble, img[alt*="typing" i]')) {
      return null;
    }
    const role = item.classList.contains('user-message-wrap') ? 'customer' : 'agent';
    // .chat-bubble is the message body; the avatar (.avatar-wrap) and .agent-name sit outside it.
    const content = item.querySelector('.chat-bubble') ?? item;
    return {
      type: 'message',
      role,
      content,
      // Rows carry ids cwmsg-<message id>.
      nativeId: item.id !== '' ? item.id : null,
      // Only attachments show a time (span.time inside the image link).
      ownTime: ownTimeIn(content, '.time'),
      hidden: isHidden(item, item.parentElement),
    };
  },
};
