// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { detectChatWidget, findGenericChat } from '@/src/chat/index';
import { el } from './helpers';

afterEach(() => {
  document.body.replaceChildren();
});

function composer(): HTMLElement {
  const c = el('div', 'composer');
  c.append(el('textarea'), el('button', '', '发送'));
  return c;
}

describe('generic chat detector', () => {
  it('accepts a two-sided list next to a composer (classes)', () => {
    const list = el('ul', 'msg-list');
    for (const [side, text] of [['mine', '在吗'], ['other', '在的'], ['mine', '退款'], ['other', '好的']] as const) {
      const li = el('li', `msg ${side}`);
      li.append(el('div', 'bubble', text));
      list.append(li);
    }
    const panel = el('div', 'chat');
    panel.append(list, composer());
    document.body.append(panel);
    expect(findGenericChat(document)).toBe(list);
    expect(detectChatWidget(document)?.id).toBe('generic');
  });

  it('accepts sides given by alignment and avatar position', () => {
    const list = el('div', 'x1');
    for (let i = 0; i < 4; i += 1) {
      const row = el('div', 'x2');
      const img = document.createElement('img');
      img.src = 'a.png';
      const bubble = el('div', 'x3', `消息${i}`);
      if (i % 2 === 0) {
        row.append(img, bubble);
      } else {
        row.setAttribute('style', 'display:flex;justify-content:flex-end');
        row.append(bubble);
      }
      list.append(row);
    }
    const panel = el('div');
    panel.append(list, composer());
    document.body.append(panel);
    expect(findGenericChat(document)).toBe(list);
  });

  it('rejects blog comments', () => {
    const list = el('ol', 'comment-list');
    for (const [who, side] of [['甲', 'self'], ['乙', 'other'], ['丙', 'self'], ['丁', 'other']] as const) {
      const li = el('li', `comment ${side}`);
      li.append(el('span', 'author', who), el('p', '', '卡密没发'), el('a', '', '回复'));
      list.append(li);
    }
    const form = el('form');
    form.id = 'commentform';
    form.append(el('textarea'), el('button', '', '发表评论'));
    document.body.append(list, form);
    expect(detectChatWidget(document)).toBeNull();
  });

  it('accepts a chat whose agent changed and whose attachments carry a file-name (not authors)', () => {
    const list = el('div', 'msg-list');
    const rows: [string, string, string][] = [
      ['left kf', '客服-小七', '您好'],
      ['right user', '我', '卡密错误'],
      ['right user', '我', '账单.pdf'],
      ['left kf', '客服-小七', '申请表.docx'],
      ['left kf', '客服-小八', '我是小八，已转接'],
      ['right user', '我', '好的'],
      ['left kf', '客服-小八', '已退款'],
    ];
    for (const [side, who, text] of rows) {
      const row = el('div', `msg msg-${side}`);
      const body = el('div', 'msg-body');
      // File messages name the file in a `file-name` span: a file, not a third author.
      const content = /\.(pdf|docx)$/.test(text) ? el('div', 'msg-file') : el('div', 'msg-content', text);
      if (content.classList.contains('msg-file')) {
        content.append(el('span', 'file-name', text));
      }
      body.append(el('span', 'nickname', who), content);
      row.append(body);
      list.append(row);
    }
    const panel = el('div', 'kefu');
    panel.append(list, composer());
    document.body.append(panel);
    expect(findGenericChat(document)).toBe(list);
  });

  it('rejects a two-sided list whose rows are each by another author', () => {
    const list = el('div', 'qa-list');
    ['阿明', '小红', '老王', '路人甲', '匿名用户'].forEach((who, i) => {
      const row = el('div', `item ${i % 2 ? 'left' : 'right'}`);
      row.append(el('span', 'nickname', who), el('p', '', '这家卡密能用吗'));
      list.append(row);
    });
    const wrap = el('div');
    wrap.append(list, composer());
    document.body.append(wrap);
    expect(findGenericChat(document)).toBeNull();
  });

  it('rejects a forum thread with floors and report links', () => {
    const posts = el('div', 'postlist');
    ['楼主', '沙发', '#3', '#4'].forEach((floor, i) => {
      const p = el('div', `plhin ${i % 2 ? 'left' : 'right'}`);
      p.append(el('em', '', floor), el('div', 't_f', '客服不回'), el('a', '', '举报'));
      posts.append(p);
    });
    const wrap = el('div');
    wrap.append(posts, composer());
    document.body.append(wrap);
    expect(detectChatWidget(document)).toBeNull();
  });

  it('rejects a page without a composer', () => {
    const list = el('ul');
    for (const side of ['mine', 'other', 'mine']) {
      list.append(el('li', side, '文字'));
    }
    document.body.append(list);
    expect(detectChatWidget(document)).toBeNull();
  });

  it('gives up after its time budget but scores the candidates nearest the composer first', () => {
    // A composer in a page's main column with many list-like blocks around it.
    const main = el('main', 'content');
    for (let i = 0; i < 300; i += 1) {
      const story = el('article', 'story');
      story.append(el('h2', '', `标题 ${i}`), el('p', '', `摘要 ${i}`), el('span', '', '新闻'));
      main.append(story);
    }
    const list = el('ul', 'msg-list');
    for (const [side, text] of [['mine', '在吗'], ['other', '在的'], ['mine', '退款']] as const) {
      const li = el('li', `msg ${side}`);
      li.append(el('div', 'bubble', text));
      list.append(li);
    }
    const box = el('div', 'chat');
    box.append(list, composer());
    main.append(box);
    document.body.append(main);
    expect(findGenericChat(document, 0)).toBe(list);
    list.remove();
    const clock = vi.spyOn(performance, 'now');
    clock.mockReturnValueOnce(0).mockReturnValue(1_000);
    expect(findGenericChat(document, 12)).toBeNull();
    // The nearest level was scored, then the budget stopped the climb into the column.
    expect(clock.mock.calls.length).toBeLessThan(5);
  });
});
