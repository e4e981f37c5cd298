import { storedBytes } from '@/src/store/records';
import { Dexie } from 'dexie';
import JSZip from 'jszip';
import { afterEach, describe, expect, it } from 'vitest';
import { writeBackup } from '@/src/backup/export';
import { restoreBackup, type RestoreReport } from '@/src/backup/import';
import { mergeSettings, pickSettings, type BackupManifest } from '@/src/backup/format';
import type { ChatMessageWire } from '@/src/chat/types';
import type { OrderFacts } from '@/src/cases/order';
import { sha256Hex } from '@/src/shared/hash';
import { evidenceTime } from '@/src/shared/time';
import { verifyEventChain } from '@/src/store/chain';
import { saveChatMessages } from '@/src/store/chat-repo';
import { createEvidenceDb, type EvidenceDb } from '@/src/store/db';
import { appendEvents, caseEvents, correctOrderField, recordOrderSighting, storeCaptureBatch, type CapturedItem } from '@/src/store/repo';
import { attachFile, mergeCases, splitCase } from '@/src/store/workspace-repo';

/** The value, or a test failure naming what was missing. */
function must<T>(value: T | undefined | null, what = 'value'): T {
  if (value === undefined || value === null) {
    throw new Error(`missing ${what}`);
  }
  return value;
}

let counter = 0;
const opened: EvidenceDb[] = [];
function freshDb(): EvidenceDb {
  counter += 1;
  const db = createEvidenceDb(`backup-test-${counter}`);
  opened.push(db);
  return db;
}
afterEach(async () => {
  for (const db of opened.splice(0)) {
    db.close();
    await Dexie.delete(db.name);
  }
});

const KEY = { shopOrigin: 'https://shop.example', orderNo: 'K8QW2M7ZP4XR9T1A' };
const ORDER: OrderFacts = {
  orderNo: KEY.orderNo,
  amount: 158,
  currency: 'CNY',
  item: '腾讯视频VIP年卡',
  quantity: 1,
  orderTime: '2026-11-02T21:05:33+08:00',
  status: 'paid',
  statusText: '已支付',
  shopName: '星河数卡',
  paymentMethod: '支付宝',
  contact: null,
};
const SOURCE = { chatKey: 'crisp|https://shop.example/', widget: 'crisp', frameUrl: 'https://shop.example/', pageUrl: 'https://shop.example/order' };
const T0 = new Date('2026-11-02T13:10:00Z');
const at = (minutes: number): ReturnType<typeof evidenceTime> => evidenceTime(new Date(T0.getTime() + minutes * 60_000));

function wire(key: string, text: string, position: number): ChatMessageWire {
  return { key, position, role: 'agent', kind: 'text', text, url: null, fileName: null, shownTime: '14:03', versions: [], recalled: false, recallNotice: null, originalKind: null, firstSeenAt: '2026-11-21T14:03:00.000+08:00' };
}

async function item(kind: CapturedItem['kind'], mime: string, data: Uint8Array): Promise<CapturedItem> {
  return { kind, mime, data, sha256: await sha256Hex(data), sourceUrl: 'https://shop.example/order', frameUrl: null, title: '订单详情', note: null };
}

/** Bytes that do not compress, like a PNG screenshot. */
function noise(n: number, seed: number): Uint8Array {
  const out = new Uint8Array(n);
  let x = seed;
  for (let i = 0; i < n; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    out[i] = x >>> 24;
  }
  return out;
}

/** A source profile: two cases, captures (binary and text), a correction, a chat with an edit. */
async function populate(db: EvidenceDb): Promise<string> {
  const { record } = await recordOrderSighting(db, KEY, ORDER, null, 'https://shop.example/order', at(0));
  await storeCaptureBatch(db, record.id, 'b1', [await item('visible', 'image/png', noise(50_000, 1)), await item('text', 'text/plain;charset=utf-8', new TextEncoder().encode('订单号 K8QW2M7ZP4XR9T1A 金额 158'))], at(1));
  await correctOrderField(db, record.id, 'amount', 168, at(2));
  await saveChatMessages(db, record.id, SOURCE, [wire('m1', '24小时内退款', 1), wire('m2', '好的', 2)], at(3));
  const other = await recordOrderSighting(db, { shopOrigin: 'https://other.example', orderNo: 'A1' }, { ...ORDER, orderNo: 'A1', amount: 30 }, null, 'https://other.example/o', at(4));
  await storeCaptureBatch(db, other.record.id, 'b2', [await item('fullpage', 'image/png', noise(20_000, 2))], at(5));
  return record.id;
}

async function dumpDb(db: EvidenceDb): Promise<Record<string, unknown[]>> {
  return {
    cases: await db.cases.orderBy('id').toArray(),
    captures: await db.captures.orderBy('id').toArray(),
    blobs: await Promise.all((await db.blobs.orderBy('sha256').toArray()).map(async (b) => ({ ...b, data: Array.from(await storedBytes(b.data)) }))),
    messages: await db.messages.orderBy('id').toArray(),
    events: await db.events.orderBy('id').toArray(),
  };
}

async function totalRows(db: EvidenceDb): Promise<number> {
  return (await db.cases.count()) + (await db.captures.count()) + (await db.blobs.count()) + (await db.messages.count()) + (await db.events.count());
}

async function backupOf(db: EvidenceDb, settings = {}): Promise<Blob> {
  const { file } = await writeBackup({ db, settings, now: at(10), generator: '留证 test' });
  return file;
}

async function restore(db: EvidenceDb, file: Blob, currentSettings: Record<string, unknown> = {}): Promise<RestoreReport> {
  // Blob by blob, so a failure late in the file meets blobs already staged (which must be removed again).
  return restoreBackup({ db, file, currentSettings, stageBatchBytes: 1 });
}

/**
 * Rewrites a backup: `edit` changes entries; with `fixManifest` the manifest's hashes and sizes are recomputed
 * (a tamperer who knows the format), so the checks behind the hashes are what must catch it.
 */
async function rewrite(file: Blob, edit: (files: Map<string, Uint8Array>, manifest: BackupManifest) => void, fixManifest: boolean): Promise<Blob> {
  const zip = await JSZip.loadAsync(new Uint8Array(await file.arrayBuffer()));
  const files = new Map<string, Uint8Array>();
  for (const name of Object.keys(zip.files).filter((n) => !must(zip.files[n]).dir)) {
    files.set(name, await must(zip.file(name)).async('uint8array'));
  }
  const manifest = JSON.parse(new TextDecoder().decode(files.get('manifest.json'))) as BackupManifest;
  edit(files, manifest);
  if (fixManifest) {
    manifest.entries = await Promise.all([...files.keys()].filter((n) => n !== 'manifest.json').map(async (path) => ({ path, sha256: await sha256Hex(must(files.get(path))), bytes: must(files.get(path)).length })));
  }
  files.set('manifest.json', new TextEncoder().encode(JSON.stringify(manifest)));
  const out = new JSZip();
  for (const [name, data] of files) {
    out.file(name, data, { createFolders: false });
  }
  return new Blob([new Uint8Array(await out.generateAsync({ type: 'uint8array', compression: 'DEFLATE' }))]);
}

function editText(files: Map<string, Uint8Array>, prefix: string, change: (text: string) => string): void {
  const name = [...files.keys()].find((n) => n.startsWith(prefix));
  if (name === undefined) {
    throw new Error(`no entry ${prefix}`);
  }
  files.set(name, new TextEncoder().encode(change(new TextDecoder().decode(files.get(name)))));
}

describe('backup round trip', () => {
  it('restores every record of every table identically into an empty profile, chains intact', async () => {
    const source = freshDb();
    await populate(source);
    const file = await backupOf(source, pickSettings({ 'reminders:notified': ['c|d|due'], settings: { language: 'zh-TW', pausedOrigins: ['https://a.example'] }, 'reminders:deadlines': [] }));
    const target = freshDb();
    const report = await restore(target, file, { 'reminders:notified': ['x|y|before-24h'], unrelated: 1 });
    expect(report.problems).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.cases.map((c) => c.outcome)).toEqual(['imported', 'imported']);
    expect(report.imported).toEqual({ cases: 2, captures: 3, blobs: 3, messages: 2, events: await source.events.count() });
    expect(await dumpDb(target)).toEqual(await dumpDb(source));
    for (const c of await target.cases.toArray()) {
      expect(await verifyEventChain(await caseEvents(target, c.id))).toEqual([]);
    }
    // Settings are merged, never replaced: notifications shown in either profile stay shown.
    expect(report.settings['reminders:notified']).toEqual(['x|y|before-24h', 'c|d|due']);
    // A profile without settings takes the backup's; derived caches (the deadline list) are not carried.
    expect(report.settings.settings).toMatchObject({ language: 'zh-TW', pausedOrigins: ['https://a.example'] });
    expect(Object.keys(report.settings).sort()).toEqual(['reminders:notified', 'settings']);
  });

  it('restores the user’s own files and captures moved by a merge and a split', async () => {
    const source = freshDb();
    const caseId = await populate(source);
    await attachFile(source, caseId, { name: 'bank-statement.pdf', mime: 'application/pdf', data: new TextEncoder().encode('%PDF-1.4 流水') }, at(6));
    const other = must((await source.cases.toArray()).find((c) => c.id !== caseId));
    await mergeCases(source, other.id, caseId, at(7));
    const moved = must((await source.captures.where('caseId').equals(caseId).toArray()).find((c) => c.kind === 'visible'));
    await splitCase(source, caseId, { captureIds: [moved.id], chatKeys: [] }, 'SPLIT1', at(8));
    const target = freshDb();
    const report = await restore(target, await backupOf(source));
    expect(report.problems).toEqual([]);
    expect(report.ok).toBe(true);
    expect(await dumpDb(target)).toEqual(await dumpDb(source));
    for (const c of await target.cases.toArray()) {
      expect(await verifyEventChain(await caseEvents(target, c.id))).toEqual([]);
    }
  });

  it('a profile with its own settings keeps them and only gains the paused sites', () => {
    const merged = mergeSettings({ settings: { language: 'en', pausedOrigins: ['https://b.example'] } }, pickSettings({ settings: { language: 'zh-TW', pausedOrigins: ['https://a.example'] } }));
    expect(merged.settings).toMatchObject({ language: 'en', pausedOrigins: ['https://b.example', 'https://a.example'] });
  });

  it('restores a backup written under schema 3 (cases without the version-4 fields)', async () => {
    const source = freshDb();
    await populate(source);
    const v3 = await rewrite(
      await backupOf(source),
      (files, m) => {
        m.schemaVersion = 3;
        editText(files, 'records/cases-', (t) =>
          t
            .split('\n')
            .filter((l) => l !== '')
            .map((l) => {
              const record = JSON.parse(l) as Record<string, unknown>;
              delete record.mergedInto;
              delete record.notesText;
              return JSON.stringify(record);
            })
            .join('\n'),
        );
      },
      true,
    );
    const target = freshDb();
    const report = await restore(target, v3);
    expect(report.problems).toEqual([]);
    expect(report.schemaVersion).toBe(3);
    expect((await target.cases.toArray()).map((c) => [c.mergedInto, c.notesText])).toEqual([
      [null, ''],
      [null, ''],
    ]);
  });

  it('a second restore of the same file finds everything already present and writes nothing', async () => {
    const source = freshDb();
    await populate(source);
    const file = await backupOf(source);
    const target = freshDb();
    await restore(target, file);
    const before = await dumpDb(target);
    const again = await restore(target, file);
    expect(again.ok).toBe(true);
    expect(again.cases.map((c) => c.outcome)).toEqual(['already-present', 'already-present']);
    expect(again.imported).toEqual({ cases: 0, captures: 0, blobs: 0, messages: 0, events: 0 });
    expect(await dumpDb(target)).toEqual(before);
  });
});

describe('conflicts with the target profile', () => {
  it('extends an older copy of a case, skips a newer one, rejects a diverged one and another case of the same order', async () => {
    const source = freshDb();
    const caseId = await populate(source);
    const older = await backupOf(source);
    const target = freshDb();
    await restore(target, older);
    // The source goes on: a new capture. Its backup extends the target's copy; the chain still verifies.
    await storeCaptureBatch(source, caseId, 'b3', [await item('html', 'text/html', new TextEncoder().encode('<p>已发货</p>'))], at(20));
    const newer = await backupOf(source);
    const extended = await restore(target, newer);
    expect(extended.cases.find((c) => c.caseId === caseId)).toMatchObject({ outcome: 'extended', added: { events: 1, captures: 1, messages: 0 } });
    expect(await verifyEventChain(await caseEvents(target, caseId))).toEqual([]);
    expect(await dumpDb(target)).toEqual(await dumpDb(source));
    // The older file again: the target is newer, nothing is taken from the file.
    const stale = await restore(target, older);
    expect(stale.cases.find((c) => c.caseId === caseId)?.outcome).toBe('newer-here');
    // Both go on differently: the histories diverge and the case is rejected, the other case is untouched.
    await appendEvents(source, caseId, [{ type: 'note', data: { text: 'source' } }], at(30).iso);
    await appendEvents(target, caseId, [{ type: 'note', data: { text: 'target' } }], at(31).iso);
    const diverged = await restore(target, await backupOf(source));
    expect(diverged.ok).toBe(true);
    expect(diverged.cases.find((c) => c.caseId === caseId)).toMatchObject({ outcome: 'rejected', reason: 'diverged' });
    expect((await caseEvents(target, caseId)).at(-1)?.data).toEqual({ text: 'target' });
    expect(await verifyEventChain(await caseEvents(target, caseId))).toEqual([]);
    // A third profile that opened the same order on its own has another history: rejected, not merged.
    const third = freshDb();
    await recordOrderSighting(third, KEY, ORDER, null, 'https://shop.example/order', at(40));
    const sameOrder = await restore(third, newer);
    expect(sameOrder.cases.find((c) => c.caseId === caseId)).toMatchObject({ outcome: 'rejected', reason: 'same-order-other-case' });
    expect(sameOrder.cases.filter((c) => c.outcome === 'imported')).toHaveLength(1);
  });
});

describe('bad backups are refused whole, nothing imported', () => {
  async function expectRefused(file: Blob, code: string): Promise<RestoreReport> {
    const target = freshDb();
    const report = await restore(target, file);
    expect(report.ok).toBe(false);
    expect(report.problems.map((p) => p.code)).toContain(code);
    expect(report.imported.cases).toBe(0);
    expect(await totalRows(target)).toBe(0);
    return report;
  }
  async function sourceBackup(): Promise<Blob> {
    const source = freshDb();
    await populate(source);
    return backupOf(source);
  }

  it('random bytes, a truncated file and a zip that is not a backup', async () => {
    const file = await sourceBackup();
    await expectRefused(new Blob([new Uint8Array(noise(5000, 9))]), 'unreadable');
    await expectRefused(file.slice(0, file.size - 40), 'unreadable');
    await expectRefused(file.slice(0, Math.floor(file.size / 2)), 'unreadable');
    const other = new JSZip();
    other.file('hello.txt', 'hi');
    await expectRefused(new Blob([new Uint8Array(await other.generateAsync({ type: 'uint8array' }))]), 'not-backup');
  });

  it('newer and older versions', async () => {
    const file = await sourceBackup();
    await expectRefused(await rewrite(file, (_, m) => Object.assign(m, { schemaVersion: 99 }), false), 'newer-schema');
    await expectRefused(await rewrite(file, (_, m) => Object.assign(m, { formatVersion: 2 }), false), 'newer-format');
    await expectRefused(await rewrite(file, (_, m) => Object.assign(m, { schemaVersion: 2 }), false), 'older-schema');
  });

  it('one byte of a blob changed (found while streaming blobs: staged blobs are removed again)', async () => {
    const file = await sourceBackup();
    const tampered = await rewrite(
      file,
      (files) => {
        // The last blob in directory order, so earlier ones are staged before the change is met.
        const name = [...files.keys()].filter((n) => n.startsWith('blobs/')).sort().at(-1) ?? '';
        const data = must(files.get(name)).slice();
        data[data.length - 1] = (data[data.length - 1] ?? 0) ^ 1;
        files.set(name, data);
      },
      false,
    );
    const report = await expectRefused(tampered, 'hash-mismatch');
    expect(report.problems[0]?.detail).toMatch(/^blobs\//);
    // With the manifest recomputed, the entry no longer matches the hash it is named by.
    await expectRefused(await rewrite(tampered, () => undefined, true), 'hash-mismatch');
  });

  it('one record field changed', async () => {
    const file = await sourceBackup();
    // Without touching the manifest: the chunk's hash differs.
    await expectRefused(await rewrite(file, (files) => editText(files, 'records/cases-', (t) => t.replace('"amount":158', '"amount":15800')), false), 'hash-mismatch');
    // With the manifest recomputed: the capture no longer says what its chained event recorded.
    const report = await expectRefused(await rewrite(file, (files) => editText(files, 'records/captures-', (t) => t.replace('"sourceUrl":"https://shop.example/order"', '"sourceUrl":"https://elsewhere.example/"')), true), 'capture-event-mismatch');
    expect(report.problems[0]?.detail).toContain('sourceUrl');
    // An event's data changed: its hash no longer matches.
    await expectRefused(await rewrite(file, (files) => editText(files, 'records/events-', (t) => t.replace('"value":168', '"value":1680')), true), 'broken-chain');
  });

  it('an event removed or two reordered', async () => {
    const file = await sourceBackup();
    const lines = (t: string): string[] => t.split('\n').filter((l) => l !== '');
    // Removed from the middle (counts fixed too): the chain has a gap.
    const removed = await rewrite(
      file,
      (files, m) => {
        editText(files, 'records/events-', (t) => `${lines(t).filter((_, i) => i !== 2).join('\n')}\n`);
        m.counts.events -= 1;
      },
      true,
    );
    await expectRefused(removed, 'broken-chain');
    // Removed from the end of a case: caught by the length and head in the manifest.
    const removedLast = await rewrite(
      file,
      (files, m) => {
        editText(files, 'records/events-', (t) => {
          const all = lines(t);
          const first = JSON.parse(must(all[0])) as { caseId: string };
          const lastOfFirstCase = all.map((l) => (JSON.parse(l) as { caseId: string }).caseId).lastIndexOf(first.caseId);
          return `${all.filter((_, i) => i !== lastOfFirstCase).join('\n')}\n`;
        });
        m.counts.events -= 1;
      },
      true,
    );
    const report = await expectRefused(removedLast, 'broken-chain');
    expect(report.problems.some((p) => p.detail.includes('missing at the end'))).toBe(true);
    const reordered = await rewrite(
      file,
      (files) =>
        editText(files, 'records/events-', (t) => {
          const all = lines(t);
          [all[1], all[2]] = [must(all[2]), must(all[1])];
          return `${all.join('\n')}\n`;
        }),
      true,
    );
    await expectRefused(reordered, 'broken-chain');
  });

  it('a record failing its schema is reported with its entry, line, id and field', async () => {
    const file = await sourceBackup();
    const report = await expectRefused(await rewrite(file, (files) => editText(files, 'records/captures-', (t) => t.replace('"kind":"text"', '"kind":"video"')), true), 'invalid-record');
    expect(report.problems[0]?.detail).toMatch(/^records\/captures-00001\.jsonl line \d+ \(id [0-9a-f-]+\): kind: /);
  });

  it('an entry missing or one not listed', async () => {
    const file = await sourceBackup();
    await expectRefused(await rewrite(file, (files) => files.delete(must([...files.keys()].find((n) => n.startsWith('blobs/')))), false), 'missing-entry');
    await expectRefused(await rewrite(file, (files) => files.set('extra.txt', new Uint8Array([1])), false), 'unlisted-entry');
  });
});
