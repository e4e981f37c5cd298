/**
 * @module tawk.to: the loader writes the chat into about:blank iframes (title "chat widget") from the
 * parent page, so the parent's watcher reads the frame document (see collectRoots).
 */
import type { ChatWidgetAdapter } from '@/src/chat/types';
import { isHidden, labelText, selectorItems } from '@/src/chat/dom';
import { ownTimeIn } from '@/src/chat/row';

const ITEMS = [
  '.tawk-message-bubble', // one bubble (id messageId-…) inside a sender's .tawk-message-block
  '.tawk-chat-system-message', // unverified: system lines; read as notices when present
].join(', ');

/** tawk.to chat panel. */
export const tawkAdapter: ChatWidgetAdapter = {
  id: 'tawk',
  // Probe: the panel or a sender block, as in findList.
  probe: ['.tawk-message-block', '.tawk-chat-panel', '.tawk-conversation'],
  findList(root) {
    const block = root.querySelector('.tawk-message-block');
    // The panel holding the blocks; block wrappers vary, so fall back to the blocks' grandparent.
    return root.querySelector('.tawk-chat-panel, .tawk-conversation') ?? block?.parentElement?.parentElement ?? block?.parentElement ?? null;
  },
  ...selectorItems(ITEMS),
  readItem(item) {
    const hidden = isHidden(item, item.parentElement);
    if (!item.classList.contains('tawk-message-bubble')) {
      return { type: 'notice', text: labelText(item), nativeId: item.id || null, ownTime: null, hidden };
    }
    // .tawk-visitor-chat / .tawk-agent-chat wrap the bubble and name the side.
    const role = item.querySelector('.tawk-visitor-chat') ? 'customer' : 'agent';
    // .tawk-chat-bubble holds the text (p > span); the hidden agent name and time sit beside it.
    const content = item.querySelector('.tawk-chat-bubble') ?? item;
    // time.tawk-timeago is the displayed "13:57" of the bubble.
    return { type: 'message', role, content, nativeId: item.id || null, ownTime: ownTimeIn(item, 'time.tawk-timeago, .tawk-time-display'), hidden };
  },
};
