// @vitest-environment happy-dom
// Text inside a conversation (support chats, ticket threads, composers) is never order evidence for the
// generic detector, while order records next to such markup, and look-alike order layouts, still are.
import { describe, expect, it } from 'vitest';
import { conversationTest, isEditableBox } from '@/src/detect/conversation';
import { detectOrderPage } from '@/src/detect/index';

const html = (body: string, title = '会员中心'): Document =>
  new DOMParser().parseFromString(`<!doctype html><html><head><title>${title}</title></head><body>${body}</body></html>`, 'text/html');
const shop = new URL('https://shop.example/user/center');

/** The text node holding `text` (first match), for asking the conversation test about it. */
function textNode(doc: Document, text: string): Text {
  const walker = doc.createTreeWalker(doc.body, 4);
  for (let n = walker.nextNode(); n !== null; n = walker.nextNode()) {
    if ((n.nodeValue ?? '').includes(text)) {
      return n as Text;
    }
  }
  throw new Error(`no text ${text}`);
}

/** A message saying an order number, a pay word and a time (the evidence a chat must not give). */
const MENTION = '<p>订单号：MX2026061514093317</p><p>付款成功，实付金额：¥50.00</p><p>下单时间：2026-06-15 14:22</p>';
/** An order record, for the checks that order pages still work. */
const RECORD =
  '<div class="order-info"><div>订单号：OD2026061609305521</div><div>商品名称：月卡</div><div>实付金额：¥45.00</div><div>订单状态：已支付</div></div>';

describe('conversation signals', () => {
  const cases: [string, string][] = [
    ['role="log"', `<div role="log"><div>${MENTION}</div></div>`],
    ['contenteditable composer', `<div contenteditable="true">${MENTION}</div>`],
    ['rows named as messages', `<div class="thread">${`<article class="tk-message">${MENTION}</article>`.repeat(1)}<article class="tk-message"><p>请稍候</p></article><article class="tk-message"><p>好的</p></article></div>`],
    ['unnamed rows of a message list', `<ul class="chat-messages"><li>${MENTION}</li><li>收到</li><li>好的</li></ul>`],
    ['rows alternating self / agent in a chat list', `<div class="chatBox"><div class="el-row chatBoxMe">${MENTION}</div><div class="el-row">查到了</div></div>`],
    ['rows alternating customer / staff in a live region', `<section aria-live="polite"><div class="entry by-customer">${MENTION}</div><div class="entry by-staff">已查到</div></section>`],
    [
      'left / right rows next to a composer',
      `<div class="win"><div class="body"><div class="line right">${MENTION}</div><div class="line left">查到了</div><div class="line left">请稍等</div></div><div class="foot"><textarea></textarea></div></div>`,
    ],
    ['live region rows next to a composer', `<div class="box"><div class="feed" aria-live="polite"><div class="x">${MENTION}</div><div class="x">收到</div></div><textarea></textarea></div>`],
  ];
  for (const [name, body] of cases) {
    it(`${name}: message text is conversation, the page is no order page`, () => {
      const doc = html(`<header>星河卡铺 · 我的订单</header>${body}`);
      expect(conversationTest(doc.body)(textNode(doc, 'MX2026061514093317'))).toBe(true);
      expect(detectOrderPage(shop, doc)).toBeNull();
    });
  }

  it('a sentence naming an order next to a status word inside a chat is no order either', () => {
    const doc = html('<div role="log"><div>您好，订单 MX2026061514093317 已支付，正在发货</div><div>好的</div></div>');
    expect(detectOrderPage(shop, doc)).toBeNull();
  });

  it('a labelled value typed into an editable textarea is not read, a read-only one is', () => {
    const typed = html('<div class="f"><label>订单号</label><textarea>MX2026061514093317</textarea></div><div>实付金额：¥50.00</div><div>订单状态：已支付</div>');
    expect(detectOrderPage(shop, typed)).toBeNull();
    const shown = html('<div class="f"><label>订单号</label><textarea readonly>MX2026061514093317</textarea></div><div>实付金额：¥50.00</div><div>订单状态：已支付</div>');
    expect(detectOrderPage(shop, shown)?.orders[0]?.orderNo).toBe('MX2026061514093317');
    expect(isEditableBox(shown.querySelector('textarea') as Element)).toBe(false);
  });
});

describe('order layouts that look a little like conversations stay order pages', () => {
  const cases: [string, string][] = [
    // WeUI result pages name every block "weui-msg…" (message page), none of them repeats.
    [
      'WeUI pay result',
      '<div class="weui-msg"><div class="weui-msg__icon-area"><i class="weui-icon-success"></i></div><div class="weui-msg__text-area"><h2 class="weui-msg__title">支付成功</h2><p class="weui-msg__desc">订单号：OD2026061609305521</p><p class="weui-msg__desc">实付金额：¥45.00</p></div><div class="weui-msg__opr-area"><a class="weui-btn">完成</a></div></div>',
    ],
    ['a single msg box', '<div class="msg"><p>订单号：OD2026061609305521</p><p>支付成功</p><p>实付金额：¥45.00</p></div>'],
    [
      'left / right columns without a composer',
      '<div class="card"><div class="col left">订单号：OD2026061609305521</div><div class="col right">实付金额：¥45.00</div><div class="col left">订单状态：已支付</div></div>',
    ],
    [
      'customer / service blocks without a message list',
      '<div class="page"><div class="panel customer-info"><div>订单号：OD2026061609305521</div><div>联系方式：a@b.example</div></div><div class="panel service-info"><div>实付金额：¥45.00</div><div>订单状态：已支付</div></div></div>',
    ],
    ['a record beside a support chat', `${RECORD}<aside><div role="log"><div>${MENTION}</div><div>已付款</div></div><textarea></textarea></aside>`],
  ];
  for (const [name, body] of cases) {
    it(name, () => {
      const doc = html(body, '订单详情');
      expect(conversationTest(doc.body)(textNode(doc, 'OD2026061609305521'))).toBe(false);
      const match = detectOrderPage(new URL('https://shop.example/order/OD2026061609305521'), doc);
      expect(match?.orders.map((o) => o.orderNo)).toEqual(['OD2026061609305521']);
      expect(match?.orders[0]?.amount).toBe(45);
    });
  }
});
