/**
 * @module Typebot bots (baptisteArno/typebot.io packages/embeds/js): custom elements with an open
 * shadow root; bot bubbles type before they show text, user bubbles are marked guest.
 */
import type { ChatWidgetAdapter } from '@/src/chat/types';
import { isHidden, nativeIdOf, selectorItems } from '@/src/chat/dom';

const ITEMS = [
  '.typebot-host-bubble', // bot message (TextBubble.tsx); typing dots first
  '.typebot-guest-bubble', // user answer (GuestBubble.tsx, data-testid="guest-bubble")
  '.typebot-guest-bubble-image-attachment', // user-sent picture outside a bubble
].join(', ');

/** Typebot embed. */
export const typebotAdapter: ChatWidgetAdapter = {
  id: 'typebot',
  findList(root) {
    // Only inside the shadow root of <typebot-bubble>, <typebot-standard> or <typebot-popup>.
    if (!('host' in root) || !root.host.localName.startsWith('typebot-')) {
      return null;
    }
    return root.querySelector('.typebot-chat-view') ?? root.querySelector('.typebot-container') ?? root.firstElementChild;
  },
  ...selectorItems(ITEMS),
  readItem(item) {
    const hidden = isHidden(item, item.parentElement);
    if (item.classList.contains('typebot-host-bubble')) {
      // While typing, the dots show and the text is rendered with opacity-0: not shown yet.
      if (item.querySelector('.bubble-typing, [data-testid="host-bubble-typing"]') || item.querySelector('.opacity-0')) {
        return null;
      }
      return { type: 'message', role: 'agent', content: item, nativeId: nativeIdOf(item), ownTime: null, hidden };
    }
    return { type: 'message', role: 'customer', content: item, nativeId: nativeIdOf(item), ownTime: null, hidden };
  },
};
