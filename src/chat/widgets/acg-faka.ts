/**
 * @module acg-faka (lizhipay/acg-faka 3.x) user-centre ticket (工单) thread: rendered in the page and
 * refreshed by polling; earlier items are prepended by "加载更早的沟通记录".
 */
import type { ChatWidgetAdapter } from '@/src/chat/types';
import { isHidden, labelText, selectorItems } from '@/src/chat/dom';
import { ownTimeIn } from '@/src/chat/row';

const ITEMS = [
  'article.uc-ticket-message', // a reply: .is-user (customer) or .is-admin (官方客服)
  'article.uc-ticket-event', // ticket events (created, closed): system notices
].join(', ');

/** acg-faka ticket thread. */
export const acgFakaAdapter: ChatWidgetAdapter = {
  id: 'acg-faka-ticket',
  // Probe: the ticket thread findList returns.
  probe: ['.uc-ticket-messages'],
  findList(root) {
    // The thread container inside the ticket detail card.
    return root.querySelector('.uc-ticket-messages');
  },
  ...selectorItems(ITEMS),
  readItem(item) {
    const hidden = isHidden(item, item.parentElement);
    // data-message-id is the ticket reply id; polling re-delivers by id.
    const nativeId = item.getAttribute('data-message-id');
    // <time> holds the full date-time of each item.
    const ownTime = ownTimeIn(item, 'time');
    // .uc-ticket-markdown is the rendered body; meta (name, 官方客服, 最终答复, icon ligatures) sits outside it.
    const body = item.querySelector('.uc-ticket-markdown');
    if (item.classList.contains('uc-ticket-event')) {
      return { type: 'notice', text: labelText(body ?? item), nativeId, ownTime, hidden };
    }
    const role = item.classList.contains('is-admin') ? 'agent' : 'customer';
    return { type: 'message', role, content: body ?? item, nativeId, ownTime, hidden };
  },
};
