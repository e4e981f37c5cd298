/**
 * @module The backup file's layout: entry names, the manifest and the settings carried along. A backup is a
 * zip with records as JSON lines in bounded chunks, blobs as entries named by their SHA-256, `settings.json`,
 * and `manifest.json` (written last) listing the SHA-256 and size of every other entry.
 */
import * as z from 'zod';
import { parseSettings, SETTINGS_KEY } from '@/src/settings/schema';

/** Identifies a 留证 backup (the pack's manifest has another shape). */
export const BACKUP_FORMAT = 'liuzheng-backup';
/** Version of this layout; a reader refuses versions it does not know. */
export const BACKUP_FORMAT_VERSION = 1;
/** The first database schema version that had backups; older backups cannot exist. */
export const OLDEST_BACKUP_SCHEMA_VERSION = 3;

export const MANIFEST_PATH = 'manifest.json';
export const SETTINGS_PATH = 'settings.json';

/** The record tables, in the order they are written and checked. */
export const RECORD_TABLES = ['cases', 'captures', 'blobs', 'messages', 'events'] as const;
export type RecordTable = (typeof RECORD_TABLES)[number];

/** Records per JSON-lines entry: one entry is the most a writer or reader holds as text at once. */
export const RECORDS_PER_CHUNK = 2000;

/** Name of the n-th (0-based) chunk of a table's records. */
export function recordChunkPath(table: RecordTable, index: number): string {
  return `records/${table}-${String(index + 1).padStart(5, '0')}.jsonl`;
}

/** Which table a chunk belongs to, or null for another entry. */
export function tableOfPath(path: string): RecordTable | null {
  const match = /^records\/([a-z]+)-\d{5}\.jsonl$/.exec(path);
  const table = match?.[1];
  return RECORD_TABLES.find((t) => t === table) ?? null;
}

/** Entry holding a blob's bytes. */
export function blobPath(sha256: string): string {
  return `blobs/${sha256}`;
}

/** A blob's metadata line (the bytes are the entry {@link blobPath}). */
export const BlobMetaSchema = z.object({
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  mime: z.string().max(200),
  bytes: z.number().int().nonnegative(),
});
export type BlobMeta = z.infer<typeof BlobMetaSchema>;

const Sha256 = z.string().regex(/^[0-9a-f]{64}$/);

/** The manifest: what the file holds and the hash of every entry. */
export const BackupManifestSchema = z.object({
  format: z.literal(BACKUP_FORMAT),
  formatVersion: z.number().int(),
  /** The IndexedDB schema version the records follow (src/store/schema.ts). */
  schemaVersion: z.number().int(),
  createdAt: z.string().max(64),
  generator: z.string().max(200),
  counts: z.object({
    cases: z.number().int().nonnegative(),
    captures: z.number().int().nonnegative(),
    blobs: z.number().int().nonnegative(),
    messages: z.number().int().nonnegative(),
    events: z.number().int().nonnegative(),
  }),
  /** Each case's chain length and head, so an event removed from the end is noticed too. */
  chains: z.array(z.object({ caseId: z.string().min(1).max(100), events: z.number().int().nonnegative(), head: Sha256 })),
  entries: z.array(z.object({ path: z.string().min(1).max(300), sha256: Sha256, bytes: z.number().int().nonnegative() })),
});
export type BackupManifest = z.infer<typeof BackupManifestSchema>;

/**
 * Only the shape needed to tell format and versions apart, checked before the full schema so a newer
 * backup is refused as "newer", not as "damaged".
 */
export const ManifestHeadSchema = z.object({ format: z.string(), formatVersion: z.number(), schemaVersion: z.number() });

/** storage.local key of the reminder notifications already shown (src/background/reminders.ts). */
export const NOTIFIED_KEY = 'reminders:notified';

/**
 * The storage.local values that belong to the user and travel with a backup: the settings object and the
 * reminder notifications already shown (so a restored profile does not show them again). Derived caches (the
 * computed deadline list) are left out: the background rebuilds them from the database. A new user value kept
 * in storage.local gets a field here, in {@link pickSettings} and in {@link mergeSettings}.
 */
export const BackupSettingsSchema = z.object({
  [SETTINGS_KEY]: z.unknown().optional(),
  [NOTIFIED_KEY]: z.array(z.string().max(400)).max(100_000).optional(),
});
export type BackupSettings = z.infer<typeof BackupSettingsSchema>;

/** The backed-up values picked out of everything storage.local holds (values that do not parse are left out). */
export function pickSettings(stored: Record<string, unknown>): BackupSettings {
  const out: BackupSettings = {};
  if (stored[SETTINGS_KEY] !== undefined) {
    out[SETTINGS_KEY] = parseSettings(stored[SETTINGS_KEY]);
  }
  const notified = BackupSettingsSchema.shape[NOTIFIED_KEY].safeParse(stored[NOTIFIED_KEY]);
  if (notified.success && notified.data !== undefined) {
    out[NOTIFIED_KEY] = notified.data;
  }
  return out;
}

/**
 * What to write to storage.local after a restore. Settings: a profile that has none yet takes the backup's;
 * one that has its own keeps them (the user chose them here) and only gains the backup's paused sites. Shown
 * notifications: the union of both.
 */
export function mergeSettings(current: Record<string, unknown>, backup: BackupSettings): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (backup[SETTINGS_KEY] !== undefined) {
    const fromBackup = parseSettings(backup[SETTINGS_KEY]);
    if (current[SETTINGS_KEY] === undefined) {
      out[SETTINGS_KEY] = fromBackup;
    } else {
      const here = parseSettings(current[SETTINGS_KEY]);
      out[SETTINGS_KEY] = parseSettings({ ...here, pausedOrigins: [...here.pausedOrigins, ...fromBackup.pausedOrigins] });
    }
  }
  const notified = backup[NOTIFIED_KEY];
  if (notified !== undefined) {
    const here = BackupSettingsSchema.shape[NOTIFIED_KEY].safeParse(current[NOTIFIED_KEY]);
    out[NOTIFIED_KEY] = [...new Set([...((here.success ? here.data : undefined) ?? []), ...notified])];
  }
  return out;
}
