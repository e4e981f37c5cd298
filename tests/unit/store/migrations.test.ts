import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { Dexie } from 'dexie';
import { describe, expect, it } from 'vitest';
import { messagesOfCase, messagesOfChat } from '@/src/store/chat-repo';
import { createEvidenceDb } from '@/src/store/db';
import { BlobRecordSchema, CaptureRecordSchema, CaseRecordSchema, ChatMessageRecordSchema } from '@/src/store/records';
import { LATEST_DB_VERSION, SCHEMA_V1, SCHEMA_V2, SCHEMA_V3, SCHEMA_V4, SCHEMA_V5 } from '@/src/store/schema';

const SCHEMAS: Record<number, Record<string, string>> = { 1: SCHEMA_V1, 2: SCHEMA_V2, 3: SCHEMA_V3, 4: SCHEMA_V4, 5: SCHEMA_V5 };
type Dump = Record<string, Record<string, unknown>[]>;

async function fixture(version: number): Promise<Dump> {
  // A missing fixture fails the test: every schema version must have one.
  const text = await readFile(path.resolve(`tests/fixtures/db/v${version}.json`), 'utf8');
  const dump = JSON.parse(text) as Dump;
  for (const blob of dump.blobs ?? []) {
    blob.data = new Uint8Array(blob.data as number[]);
  }
  return dump;
}

async function seedAtVersion(name: string, version: number, dump: Dump): Promise<void> {
  const db = new Dexie(name);
  for (let v = 1; v <= version; v++) {
    const schema = SCHEMAS[v];
    if (schema === undefined) {
      throw new Error(`no schema for version ${v}`);
    }
    db.version(v).stores(schema);
  }
  await db.open();
  for (const [table, rows] of Object.entries(dump)) {
    await db.table(table).bulkAdd(rows);
  }
  db.close();
}

async function readAll(name: string): Promise<Dump> {
  const db = createEvidenceDb(name);
  await db.open();
  const out: Dump = {};
  for (const table of ['cases', 'captures', 'blobs', 'messages', 'events']) {
    out[table] = await db.table<Record<string, unknown>>(table).toArray();
  }
  db.close();
  return out;
}

describe('schema migrations', () => {
  it('has a schema and a fixture for every version', async () => {
    for (let v = 1; v <= LATEST_DB_VERSION; v++) {
      expect(SCHEMAS[v]).toBeDefined();
      await expect(fixture(v)).resolves.toBeDefined();
    }
  });

  for (let from = 1; from < LATEST_DB_VERSION; from++) {
    it(`migrates the v${from} fixture to the latest version`, async () => {
      const name = `migration-from-${from}`;
      await seedAtVersion(name, from, await fixture(from));
      const migrated = await readAll(name);
      expect(migrated).toEqual(await fixture(LATEST_DB_VERSION));
      // Whatever a migration produces must be a valid record of today's schema.
      for (const c of migrated.cases ?? []) {
        expect(CaseRecordSchema.safeParse(c).success).toBe(true);
      }
      for (const c of migrated.captures ?? []) {
        expect(CaptureRecordSchema.safeParse(c).success).toBe(true);
      }
      for (const m of migrated.messages ?? []) {
        expect(ChatMessageRecordSchema.safeParse(m).success).toBe(true);
      }
      for (const b of migrated.blobs ?? []) {
        expect(BlobRecordSchema.safeParse(b).success).toBe(true);
      }
      await Dexie.delete(name);
    });
  }

  it('finds every migrated chat message through the compound indexes that replace caseId and chatKey (v5)', async () => {
    const name = 'migration-v5-indexes';
    const v4 = await fixture(4);
    await seedAtVersion(name, 4, v4);
    const db = createEvidenceDb(name);
    await db.open();
    expect(db.messages.schema.indexes.map((i) => i.name).sort()).toEqual(['[caseId+position]', '[chatKey+position]', 'pageUrl']);
    const messages = (v4.messages ?? []) as { id: string; caseId: string; chatKey: string }[];
    expect(messages.length).toBeGreaterThan(0);
    for (const caseId of new Set(messages.map((m) => m.caseId))) {
      const found = await messagesOfCase(db, caseId).primaryKeys();
      expect(found.sort()).toEqual(messages.filter((m) => m.caseId === caseId).map((m) => m.id).sort());
    }
    for (const chatKey of new Set(messages.map((m) => m.chatKey))) {
      const found = await messagesOfChat(db, chatKey).primaryKeys();
      expect(found.sort()).toEqual(messages.filter((m) => m.chatKey === chatKey).map((m) => m.id).sort());
    }
    db.close();
    await Dexie.delete(name);
  });
});
