/**
 * @module The evidence database (Dexie over IndexedDB). Opened only by the background and extension pages (the
 * export page's hashing workers get Blobs from the page): a content script's IndexedDB would belong to the
 * shop's origin.
 */
import { Dexie, type EntityTable } from 'dexie';
import type { BlobRecord, CaptureRecord, CaseRecord, ChatMessageRecord, EventRecord } from '@/src/store/records';
import { DB_NAME, declareSchema } from '@/src/store/schema';

/** Typed tables of the evidence database. */
export type EvidenceDb = Dexie & {
  cases: EntityTable<CaseRecord, 'id'>;
  captures: EntityTable<CaptureRecord, 'id'>;
  blobs: EntityTable<BlobRecord, 'sha256'>;
  messages: EntityTable<ChatMessageRecord, 'id'>;
  events: EntityTable<EventRecord, 'id'>;
};

/** Opens (lazily, on first use) the evidence database under `name`. */
export function createEvidenceDb(name: string = DB_NAME): EvidenceDb {
  const db = new Dexie(name) as EvidenceDb;
  declareSchema(db);
  return db;
}

let shared: EvidenceDb | undefined;

/** The context's one database connection. */
export function getDb(): EvidenceDb {
  shared ??= createEvidenceDb();
  return shared;
}
