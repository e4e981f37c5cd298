/**
 * @module Tidio: same-origin iframe #tidio-chat-iframe with hashed classes; the stable hooks are the
 * message side classes (third-party notes, medium confidence).
 */
import type { ChatWidgetAdapter } from '@/src/chat/types';
import { isHidden, nativeIdOf, selectorItems } from '@/src/chat/dom';
import { ownTimeIn } from '@/src/chat/row';

const ITEMS = [
  '.message-visitor', // customer bubble
  '.message-operator', // agent bubble
  '.message-bot', // automation replies (Lyro, flows) count as the agent side
].join(', ');

/** Tidio chat iframe. */
export const tidioAdapter: ChatWidgetAdapter = {
  id: 'tidio',
  // Probe: a bubble (ITEMS) or the container, as in findList.
  probe: ['.message-visitor', '.message-operator', '.message-bot', '.conversation-container', '.messages-container'],
  findList(root) {
    const first = root.querySelector(ITEMS);
    // The scrolling message container, else the nearest common parent of the bubbles.
    return root.querySelector('.conversation-container, .messages-container') ?? first?.parentElement?.parentElement ?? null;
  },
  ...selectorItems(ITEMS),
  readItem(item) {
    const role = item.classList.contains('message-visitor') ? 'customer' : 'agent';
    return { type: 'message', role, content: item, nativeId: nativeIdOf(item), ownTime: ownTimeIn(item, 'time, [class*="time"]'), hidden: isHidden(item, item.parentElement) };
  },
};
