/**
 * @module laykefu (shmilylbelva/laykefu) and the LayIM family of self-hosted 客服 systems: a `ul` of
 * `li` rows, `*-chat-mine` for the visitor, and `*-chat-system` lines used for both times and notices.
 */
import type { ChatWidgetAdapter } from '@/src/chat/types';
import { childItems, isHidden, labelText, nativeIdOf } from '@/src/chat/dom';
import { ownTimeIn } from '@/src/chat/row';
import { isTimeText } from '@/src/chat/text';

/** laykefu / LayIM chat list. */
export const laykefuAdapter: ChatWidgetAdapter = {
  id: 'laykefu',
  // Probe: the containers of the lists findList returns.
  probe: ['#laykefu-chat-list', '.laykefu-chat-main', '.layim-chat-main'],
  findList(root) {
    // #laykefu-chat-list.laykefu-chat-main > ul (laykefu.js), .layim-chat-main > ul (LayIM).
    return root.querySelector('#laykefu-chat-list ul, .laykefu-chat-main ul, .layim-chat-main ul');
  },
  ...childItems(),
  readItem(item) {
    const hidden = isHidden(item, item.parentElement);
    const cls = item.getAttribute('class') ?? '';
    if (/(laykefu|layim)-chat-system/.test(cls)) {
      const text = labelText(item);
      if (text !== '' && isTimeText(text)) {
        return { type: 'time', text };
      }
      // .layim-chat-retract marks recall notices in some forks; they are still shown as notices.
      return { type: 'notice', text, nativeId: nativeIdOf(item), ownTime: null, hidden };
    }
    // .laykefu-chat-text / .layim-chat-text is the bubble; the name block (img + cite) sits above it.
    const content = item.querySelector('.laykefu-chat-text, .layim-chat-text');
    if (!content) {
      return null;
    }
    const role = /(laykefu|layim)-chat-mine/.test(cls) ? 'customer' : 'agent';
    // LayIM puts the time as <i> inside the name's <cite>.
    return { type: 'message', role, content, nativeId: nativeIdOf(item), ownTime: ownTimeIn(item, '.layim-chat-user cite i, .laykefu-chat-user cite i'), hidden };
  },
};
