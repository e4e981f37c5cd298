/**
 * @module go-fly visitor page (taoshihan1991/go-fly static/templates/chat_page.html): Vue + Element UI,
 * opened in a layui iframe or a window. Times and system notices share the class `.chatTime`.
 */
import type { ChatWidgetAdapter } from '@/src/chat/types';
import { isHidden, labelText, nativeIdOf, selectorItems } from '@/src/chat/dom';
import { ownTimeIn } from '@/src/chat/row';
import { isTimeText } from '@/src/chat/text';

const ITEMS = [
  '.chatBox > .el-row', // a message row; .chatBoxMe marks the visitor's own rows
  '.chatBox > .chatTime', // bare line appended by jQuery: a notice ("会话已结束") or a time
].join(', ');

/** go-fly visitor chat. */
export const goFlyAdapter: ChatWidgetAdapter = {
  id: 'go-fly',
  // Probe: the visitor chat box findList returns.
  probe: ['.chatBox'],
  findList(root) {
    // .chatBox inside the scrolling .chatContext; the composer .chatBoxSend confirms the visitor page.
    const box = root.querySelector('.chatContext .chatBox');
    return box && root.querySelector('.chatBoxSend, .chatContext') ? box : null;
  },
  ...selectorItems(ITEMS),
  readItem(item) {
    const hidden = isHidden(item, item.parentElement);
    if (item.classList.contains('chatTime')) {
      const text = labelText(item);
      return isTimeText(text) ? { type: 'time', text } : { type: 'notice', text, nativeId: null, ownTime: null, hidden };
    }
    // .chatContent is the bubble (v-html of replaceContent: face images, pictures, <br>).
    const content = item.querySelector('.chatContent');
    if (!content) {
      return null;
    }
    const role = item.classList.contains('chatBoxMe') ? 'customer' : 'agent';
    // Each row starts with .chatTime > span (create_time); .chatTimeHide hides it for rows just sent.
    return { type: 'message', role, content, nativeId: nativeIdOf(item), ownTime: ownTimeIn(item, '.chatTime'), hidden };
  },
};
