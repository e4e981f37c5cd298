// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { isDividerText, isRecallText, isTimeText, readContent } from '@/src/chat/text';
import { mergeChatBatches } from '@/src/chat/index';
import type { ChatMessageWire } from '@/src/chat/index';

function html(build: (root: HTMLElement) => void): HTMLElement {
  const root = document.createElement('div');
  build(root);
  return root;
}

describe('chat text', () => {
  it('recognises list dividers that nobody said', () => {
    for (const t of ['以上为历史消息', '—— 以上是历史消息 ——', '以下为新消息', '历史记录', '歷史訊息', 'New messages', '--- Older messages above ---']) {
      expect(isDividerText(t), t).toBe(true);
    }
    for (const t of ['以上为本次会话的全部内容，如有问题请再联系', '查看历史消息', '历史订单里能看到', '客服已接入', '好的']) {
      expect(isDividerText(t), t).toBe(false);
    }
  });

  it('recognises displayed times and recall notices', () => {
    for (const t of ['14:02', '2:01 PM', '2024-06-12 14:01:08', '昨天 21:14', '6月10日 19:40', '今日', '3分钟前', '下午9:30']) {
      expect(isTimeText(t), t).toBe(true);
    }
    for (const t of ['好的', '订单号 20240612', '20:00 前补发到您的订单页面']) {
      expect(isTimeText(t), t).toBe(false);
    }
    expect(isRecallText('客服撤回了一条消息')).toBe(true);
    expect(isRecallText('This message was deleted')).toBe(true);
    expect(isRecallText('请删除购物车')).toBe(false);
  });

  it('reads emoji alt text, pictures, files and links', () => {
    const emoji = html((r) => {
      r.append('好的');
      const img = document.createElement('img');
      img.alt = '[微笑]';
      img.src = 'f.png';
      r.append(img);
    });
    expect(readContent(emoji)).toMatchObject({ kind: 'text', text: '好的[微笑]' });
    const picture = html((r) => {
      const img = document.createElement('img');
      img.alt = '付款截图';
      img.setAttribute('src', 'assets/pay.png');
      r.append(img);
    });
    expect(readContent(picture)).toMatchObject({ kind: 'image', text: '', url: 'assets/pay.png' });
    const file = html((r) => {
      const card = document.createElement('div');
      card.className = 'file-info';
      const name = document.createElement('span');
      name.className = 'filename';
      name.textContent = '凭证.pdf';
      const size = document.createElement('span');
      size.className = 'filesize';
      size.textContent = '12KB';
      card.append(name, size);
      r.append(card);
    });
    expect(readContent(file)).toMatchObject({ kind: 'file', text: '凭证.pdf', fileName: '凭证.pdf' });
    const link = html((r) => {
      r.append('查询：https://a.test/q?x=1，谢谢');
    });
    expect(readContent(link)).toMatchObject({ kind: 'link', url: 'https://a.test/q?x=1' });
  });

  it('merges batches: latest state per key, versions union, recalled text kept', () => {
    const base: ChatMessageWire = {
      key: 'k', position: 1, role: 'agent', kind: 'text', text: 'a', url: null, fileName: null, shownTime: '14:00',
      versions: [], recalled: false, recallNotice: null, originalKind: null, firstSeenAt: '2026-01-01T00:00:00+08:00',
    };
    const edited = { ...base, text: 'b', versions: [{ text: 'a', seenAt: '2026-01-01T00:00:00+08:00' }] };
    const recalled = { ...edited, kind: 'recalled' as const, recalled: true, originalKind: 'text' as const };
    const rerendered = { ...base, text: 'c' };
    const other = { ...base, key: 'j', position: 0.5, text: 'first' };
    const out = mergeChatBatches([
      { chatKey: 'c', widget: 'w', frameUrl: 'f', messages: [base] },
      { chatKey: 'c', widget: 'w', frameUrl: 'f', messages: [edited, other] },
      { chatKey: 'c', widget: 'w', frameUrl: 'f', messages: [recalled] },
      { chatKey: 'c', widget: 'w', frameUrl: 'f', messages: [rerendered] },
    ]);
    expect(out.map((m) => m.key)).toEqual(['j', 'k']);
    expect(out[1]).toMatchObject({ recalled: true, text: 'b', versions: [{ text: 'a' }] });
  });
});
