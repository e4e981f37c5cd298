import { describe, expect, it, vi } from 'vitest';
import { ChatOutbox } from '@/src/chat/outbox';
import type { ChatBatch, ChatMessageWire } from '@/src/chat/types';

function message(key: string, text: string, extra: Partial<ChatMessageWire> = {}): ChatMessageWire {
  return { key, position: Number(key.replace(/\D/g, '')), role: 'agent', kind: 'text', text, url: null, fileName: null, shownTime: null, versions: [], recalled: false, recallNotice: null, originalKind: null, firstSeenAt: '2026-11-21T10:00:00.000+08:00', ...extra };
}
const batch = (...messages: ChatMessageWire[]): ChatBatch => ({ chatKey: 'w|https://shop.example/chat', widget: 'w', frameUrl: 'https://shop.example/chat', messages });

describe('chat outbox', () => {
  it('sends at once and forgets what was acknowledged', async () => {
    const sent: ChatBatch[] = [];
    const outbox = new ChatOutbox((b) => {
      sent.push(b);
      return Promise.resolve();
    });
    outbox.add(batch(message('m1', '您好')));
    await vi.waitFor(() => expect(outbox.size).toBe(0));
    expect(sent.map((b) => b.messages.map((m) => m.text))).toEqual([['您好']]);
  });

  it('retries a failed send until the background stores it, without losing changes made meanwhile', async () => {
    vi.useFakeTimers();
    try {
      let fail = 2;
      const sent: ChatBatch[] = [];
      const outbox = new ChatOutbox((b) => {
        sent.push(b);
        if (fail > 0) {
          fail -= 1;
          return Promise.reject(new Error('Could not establish connection. Receiving end does not exist.'));
        }
        return Promise.resolve();
      });
      outbox.add(batch(message('m1', '退款24小时内到账')));
      await vi.advanceTimersByTimeAsync(0);
      outbox.add(batch(message('m1', '退款48小时内到账', { versions: [{ text: '退款24小时内到账', seenAt: '2026-11-21T10:00:01.000+08:00' }] }), message('m2', '好的')));
      await vi.advanceTimersByTimeAsync(2000);
      expect(outbox.size).toBe(0);
      const last = sent.at(-1);
      expect(last?.messages.map((m) => m.text)).toEqual(['退款48小时内到账', '好的']);
      expect(last?.messages[0]?.versions.map((v) => v.text)).toEqual(['退款24小时内到账']);
    } finally {
      vi.useRealTimers();
    }
  });

  it('resends a message that changed while its first send was in flight', async () => {
    let release: () => void = () => undefined;
    const sent: ChatBatch[] = [];
    const outbox = new ChatOutbox((b) => {
      sent.push(b);
      return sent.length === 1 ? new Promise<void>((resolve) => (release = resolve)) : Promise.resolve();
    });
    outbox.add(batch(message('m1', 'a')));
    outbox.add(batch(message('m1', 'a', { recalled: true, kind: 'recalled', recallNotice: '对方撤回了一条消息' })));
    release();
    await vi.waitFor(() => expect(outbox.size).toBe(0));
    expect(sent).toHaveLength(2);
    expect(sent[1]?.messages[0]?.recalled).toBe(true);
  });

  it('splits large backlogs into protocol-sized batches', async () => {
    const sizes: number[] = [];
    const outbox = new ChatOutbox((b) => {
      sizes.push(b.messages.length);
      return Promise.resolve();
    });
    outbox.add(batch(...Array.from({ length: 1200 }, (_, i) => message(`m${i}`, `消息 ${i}`))));
    await vi.waitFor(() => expect(outbox.size).toBe(0));
    expect(sizes).toEqual([500, 500, 200]);
  });
});
