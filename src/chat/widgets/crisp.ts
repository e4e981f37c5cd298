/**
 * @module Crisp chatbox: rendered in the host document with hashed class names that change between
 * versions, so only attributes and ids are used.
 */
import type { ChatWidgetAdapter } from '@/src/chat/types';
import { isHidden, labelText, nativeIdOf, selectorItems } from '@/src/chat/dom';
import { groupTime } from '@/src/chat/row';

// Every message element carries data-from ("operator" | "visitor" | "system"); grouping wrappers do not.
const MESSAGE = '[data-from]';

/** Crisp's chatbox. */
export const crispAdapter: ChatWidgetAdapter = {
  id: 'crisp',
  // Probe: the chatbox findList returns.
  probe: ['#crisp-chatbox'],
  findList(root) {
    // #crisp-chatbox inside .crisp-client is the stable root of the chat UI (data-maximized, data-chat-status).
    return root.querySelector('.crisp-client #crisp-chatbox');
  },
  ...selectorItems(MESSAGE),
  readItem(item) {
    const from = item.getAttribute('data-from');
    const list = item.closest('#crisp-chatbox') ?? item.ownerDocument.documentElement;
    // Crisp shows one time per sender run, in the header before the run.
    const ownTime = groupTime(item, list, MESSAGE);
    const hidden = isHidden(item, item.parentElement);
    if (from === 'operator' || from === 'visitor') {
      return { type: 'message', role: from === 'operator' ? 'agent' : 'customer', content: item, nativeId: nativeIdOf(item), ownTime, hidden };
    }
    return { type: 'notice', text: labelText(item), nativeId: nativeIdOf(item), ownTime, hidden };
  },
};
