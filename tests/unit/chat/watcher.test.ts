// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { chatwootAdapter } from '@/src/chat/widgets/chatwoot';
import { ChatEngine } from '@/src/chat/watcher';
import { brief, el, settle, watch } from './helpers';

afterEach(() => {
  document.body.replaceChildren();
});

function chatwootRow(id: string, role: 'agent' | 'customer', text: string): HTMLElement {
  const row = el('div', role === 'agent' ? 'agent-message-wrap' : 'user-message-wrap');
  row.id = `cwmsg-${id}`;
  const wrap = el('div', 'chat-bubble-wrap');
  const bubble = el('div', `chat-bubble ${role === 'agent' ? 'agent' : 'user'}`);
  bubble.append(el('p', '', text));
  wrap.append(bubble);
  row.append(wrap);
  if (role === 'agent') {
    row.append(el('p', 'agent-name', '小美'));
  }
  return row;
}

/** A chatwoot conversation in the page holding one customer message; returns its list and day group. */
function chatwootPage(): { conv: HTMLElement; day: HTMLElement } {
  const container = el('div', 'conversation--container');
  const conv = el('div', 'conversation-wrap');
  const day = el('div', 'messages-wrap');
  day.append(chatwootRow('1', 'customer', '在吗'));
  conv.append(day);
  container.append(conv);
  document.body.append(container);
  return { conv, day };
}

describe('chat watcher', () => {
  it('reads chatwoot rows, keeps a soft-deleted text and ignores the typing bubble', async () => {
    const container = el('div', 'conversation--container');
    const conv = el('div', 'conversation-wrap');
    const day = el('div', 'messages-wrap');
    day.append(el('div', 'date--separator', '今日'), chatwootRow('1', 'customer', '在吗'));
    conv.append(day);
    container.append(conv);
    document.body.append(container);
    const h = watch();
    expect(await h.widget).toEqual({ widget: 'chatwoot' });
    const typing = el('div', 'agent-message-wrap');
    typing.append(el('div', 'chat-bubble agent typing-bubble'));
    typing.querySelector('.typing-bubble')?.append(Object.assign(document.createElement('img'), { alt: 'Agent is typing' }));
    day.append(typing);
    await settle();
    typing.remove();
    day.append(chatwootRow('2', 'agent', '退款会扣手续费'));
    await settle();
    const p = day.querySelector('#cwmsg-2 p');
    if (p) {
      p.textContent = '此消息已被删除';
    }
    day.append(chatwootRow('3', 'customer', '在吗'));
    await settle();
    const t = h.transcript();
    expect(brief(t)).toEqual(['customer|text|在吗|今日', 'agent|recalled|退款会扣手续费|今日', 'customer|text|在吗|今日']);
    expect(t[1]?.recallNotice).toBe('此消息已被删除');
    expect(t[1]?.originalKind).toBe('text');
    h.controller.abort();
  });

  it('keeps crisp edits as versions and a silently removed message as recalled', async () => {
    const box = el('div', 'crisp-client');
    const chat = el('div', 'cc-x');
    chat.id = 'crisp-chatbox';
    const header = el('div', 'cc-h');
    header.append(el('span', 'cc-n', '喵喵'), el('span', 'cc-t', '14:08'));
    const group = el('div', 'cc-g');
    chat.append(header, group);
    box.append(chat);
    document.body.append(box);
    const msg = (from: string, text: string): HTMLElement => {
      const m = el('div', 'cc-m');
      m.setAttribute('data-from', from);
      m.append(el('span', 'cc-s', text));
      group.append(m);
      return m;
    };
    msg('operator', '24小时内退回');
    const h = watch();
    expect(await h.widget).toEqual({ widget: 'crisp' });
    msg('visitor', '好的');
    const gone = msg('operator', '要扣5%手续费');
    await settle();
    gone.remove();
    await settle();
    const first = group.querySelector('.cc-s');
    if (first) {
      first.textContent = '1-3个工作日内退回';
      first.parentElement?.append(el('span', 'cc-e', '（已编辑）'));
    }
    await settle();
    const t = h.transcript();
    expect(brief(t)).toEqual(['agent|text|1-3个工作日内退回|14:08', 'customer|text|好的|14:08', 'agent|recalled|要扣5%手续费|14:08']);
    expect(t[0]?.versions.map((v) => v.text)).toEqual(['24小时内退回']);
    expect(t[2]?.recallNotice).toBeNull();
    h.controller.abort();
  });

  it('puts newest-first history before what was shown and treats a hidden row as recalled (easemob)', async () => {
    const wrapper = el('div', 'chat-wrapper');
    const list = el('div', 'chat-container');
    wrapper.append(list);
    document.body.append(wrapper);
    const row = (id: string, side: 'left' | 'right', text: string): HTMLElement => {
      const r = el('div', `em-widget-${side}`);
      r.id = id;
      const c = el('div', 'em-widget-msg-container');
      c.append(el('span', 'text', text));
      r.append(c);
      return r;
    };
    list.append(row('k1', 'right', '退款到了吗'));
    const h = watch();
    expect(await h.widget).toEqual({ widget: 'easemob' });
    list.insertBefore(row('h2', 'left', '已提交退款'), list.firstChild);
    await settle();
    list.insertBefore(row('h1', 'right', '我要退款'), list.firstChild);
    await settle();
    const late = row('k2', 'left', '超过7天不退');
    list.append(late);
    await settle();
    late.classList.add('hide');
    await settle();
    expect(brief(h.transcript())).toEqual(['customer|text|我要退款|-', 'agent|text|已提交退款|-', 'customer|text|退款到了吗|-', 'agent|recalled|超过7天不退|-']);
    h.controller.abort();
  });

  it('keeps a row hidden after it was shown even when the hiding came before the saver read it (easemob)', async () => {
    const list = el('div', 'chat-container');
    const wrapper = el('div', 'chat-wrapper');
    wrapper.append(list);
    document.body.append(wrapper);
    const row = (id: string, text: string, cls = ''): HTMLElement => {
      const r = el('div', `em-widget-left${cls}`);
      r.id = id;
      const c = el('div', 'em-widget-msg-container');
      c.append(el('span', 'text', text));
      r.append(c);
      return r;
    };
    list.append(row('k1', '稍等'));
    const h = watch();
    expect(await h.widget).toEqual({ widget: 'easemob' });
    await settle();
    // Shown in one page task, hidden in a later one, both before the saver's own task ran (a slowed page).
    const shown = row('k2', '超过7天的订单要扣手续费');
    list.append(shown);
    await Promise.resolve();
    await Promise.resolve();
    shown.classList.add('hide');
    // Added already hidden, or hidden in the very task that added it: never shown, nothing to keep.
    list.append(row('k3', '模板', ' hide'));
    const never = row('k4', '占位');
    list.append(never);
    never.classList.add('hide');
    await settle();
    const t = h.transcript();
    expect(brief(t)).toEqual(['agent|text|稍等|-', 'agent|recalled|超过7天的订单要扣手续费|-']);
    expect(t[1]?.recallNotice).toBeNull();
    h.controller.abort();
  });

  it('handles go-fly prepends, hidden own times and a removed row with a notice appended', async () => {
    const ctx = el('div', 'chatContext');
    const box = el('div', 'chatBox');
    ctx.append(box);
    document.body.append(ctx, el('div', 'chatBoxSend'));
    const row = (me: boolean, time: string, text: string, hideTime = false): HTMLElement => {
      const r = el('div', `el-row${me ? ' chatBoxMe' : ''}`);
      const t = el('div', `chatTime${hideTime ? ' chatTimeHide' : ''}`);
      t.append(el('span', '', time));
      const c = el('div', 'chatContent', text);
      r.append(t, c);
      return r;
    };
    box.append(el('div', 'chatTime', '客服已接入'), row(true, '2024-06-12 14:01:08', '在吗'));
    const h = watch();
    expect(await h.widget).toEqual({ widget: 'go-fly' });
    const first = box.querySelector('.el-row');
    box.insertBefore(row(true, '2024-06-11 21:14:05', '上次的单'), first);
    await settle();
    const bad = row(false, '2024-06-12 14:09:09', '扣手续费');
    box.append(bad);
    await settle();
    bad.remove();
    box.append(el('div', 'chatTime', '客服撤回了一条消息'), row(true, '2024-06-12 14:10:00', '好的', true));
    await settle();
    expect(brief(h.transcript())).toEqual([
      'customer|text|上次的单|2024-06-11 21:14:05',
      'system|system|客服已接入|-',
      'customer|text|在吗|2024-06-12 14:01:08',
      'agent|recalled|扣手续费|2024-06-12 14:09:09',
      'system|system|客服撤回了一条消息|-',
      'customer|text|好的|-',
    ]);
    h.controller.abort();
  });

  describe('a recall notice read in one round with a new row after it (layim)', () => {
    const layimRow = (id: string, mine: boolean, time: string, text: string): HTMLElement => {
      const li = el('li', mine ? 'layim-chat-mine' : '');
      li.setAttribute('data-cid', id);
      const user = el('div', 'layim-chat-user');
      const cite = el('cite', '', mine ? '我' : '小周');
      cite.append(el('i', '', time));
      user.append(cite);
      li.append(user, el('div', 'layim-chat-text', text));
      return li;
    };
    const notice = (): HTMLElement => {
      const li = el('li', 'layim-chat-system layim-chat-retract');
      li.append(el('span', '', '对方撤回了一条消息'));
      return li;
    };
    async function layimChat(): Promise<{ ul: HTMLElement; last: HTMLElement; h: ReturnType<typeof watch> }> {
      const chat = el('div', 'layim-chat layim-chat-friend');
      const main = el('div', 'layim-chat-main');
      const ul = el('ul');
      main.append(ul);
      chat.append(main);
      document.body.append(chat);
      ul.append(layimRow('1', true, '2024-06-12 20:01:13', '在吗'));
      const last = layimRow('2', false, '2024-06-12 20:03:10', '这个订单不支持退款');
      ul.append(last);
      const h = watch();
      expect(await h.widget).toEqual({ widget: 'laykefu' });
      await settle();
      return { ul, last, h };
    }
    const expected = ['customer|text|在吗|2024-06-12 20:01:13', 'agent|recalled|这个订单不支持退款|2024-06-12 20:03:10', 'customer|text|还在吗|2024-06-12 20:04:02'];

    const recalls: [string, (ul: HTMLElement, row: HTMLElement, notice: HTMLElement) => void][] = [
      ['replaced the last row (one mutation record)', (ul, row, n) => ul.replaceChild(n, row)],
      [
        'was put beside the row and the row then removed',
        (ul, row, n) => {
          ul.insertBefore(n, row);
          row.remove();
        },
      ],
    ];
    it.each(recalls)('keeps the notice as the recall when it %s', async (_shape, recall) => {
      const { ul, last, h } = await layimChat();
      recall(ul, last, notice());
      ul.append(layimRow('3', true, '2024-06-12 20:04:02', '还在吗'));
      await settle();
      const t = h.transcript();
      expect(brief(t)).toEqual(expected);
      expect(t[1]?.recallNotice).toBe('对方撤回了一条消息');
      h.controller.abort();
    });
  });

  it('finds a chat that appears late and stops on abort', async () => {
    const h = watch(3_000);
    await settle(50);
    const list = el('div', 'uc-ticket-messages');
    const art = el('article', 'uc-ticket-message is-admin');
    art.setAttribute('data-message-id', '7');
    const md = el('div', 'uc-ticket-markdown');
    md.append(el('p', '', '已收到工单'));
    art.append(el('time', '', '2024-06-12 10:05:17'), md);
    list.append(art);
    document.body.append(list);
    expect(await h.widget).toEqual({ widget: 'acg-faka-ticket' });
    await settle();
    expect(brief(h.transcript())).toEqual(['agent|text|已收到工单|2024-06-12 10:05:17']);
    h.controller.abort();
    const count = h.batches.length;
    const again = art.cloneNode(true);
    if (again instanceof HTMLElement) {
      again.setAttribute('data-message-id', '8');
      list.append(again);
    }
    await settle();
    expect(h.batches.length).toBe(count);
  });

  it('resolves null when no chat shows up within the wait', async () => {
    document.body.append(el('p', '', '普通页面'));
    const h = watch(200);
    expect(await h.widget).toBeNull();
  });

  it('reads a virtualised generic list without losing or recalling dropped rows', async () => {
    const panel = el('div', 'kf-panel');
    const rows = el('div', 'kf-rows');
    const compose = el('div', 'kf-compose');
    const input = el('div', 'kf-input');
    input.setAttribute('contenteditable', 'true');
    compose.append(input, el('button', '', '发送'));
    panel.append(rows, compose);
    document.body.append(panel);
    let index = 0;
    const add = (side: string, text: string): void => {
      const r = el('div', `kf-row kf-row--${side}`);
      r.setAttribute('data-index', String(index++));
      r.append(el('div', 'kf-bubble', text));
      rows.append(r);
      while (rows.children.length > 3) {
        rows.firstElementChild?.remove();
      }
    };
    add('self', '账号登不上');
    add('other', '密码错误吗');
    add('self', '对');
    const h = watch();
    expect(await h.widget).toEqual({ widget: 'generic' });
    add('other', '已重置');
    await settle();
    add('self', '对');
    await settle();
    expect(brief(h.transcript())).toEqual([
      'customer|text|账号登不上|-',
      'agent|text|密码错误吗|-',
      'customer|text|对|-',
      'agent|text|已重置|-',
      'customer|text|对|-',
    ]);
    h.controller.abort();
  });

  it('reads new rows in a task of its own, after the page task that added them', async () => {
    const { conv, day } = chatwootPage();
    const controller = new AbortController();
    const engine = new ChatEngine(chatwootAdapter, 'k', { signal: controller.signal, frameUrl: 'https://shop.test/chat', now: () => new Date(), onBatch: () => undefined });
    engine.attachList(conv);
    expect(engine.snapshot().map((m) => m.text)).toEqual(['在吗']);
    for (let i = 2; i < 52; i++) {
      day.append(chatwootRow(String(i), 'agent', `第${i}条`));
    }
    // The observer's callback has run (microtasks), but the page's task is not over: nothing read inside it.
    await Promise.resolve();
    await Promise.resolve();
    expect(engine.snapshot()).toHaveLength(1);
    // Then read in the saver's own tasks (slices of at most 8 ms each).
    await settle(200);
    expect(engine.snapshot()).toHaveLength(51);
    controller.abort();
  });

  it('tells which list it reads, and that it reads none once stopped', async () => {
    const { day } = chatwootPage();
    const lists: (Element | null)[] = [];
    const h = watch(2_000, (list) => lists.push(list));
    expect(await h.widget).toEqual({ widget: 'chatwoot' });
    expect(lists).toHaveLength(1);
    expect(lists[0]?.contains(day.querySelector('#cwmsg-1'))).toBe(true);
    h.controller.abort();
    expect(lists).toEqual([lists[0], null]);
  });
});
