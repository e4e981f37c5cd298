import { Dexie } from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import type { ChatMessageWire } from '@/src/chat/types';
import { evidenceTime } from '@/src/shared/time';
import { verifyEventChain } from '@/src/store/chain';
import { chatMessageId, saveChatMessages } from '@/src/store/chat-repo';
import { createEvidenceDb, type EvidenceDb } from '@/src/store/db';
import { caseEvents, ensureCase } from '@/src/store/repo';

let db: EvidenceDb;
afterEach(async () => {
  db.close();
  await Dexie.delete(db.name);
});

const SOURCE = { chatKey: 'crisp|https://shop.example/', widget: 'crisp', frameUrl: 'https://shop.example/', pageUrl: 'https://shop.example/' };
function wire(key: string, text: string, extra: Partial<ChatMessageWire> = {}): ChatMessageWire {
  return { key, position: 1, role: 'agent', kind: 'text', text, url: null, fileName: null, shownTime: '14:03', versions: [], recalled: false, recallNotice: null, originalKind: null, firstSeenAt: '2026-11-21T14:03:00.000+08:00', ...extra };
}

describe('chat repository', () => {
  it('stores, merges edits and recalls, and is idempotent for retried batches', async () => {
    db = createEvidenceDb('chat-repo-1');
    const { id: caseId } = await ensureCase(db, { shopOrigin: 'https://shop.example', orderNo: '' }, evidenceTime());
    expect(await saveChatMessages(db, caseId, SOURCE, [wire('m1', '24小时内退款')], evidenceTime())).toBe(1);
    // The same batch again (a retry after a worker restart): nothing changes, no event.
    expect(await saveChatMessages(db, caseId, SOURCE, [wire('m1', '24小时内退款')], evidenceTime())).toBe(0);
    // An edit keeps the first version; a later recall keeps the text.
    await saveChatMessages(db, caseId, SOURCE, [wire('m1', '48小时内退款', { versions: [{ text: '24小时内退款', seenAt: '2026-11-21T14:04:00.000+08:00' }] })], evidenceTime());
    await saveChatMessages(db, caseId, SOURCE, [wire('m1', '48小时内退款', { kind: 'recalled', recalled: true, recallNotice: '客服撤回了一条消息', originalKind: 'text' })], evidenceTime());
    // A re-rendered row without the recall flag must not undo the recall.
    await saveChatMessages(db, caseId, SOURCE, [wire('m1', '48小时内退款')], evidenceTime());
    const stored = await db.messages.get(chatMessageId(SOURCE.chatKey, 'm1'));
    expect(stored?.recalled).toBe(true);
    expect(stored?.versions.map((v) => v.text)).toEqual(['24小时内退款']);
    const events = await caseEvents(db, caseId);
    expect(events.filter((e) => e.type === 'chat-messages-saved')).toHaveLength(3);
    expect(await verifyEventChain(events)).toEqual([]);
  });

  it('saves overlapping batches written at the same time once each, merged, with one event per change', async () => {
    db = createEvidenceDb('chat-repo-3');
    const { id: caseId } = await ensureCase(db, { shopOrigin: 'https://shop.example', orderNo: '' }, evidenceTime());
    await saveChatMessages(db, caseId, SOURCE, [wire('m1', '24小时内退款', { position: 1 })], evidenceTime());
    // Two frames' batches race: both carry m2 (new) and one carries an edit of m1 (stored before).
    const edit = wire('m1', '48小时内退款', { position: 1, versions: [{ text: '24小时内退款', seenAt: '2026-11-21T14:04:00.000+08:00' }] });
    const [a, b] = await Promise.all([
      saveChatMessages(db, caseId, SOURCE, [edit, wire('m2', '已登记', { position: 2 })], evidenceTime()),
      saveChatMessages(db, caseId, SOURCE, [wire('m2', '已登记', { position: 2 }), wire('m3', '请稍等', { position: 3 })], evidenceTime()),
    ]);
    // m2 is written by whichever came first; the other finds it stored and unchanged and leaves it.
    expect(a + b).toBe(3);
    const stored = (await db.messages.toArray()).sort((x, y) => x.position - y.position);
    expect(stored.map((m) => [m.text, m.versions.map((v) => v.text)])).toEqual([
      ['48小时内退款', ['24小时内退款']],
      ['已登记', []],
      ['请稍等', []],
    ]);
    const events = await caseEvents(db, caseId);
    const saved = events.filter((e) => e.type === 'chat-messages-saved');
    expect(saved).toHaveLength(3);
    // Every message's latest hash is vouched for by an event.
    const listed = saved.flatMap((e) => (e.data as { messages: { id: string }[] }).messages.map((m) => m.id));
    expect(new Set(listed)).toEqual(new Set(stored.map((m) => m.id)));
    expect(await verifyEventChain(events)).toEqual([]);
  });

  it('stores a batch mixing new and stored messages whole: the new ones once, one event, nothing half-written', async () => {
    db = createEvidenceDb('chat-repo-4');
    const { id: caseId } = await ensureCase(db, { shopOrigin: 'https://shop.example', orderNo: '' }, evidenceTime());
    await saveChatMessages(db, caseId, SOURCE, [wire('m2', '已登记', { position: 2 })], evidenceTime());
    // m1 and m3 are new, m2 is stored and unchanged: only the new ones are written and listed.
    const batch = [wire('m1', '在吗', { position: 1 }), wire('m2', '已登记', { position: 2 }), wire('m3', '请稍等', { position: 3 })];
    expect(await saveChatMessages(db, caseId, SOURCE, batch, evidenceTime())).toBe(2);
    expect((await db.messages.toArray()).map((m) => m.text).sort()).toEqual(['在吗', '已登记', '请稍等'].sort());
    const saved = (await caseEvents(db, caseId)).filter((e) => e.type === 'chat-messages-saved');
    expect(saved.map((e) => (e.data as { messages: { id: string }[] }).messages.map((m) => m.id))).toEqual([
      [chatMessageId(SOURCE.chatKey, 'm2')],
      [chatMessageId(SOURCE.chatKey, 'm1'), chatMessageId(SOURCE.chatKey, 'm3')],
    ]);
    expect(await verifyEventChain(await caseEvents(db, caseId))).toEqual([]);
  });

  it('stores a batch repeating a key (a hostile frame) once, without failing', async () => {
    db = createEvidenceDb('chat-repo-5');
    const { id: caseId } = await ensureCase(db, { shopOrigin: 'https://shop.example', orderNo: '' }, evidenceTime());
    expect(await saveChatMessages(db, caseId, SOURCE, [wire('m1', '在吗'), wire('m1', '在吗？')], evidenceTime())).toBe(2);
    expect((await db.messages.toArray()).map((m) => m.text)).toEqual(['在吗？']);
    expect(await verifyEventChain(await caseEvents(db, caseId))).toEqual([]);
  });

  it('keeps identical texts at different times as different messages', async () => {
    db = createEvidenceDb('chat-repo-2');
    const { id: caseId } = await ensureCase(db, { shopOrigin: 'https://shop.example', orderNo: '' }, evidenceTime());
    await saveChatMessages(db, caseId, SOURCE, [wire('m1', '在吗', { position: 1 }), wire('m2', '在吗', { position: 2, shownTime: '14:09' })], evidenceTime());
    expect(await db.messages.count()).toBe(2);
  });
});

describe('moving a chat', () => {
  it('moves every message and records it in both chains', async () => {
    db = createEvidenceDb('chat-repo-3');
    const { moveChat } = await import('@/src/store/chat-repo');
    const shopCase = await ensureCase(db, { shopOrigin: 'https://shop.example', orderNo: '' }, evidenceTime());
    const orderCase = await ensureCase(db, { shopOrigin: 'https://shop.example', orderNo: 'A1B2C3D4E5F6G7H8' }, evidenceTime());
    await saveChatMessages(db, shopCase.id, SOURCE, [wire('m1', '在吗', { position: 1 }), wire('m2', '退款呢', { position: 2 })], evidenceTime());
    expect(await moveChat(db, SOURCE.chatKey, orderCase.id, evidenceTime())).toBe(2);
    expect(await db.messages.where('caseId').equals(orderCase.id).count()).toBe(2);
    expect((await caseEvents(db, shopCase.id)).at(-1)?.type).toBe('chat-moved-out');
    expect((await caseEvents(db, orderCase.id)).at(-1)?.type).toBe('chat-moved-in');
    expect(await verifyEventChain(await caseEvents(db, shopCase.id))).toEqual([]);
    expect(await verifyEventChain(await caseEvents(db, orderCase.id))).toEqual([]);
  });
});
