/**
 * @module Writes the whole evidence database (and the user's settings) into one backup file. Records are read
 * in one read transaction, so the backup is a consistent snapshot (no event of a case written after the cases
 * were read); blobs are content-addressed and never deleted, so they are then read one at a time outside it
 * and memory holds the records plus one blob.
 */
import { sha256Hex } from '@/src/shared/hash';
import type { EvidenceTime } from '@/src/shared/time';
import { GENESIS_HASH } from '@/src/store/chain';
import type { EvidenceDb } from '@/src/store/db';
import { storedBytes, type CaptureRecord, type CaseRecord, type ChatMessageRecord, type EventRecord } from '@/src/store/records';
import { LATEST_DB_VERSION } from '@/src/store/schema';
import {
  BACKUP_FORMAT,
  BACKUP_FORMAT_VERSION,
  blobPath,
  MANIFEST_PATH,
  recordChunkPath,
  RECORDS_PER_CHUNK,
  SETTINGS_PATH,
  type BackupManifest,
  type BackupSettings,
  type BlobMeta,
  type RecordTable,
} from '@/src/backup/format';
import { BackupZipWriter } from '@/src/backup/zip';

// A chunk also ends at this many bytes of text, whatever its record count (chat messages can be long).
const CHUNK_TEXT_BYTES = 8 * 1024 * 1024;

/** What to back up and how to report progress. */
export interface BackupInput {
  db: EvidenceDb;
  settings: BackupSettings;
  /** When the backup is made (manifest and entry dates). */
  now: EvidenceTime;
  generator: string;
  onProgress?: (done: number, total: number) => void;
}

/** The written backup. */
export interface BackupResult {
  fileName: string;
  file: Blob;
  manifest: BackupManifest;
}

/** `liuzheng-backup-20261122-093000.zip` from the wall-clock time of `now`. */
export function backupFileName(now: EvidenceTime): string {
  const digits = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})/.exec(now.iso);
  const stamp = digits === null ? String(now.epochMs) : `${digits.slice(1, 4).join('')}-${digits.slice(4, 7).join('')}`;
  return `liuzheng-backup-${stamp}.zip`;
}

/** The Date whose UTC fields are the wall-clock digits of `iso` (JSZip writes DOS dates from UTC getters). */
function entryDate(now: EvidenceTime): Date {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})/.exec(now.iso);
  if (m === null) {
    return new Date(now.epochMs);
  }
  const [year = 1980, month = 1, day = 1, hour = 0, minute = 0, second = 0] = m.slice(1, 7).map(Number);
  return new Date(Date.UTC(Math.max(year, 1980), month - 1, day, hour, minute, second));
}

/** Splits records into JSON-lines chunks bounded in count and size. */
function chunkLines(records: readonly unknown[]): string[] {
  const chunks: string[] = [];
  let lines: string[] = [];
  let bytes = 0;
  for (const record of records) {
    const line = JSON.stringify(record);
    if (lines.length >= RECORDS_PER_CHUNK || (lines.length > 0 && bytes + line.length > CHUNK_TEXT_BYTES)) {
      chunks.push(`${lines.join('\n')}\n`);
      lines = [];
      bytes = 0;
    }
    lines.push(line);
    bytes += line.length;
  }
  if (lines.length > 0) {
    chunks.push(`${lines.join('\n')}\n`);
  }
  return chunks;
}

interface Snapshot {
  cases: CaseRecord[];
  captures: CaptureRecord[];
  messages: ChatMessageRecord[];
  events: EventRecord[];
  blobKeys: string[];
}

async function readSnapshot(db: EvidenceDb): Promise<Snapshot> {
  return db.transaction('r', [db.cases, db.captures, db.messages, db.events, db.blobs], async () => ({
    cases: await db.cases.toArray(),
    captures: await db.captures.toArray(),
    messages: await db.messages.toArray(),
    // Chain order, case by case: the file reads like the log it is.
    events: await db.events.orderBy('[caseId+seq]').toArray(),
    blobKeys: (await db.blobs.toCollection().primaryKeys()).map(String),
  }));
}

/** Writes the backup of everything in `db`. */
export async function writeBackup(input: BackupInput): Promise<BackupResult> {
  const { db, now } = input;
  const snapshot = await readSnapshot(db);
  const writer = new BackupZipWriter(entryDate(now));
  const entries: BackupManifest['entries'] = [];
  const encoder = new TextEncoder();

  async function addEntry(path: string, data: Uint8Array, compress: boolean, sha256?: string): Promise<void> {
    entries.push({ path, sha256: sha256 ?? (await sha256Hex(data)), bytes: data.length });
    writer.add(path, data, compress);
  }

  const tableChunks: [RecordTable, string[]][] = [
    ['cases', chunkLines(snapshot.cases)],
    ['captures', chunkLines(snapshot.captures)],
    ['messages', chunkLines(snapshot.messages)],
    ['events', chunkLines(snapshot.events)],
  ];
  const total = tableChunks.reduce((n, [, chunks]) => n + chunks.length, 0) + snapshot.blobKeys.length;
  let done = 0;
  const step = (): void => {
    done += 1;
    input.onProgress?.(done, total);
  };

  for (const [table, chunks] of tableChunks) {
    for (const [index, chunk] of chunks.entries()) {
      await addEntry(recordChunkPath(table, index), encoder.encode(chunk), true);
      step();
    }
  }

  const metas: BlobMeta[] = [];
  for (const sha256 of snapshot.blobKeys) {
    const blob = await db.blobs.get(sha256);
    if (blob === undefined) {
      continue;
    }
    const data = await storedBytes(blob.data);
    // Stored bytes that no longer match their hash would make the backup unrestorable: say so now.
    if ((await sha256Hex(data)) !== sha256) {
      throw new Error(`stored blob ${sha256} does not match its SHA-256; the database is damaged`);
    }
    metas.push({ sha256, mime: blob.mime, bytes: blob.bytes });
    // Text and HTML compress well; images and files are stored as they are.
    const compress = blob.mime.startsWith('text/') || blob.mime.includes('json');
    // Hashed just above: the entry's hash is the blob's own.
    await addEntry(blobPath(sha256), data, compress, sha256);
    step();
  }
  for (const [index, chunk] of chunkLines(metas).entries()) {
    await addEntry(recordChunkPath('blobs', index), encoder.encode(chunk), true);
  }
  await addEntry(SETTINGS_PATH, encoder.encode(JSON.stringify(input.settings)), true);

  const chains = new Map<string, { events: number; head: string }>();
  for (const c of snapshot.cases) {
    chains.set(c.id, { events: 0, head: GENESIS_HASH });
  }
  for (const event of snapshot.events) {
    chains.set(event.caseId, { events: (chains.get(event.caseId)?.events ?? 0) + 1, head: event.hash });
  }

  const manifest: BackupManifest = {
    format: BACKUP_FORMAT,
    formatVersion: BACKUP_FORMAT_VERSION,
    schemaVersion: LATEST_DB_VERSION,
    createdAt: now.iso,
    generator: input.generator,
    counts: {
      cases: snapshot.cases.length,
      captures: snapshot.captures.length,
      blobs: metas.length,
      messages: snapshot.messages.length,
      events: snapshot.events.length,
    },
    chains: [...chains].map(([caseId, chain]) => ({ caseId, ...chain })),
    entries,
  };
  writer.add(MANIFEST_PATH, encoder.encode(JSON.stringify(manifest, null, 1)), true);
  input.onProgress?.(total, total);
  return { fileName: backupFileName(now), file: await writer.finish(), manifest };
}
