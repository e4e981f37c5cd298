import JSZip from 'jszip';
import { Dexie } from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { buildPack, PackManifestSchema, verifyPack } from '@/src/bundle';
import { blobsReader } from '@/src/cases/blobs-reader';
import { loadPackCases } from '@/src/cases/load-pack-input';
import { sha256Hex } from '@/src/shared/hash';
import { evidenceTime } from '@/src/shared/time';
import { createEvidenceDb, type EvidenceDb } from '@/src/store/db';
import { ensureCase } from '@/src/store/repo';
import { attachFile } from '@/src/store/workspace-repo';
import { zipBytes } from './make-case';

let db: EvidenceDb;
afterEach(async () => {
  db.close();
  await Dexie.delete(db.name);
});

describe('a user file in the pack', () => {
  it('is packed like any capture: original bytes, kind file, its hash in the manifest, and the pack verifies', async () => {
    db = createEvidenceDb('user-file-pack');
    const now = evidenceTime(new Date('2026-11-21T02:00:00Z'));
    const c = await ensureCase(db, { shopOrigin: 'https://ka.example.com', orderNo: 'A1' }, now);
    const pdf = new TextEncoder().encode('%PDF-1.4\n% bank statement 银行流水\n%%EOF\n');
    const attached = await attachFile(db, c.id, { name: '../银行流水 <b>.pdf', mime: 'application/pdf', data: pdf }, now);
    const cases = await loadPackCases(db, [c.id]);
    const result = await buildPack({
      cases,
      getBlobs: blobsReader(db),
      options: { language: 'zh-CN', demand: 'refund', createdAt: now, generator: '留证 test' },
    });
    const bytes = await zipBytes(result.zip);
    expect(await verifyPack(bytes)).toMatchObject({ ok: true, failures: [] });
    const manifest = PackManifestSchema.parse(JSON.parse(await (await JSZip.loadAsync(bytes)).file('manifest.json')?.async('string') ?? '{}'));
    const entry = manifest.files.find((f) => f.kind === 'file');
    expect(entry).toMatchObject({ mime: 'application/pdf', bytes: pdf.byteLength, sha256: await sha256Hex(pdf) });
    // The user's file name never becomes a path: the pack names it by number, time and kind.
    expect(entry?.path).toMatch(/^captures\/0001-\d{8}-\d{6}-file\.pdf$/);
    const zip = await JSZip.loadAsync(bytes);
    expect(await zip.file(entry?.path ?? '')?.async('uint8array')).toEqual(pdf);
    const events = (await zip.file('events.jsonl')?.async('string'))?.trim().split('\n').map((l) => JSON.parse(l) as { type: string; data: { sha256?: string } });
    expect(events?.find((e) => e.type === 'file-attached')?.data.sha256).toBe(attached.sha256);
  });
});
