/**
 * @module Easemob 环信 kefu-webim (easemob/kefu-webim): cross-origin iframe page /webim/im.html.
 * History is inserted newest first with insertBefore(firstChild); a recall only adds class `hide`.
 */
import type { ChatWidgetAdapter } from '@/src/chat/types';
import { isHidden, labelText, selectorItems } from '@/src/chat/dom';

const ITEMS = [
  '.em-widget-left', // agent row: nickname + .em-widget-msg-wrapper
  '.em-widget-right', // customer row
  '.em-widget-date', // time line shown when the gap between messages is long ("HH:mm", "M月D日 HH:mm")
  '.em-widget-event', // session events ("会话已被客服接起", "会话已结束")
].join(', ');

/** Easemob kefu-webim chat. */
export const easemobAdapter: ChatWidgetAdapter = {
  id: 'easemob',
  // Probe: the row container or a row, as in findList.
  probe: ['.chat-container', '.em-widget-left', '.em-widget-right'],
  findList(root) {
    // template/chatContainer.html: .chat-wrapper > .chat-container holds every row.
    return root.querySelector('.chat-wrapper .chat-container') ?? root.querySelector('.em-widget-left, .em-widget-right')?.parentElement ?? null;
  },
  ...selectorItems(ITEMS),
  readItem(item) {
    const hidden = isHidden(item, item.parentElement);
    if (item.classList.contains('em-widget-date')) {
      return { type: 'time', text: labelText(item) };
    }
    if (item.classList.contains('em-widget-event')) {
      return { type: 'notice', text: labelText(item), nativeId: item.id || null, ownTime: null, hidden };
    }
    // .em-widget-msg-container is the bubble; span.userNickname sits outside it.
    const content = item.querySelector('.em-widget-msg-container') ?? item.querySelector('.em-widget-msg-wrapper') ?? item;
    const role = item.classList.contains('em-widget-right') ? 'customer' : 'agent';
    // The row id is the message id.
    return { type: 'message', role, content, nativeId: item.id || null, ownTime: null, hidden };
  },
};
