/**
 * @module Restores a backup into a (possibly non-empty) profile, all or nothing.
 *
 * 1. The file is checked whole before anything is written: zip directory, format and schema version, every
 *    entry's SHA-256 and size against the manifest, no entry missing or unlisted, every record parsed with its
 *    Zod schema, no duplicate ids, counts, references (captures → cases and blobs, messages and events →
 *    cases), every case's event chain (`verifyEventChain`, against the length and head in the manifest), and
 *    each capture against its `capture-stored` event. Any problem refuses the whole file.
 * 2. Each case is planned against the target profile (the conflict rule, also in README.md):
 *    new → imported; same id and the same chain → already present; the target's chain is a prefix of the
 *    backup's → extended with the missing events and records; the backup's chain is a prefix of the target's
 *    → the target is newer, skipped; chains that differ, another case for the same order, or a capture or
 *    message id already holding different content → that case is rejected, with the reason. Every chain
 *    still verifies afterwards: events are only ever appended after an identical prefix.
 * 3. Blobs the accepted captures need are streamed from the file, re-hashed and staged in small
 *    transactions (content-addressed, unreferenced until step 4, so invisible); then cases, captures,
 *    messages and events are written in ONE transaction that first re-checks every planned chain head. If
 *    anything fails, the staged blobs that no capture references are removed again and nothing is imported.
 */
import canonicalize from 'canonicalize';
import { Dexie } from 'dexie';
import type * as z from 'zod';
import { sha256Hex } from '@/src/shared/hash';
import { GENESIS_HASH, verifyEventChain } from '@/src/store/chain';
import type { EvidenceDb } from '@/src/store/db';
import {
  CaptureRecordSchema,
  CaseRecordSchema,
  ChatMessageRecordSchema,
  EventRecordSchema,
  newBlobRecord,
  type BlobRecord,
  type CaptureRecord,
  type CaseRecord,
  type ChatMessageRecord,
  type EventRecord,
  type JsonValue,
} from '@/src/store/records';
import { LATEST_DB_VERSION } from '@/src/store/schema';
import {
  BACKUP_FORMAT,
  BACKUP_FORMAT_VERSION,
  BackupManifestSchema,
  BackupSettingsSchema,
  BlobMetaSchema,
  blobPath,
  MANIFEST_PATH,
  ManifestHeadSchema,
  mergeSettings,
  OLDEST_BACKUP_SCHEMA_VERSION,
  SETTINGS_PATH,
  tableOfPath,
  type BackupManifest,
  type BackupSettings,
  type BlobMeta,
} from '@/src/backup/format';
import { upgradeRecord } from '@/src/backup/upgrade';
import { BackupZipError, BackupZipReader } from '@/src/backup/zip';

/** Why a file was refused (the interface translates the code; `detail` names the entry, record or case). */
export type ProblemCode =
  | 'unreadable'
  | 'not-backup'
  | 'newer-format'
  | 'newer-schema'
  | 'older-schema'
  | 'damaged-manifest'
  | 'missing-entry'
  | 'unlisted-entry'
  | 'hash-mismatch'
  | 'bad-json'
  | 'invalid-record'
  | 'duplicate-record'
  | 'count-mismatch'
  | 'broken-reference'
  | 'broken-chain'
  | 'capture-event-mismatch'
  | 'profile-changed'
  | 'write-failed';

export interface Problem {
  code: ProblemCode;
  detail: string;
}

/** What happened to one case of the backup. */
export type CaseOutcomeKind = 'imported' | 'extended' | 'already-present' | 'newer-here' | 'rejected';
export type RejectReason = 'diverged' | 'same-order-other-case' | 'record-conflict';

export interface CaseOutcome {
  caseId: string;
  title: string;
  outcome: CaseOutcomeKind;
  reason: RejectReason | null;
  detail: string;
  /** Records written for this case. */
  added: { events: number; captures: number; messages: number };
}

export interface RestoreCounts {
  cases: number;
  captures: number;
  blobs: number;
  messages: number;
  events: number;
}

/** The result of a restore: either refused with problems (nothing written) or committed. */
export interface RestoreReport {
  ok: boolean;
  problems: Problem[];
  /** Problems beyond the first {@link MAX_PROBLEMS}, not listed. */
  moreProblems: number;
  backupCreatedAt: string | null;
  schemaVersion: number | null;
  cases: CaseOutcome[];
  imported: RestoreCounts;
  /** storage.local values to write (merged with the target's); empty when refused. */
  settings: Record<string, unknown>;
}

/** Restore inputs. */
export interface RestoreInput {
  db: EvidenceDb;
  file: Blob;
  /** What storage.local holds now in the target profile (only the backed-up keys are read). */
  currentSettings: Record<string, unknown>;
  onProgress?: (phase: 'check' | 'blobs' | 'write', done: number, total: number) => void;
  /** Bytes of blobs staged per transaction (default 16 MB; tests make it tiny to stage blob by blob). */
  stageBatchBytes?: number;
}

const MAX_PROBLEMS = 200;
// Staged blobs are written in transactions of about this many bytes.
const STAGE_BATCH_BYTES = 16 * 1024 * 1024;

class Problems {
  readonly list: Problem[] = [];
  more = 0;
  add(code: ProblemCode, detail: string): void {
    if (this.list.length < MAX_PROBLEMS) {
      this.list.push({ code, detail });
    } else {
      this.more += 1;
    }
  }
  get any(): boolean {
    return this.list.length > 0;
  }
}

function emptyCounts(): RestoreCounts {
  return { cases: 0, captures: 0, blobs: 0, messages: 0, events: 0 };
}

function refused(problems: Problems, manifest: BackupManifest | null): RestoreReport {
  return {
    ok: false,
    problems: problems.list,
    moreProblems: problems.more,
    backupCreatedAt: manifest?.createdAt ?? null,
    schemaVersion: manifest?.schemaVersion ?? null,
    cases: [],
    imported: emptyCounts(),
    settings: {},
  };
}

/** Same content, whatever the key order. */
function sameRecord(a: unknown, b: unknown): boolean {
  return canonicalize(a) === canonicalize(b);
}

/** The parsed, checked content of a sound backup (blobs excepted: they stay in the file). */
interface BackupContent {
  manifest: BackupManifest;
  cases: CaseRecord[];
  captures: CaptureRecord[];
  messages: ChatMessageRecord[];
  /** Events per case, in seq order. */
  chains: Map<string, EventRecord[]>;
  blobs: Map<string, BlobMeta>;
  settings: BackupSettings;
}

/** A failing record's id (or blob hash) for the report, if it has one. */
function recordId(value: unknown): string {
  if (typeof value !== 'object' || value === null) {
    return '?';
  }
  const key = 'id' in value ? value.id : 'sha256' in value ? value.sha256 : undefined;
  return typeof key === 'string' || typeof key === 'number' ? String(key) : '?';
}

function parseLines<T>(text: string, path: string, schema: z.ZodType<T>, problems: Problems, upgrade: (value: unknown) => unknown = (value) => value): T[] {
  const out: T[] = [];
  const lines = text.split('\n');
  for (const [i, line] of lines.entries()) {
    if (line === '' && i === lines.length - 1) {
      continue;
    }
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      problems.add('bad-json', `${path} line ${i + 1}`);
      continue;
    }
    const parsed = schema.safeParse(upgrade(value));
    if (!parsed.success) {
      const id = recordId(value);
      const issue = parsed.error.issues[0];
      problems.add('invalid-record', `${path} line ${i + 1} (id ${id}): ${issue === undefined ? 'invalid' : `${issue.path.join('.') || '(record)'}: ${issue.message}`}`);
      continue;
    }
    out.push(parsed.data);
  }
  return out;
}

async function readManifest(reader: BackupZipReader, problems: Problems): Promise<BackupManifest | null> {
  if (!reader.has(MANIFEST_PATH)) {
    problems.add('not-backup', 'no manifest.json: not a 留证 backup');
    return null;
  }
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(await reader.read(MANIFEST_PATH)));
  } catch (error) {
    problems.add('damaged-manifest', error instanceof Error ? error.message : 'manifest.json does not parse');
    return null;
  }
  const head = ManifestHeadSchema.safeParse(value);
  if (!head.success || head.data.format !== BACKUP_FORMAT) {
    problems.add('not-backup', 'manifest.json is not a 留证 backup manifest');
    return null;
  }
  if (head.data.formatVersion > BACKUP_FORMAT_VERSION) {
    problems.add('newer-format', `backup format ${head.data.formatVersion}; this version reads up to ${BACKUP_FORMAT_VERSION}`);
    return null;
  }
  if (head.data.formatVersion < 1) {
    problems.add('not-backup', `unknown backup format ${head.data.formatVersion}`);
    return null;
  }
  if (head.data.schemaVersion > LATEST_DB_VERSION) {
    problems.add('newer-schema', `database schema ${head.data.schemaVersion}; this version knows up to ${LATEST_DB_VERSION}. Update 留证 first.`);
    return null;
  }
  if (head.data.schemaVersion < OLDEST_BACKUP_SCHEMA_VERSION) {
    problems.add('older-schema', `database schema ${head.data.schemaVersion}; backups start at schema ${OLDEST_BACKUP_SCHEMA_VERSION}`);
    return null;
  }
  const parsed = BackupManifestSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    problems.add('damaged-manifest', issue === undefined ? 'invalid' : `${issue.path.join('.')}: ${issue.message}`);
    return null;
  }
  return parsed.data;
}

/** Reads and checks everything except blob bytes; returns null (with problems) if the file is not sound. */
async function readContent(reader: BackupZipReader, manifest: BackupManifest, problems: Problems, onStep: () => void): Promise<BackupContent | null> {
  const listed = new Map(manifest.entries.map((e) => [e.path, e]));
  if (listed.size !== manifest.entries.length) {
    problems.add('damaged-manifest', 'an entry is listed twice');
  }
  for (const name of reader.names()) {
    if (name !== MANIFEST_PATH && !listed.has(name)) {
      problems.add('unlisted-entry', name);
    }
  }
  for (const entry of manifest.entries) {
    if (!reader.has(entry.path)) {
      problems.add('missing-entry', entry.path);
    }
  }
  if (problems.any) {
    return null;
  }

  const cases: CaseRecord[] = [];
  const captures: CaptureRecord[] = [];
  const messages: ChatMessageRecord[] = [];
  const events: EventRecord[] = [];
  const metas: BlobMeta[] = [];
  let settings: BackupSettings = {};
  const decoder = new TextDecoder('utf-8', { fatal: true });
  for (const entry of manifest.entries) {
    const table = tableOfPath(entry.path);
    if (table === null && entry.path !== SETTINGS_PATH) {
      continue;
    }
    let text: string;
    try {
      const data = await reader.read(entry.path);
      if ((await sha256Hex(data)) !== entry.sha256) {
        problems.add('hash-mismatch', entry.path);
        continue;
      }
      text = decoder.decode(data);
    } catch (error) {
      problems.add(error instanceof BackupZipError ? 'unreadable' : 'bad-json', `${entry.path}: ${error instanceof Error ? error.message : String(error)}`);
      continue;
    }
    onStep();
    const upgrade = (value: unknown): unknown => (table === null ? value : upgradeRecord(table, value, manifest.schemaVersion, LATEST_DB_VERSION));
    switch (table) {
      case 'cases':
        cases.push(...parseLines(text, entry.path, CaseRecordSchema, problems, upgrade));
        break;
      case 'captures':
        captures.push(...parseLines(text, entry.path, CaptureRecordSchema, problems, upgrade));
        break;
      case 'messages':
        messages.push(...parseLines(text, entry.path, ChatMessageRecordSchema, problems, upgrade));
        break;
      case 'events':
        events.push(...parseLines(text, entry.path, EventRecordSchema, problems, upgrade));
        break;
      case 'blobs':
        metas.push(...parseLines(text, entry.path, BlobMetaSchema, problems, upgrade));
        break;
      case null: {
        const [parsed] = parseLines(text, entry.path, BackupSettingsSchema, problems);
        settings = parsed ?? {};
        break;
      }
    }
  }
  if (problems.any) {
    return null;
  }

  const counts: [keyof BackupManifest['counts'], number][] = [
    ['cases', cases.length],
    ['captures', captures.length],
    ['blobs', metas.length],
    ['messages', messages.length],
    ['events', events.length],
  ];
  for (const [table, n] of counts) {
    if (manifest.counts[table] !== n) {
      problems.add('count-mismatch', `${table}: ${n} records, manifest says ${manifest.counts[table]}`);
    }
  }
  const duplicates = (table: string, ids: readonly (string | number | undefined)[]): void => {
    const seen = new Set<string | number>();
    for (const id of ids) {
      if (id === undefined) {
        continue;
      }
      if (seen.has(id)) {
        problems.add('duplicate-record', `${table} ${id}`);
      }
      seen.add(id);
    }
  };
  duplicates('cases', cases.map((c) => c.id));
  duplicates('captures', captures.map((c) => c.id));
  duplicates('messages', messages.map((m) => m.id));
  duplicates('events', events.map((e) => e.id));
  duplicates('blobs', metas.map((b) => b.sha256));
  duplicates('case keys', cases.map((c) => `${c.shopOrigin} ${c.orderNo}`));

  const caseIds = new Set(cases.map((c) => c.id));
  const blobs = new Map(metas.map((b) => [b.sha256, b]));
  for (const meta of metas) {
    const entry = listed.get(blobPath(meta.sha256));
    if (entry === undefined) {
      problems.add('missing-entry', blobPath(meta.sha256));
    } else if (entry.sha256 !== meta.sha256 || entry.bytes !== meta.bytes) {
      problems.add('hash-mismatch', `${entry.path}: listed hash or size differs from its name`);
    }
  }
  for (const entry of manifest.entries) {
    if (entry.path.startsWith('blobs/') && !blobs.has(entry.path.slice('blobs/'.length))) {
      problems.add('unlisted-entry', `${entry.path} has no blob record`);
    }
  }
  for (const capture of captures) {
    if (!caseIds.has(capture.caseId)) {
      problems.add('broken-reference', `capture ${capture.id} → case ${capture.caseId}`);
    }
    if (!blobs.has(capture.sha256)) {
      problems.add('broken-reference', `capture ${capture.id} → blob ${capture.sha256}`);
    }
  }
  for (const message of messages) {
    if (!caseIds.has(message.caseId)) {
      problems.add('broken-reference', `message ${message.id} → case ${message.caseId}`);
    }
  }

  const chains = new Map<string, EventRecord[]>(cases.map((c) => [c.id, []]));
  for (const event of events) {
    const chain = chains.get(event.caseId);
    if (chain === undefined) {
      problems.add('broken-reference', `event ${event.caseId}#${event.seq} → unknown case`);
    } else {
      chain.push(event);
    }
  }
  const heads = new Map(manifest.chains.map((c) => [c.caseId, c]));
  for (const [caseId, chain] of chains) {
    // The file lists a case's events in chain order; a reordered file is a broken chain, not something to sort out.
    const failures = await verifyEventChain(chain);
    for (const failure of failures.slice(0, 5)) {
      problems.add('broken-chain', `case ${caseId} event ${failure.seq}: ${failure.problem} (${failure.detail})`);
    }
    const head = heads.get(caseId);
    const actualHead = chain.at(-1)?.hash ?? GENESIS_HASH;
    if (head === undefined || head.events !== chain.length || head.head !== actualHead) {
      problems.add('broken-chain', `case ${caseId}: ${chain.length} events, manifest lists ${head?.events ?? 'none'} (events missing at the end?)`);
    }
  }
  for (const head of manifest.chains) {
    if (!caseIds.has(head.caseId)) {
      problems.add('broken-reference', `manifest chain of unknown case ${head.caseId}`);
    }
  }

  // A capture record must say what its event recorded when it was taken or attached (the event is hash-chained;
  // the record is not): `capture-stored` for captures, `file-attached` for the user's own files. A capture that a
  // merge or split moved lives in another case than its event: the case it lives in must record the move.
  const stored = new Map<string, EventRecord>();
  const movedInto = new Map<string, Set<string>>();
  const asObject = (value: JsonValue): Record<string, JsonValue> | null => (typeof value === 'object' && value !== null && !Array.isArray(value) ? value : null);
  for (const chain of chains.values()) {
    for (const event of chain) {
      const data = asObject(event.data);
      if (data === null) {
        continue;
      }
      if ((event.type === 'capture-stored' || event.type === 'file-attached') && typeof data.captureId === 'string') {
        stored.set(data.captureId, event);
      }
      if ((event.type === 'case-merged-from' || event.type === 'case-split-from') && Array.isArray(data.captures)) {
        for (const moved of data.captures) {
          const movedData = asObject(moved);
          if (movedData !== null && typeof movedData.captureId === 'string') {
            movedInto.set(movedData.captureId, (movedInto.get(movedData.captureId) ?? new Set()).add(event.caseId));
          }
        }
      }
    }
  }
  for (const capture of captures) {
    const event = stored.get(capture.id);
    const data = event === undefined ? null : asObject(event.data);
    if (event === undefined || data === null) {
      problems.add('capture-event-mismatch', `capture ${capture.id} has no capture-stored or file-attached event`);
      continue;
    }
    // A user file's event records what the file is, not where a page showed it.
    const fields = event.type === 'file-attached' ? (['sha256', 'bytes', 'mime'] as const) : (['batchId', 'kind', 'sha256', 'bytes', 'mime', 'sourceUrl', 'frameUrl'] as const);
    const differs = fields.filter((f) => data[f] !== capture[f]);
    const caseOk = event.caseId === capture.caseId || (movedInto.get(capture.id)?.has(capture.caseId) ?? false);
    if (!caseOk || differs.length > 0) {
      problems.add('capture-event-mismatch', `capture ${capture.id}: ${caseOk ? differs.join(', ') : 'case'} differ from its event`);
    }
  }
  if (problems.any) {
    return null;
  }
  return { manifest, cases, captures, messages, chains, blobs, settings };
}

/** One case's planned writes. */
interface CasePlan {
  outcome: CaseOutcome;
  record: CaseRecord;
  /** Target chain length and head when planned; re-checked inside the write transaction. */
  targetEvents: number;
  targetHead: string | undefined;
  caseExisted: boolean;
  events: EventRecord[];
  captures: CaptureRecord[];
  messages: ChatMessageRecord[];
}

async function targetChain(db: EvidenceDb, caseId: string): Promise<EventRecord[]> {
  return db.events.where('[caseId+seq]').between([caseId, Dexie.minKey], [caseId, Dexie.maxKey]).toArray();
}

async function planCases(db: EvidenceDb, content: BackupContent): Promise<CasePlan[]> {
  const capturesByCase = new Map<string, CaptureRecord[]>();
  for (const c of content.captures) {
    capturesByCase.set(c.caseId, [...(capturesByCase.get(c.caseId) ?? []), c]);
  }
  const messagesByCase = new Map<string, ChatMessageRecord[]>();
  for (const m of content.messages) {
    messagesByCase.set(m.caseId, [...(messagesByCase.get(m.caseId) ?? []), m]);
  }
  const plans: CasePlan[] = [];
  for (const record of content.cases) {
    const chain = content.chains.get(record.id) ?? [];
    const captures = capturesByCase.get(record.id) ?? [];
    const messages = messagesByCase.get(record.id) ?? [];
    const existing = await db.cases.get(record.id);
    const target = existing === undefined ? [] : await targetChain(db, record.id);
    const plan: CasePlan = {
      outcome: { caseId: record.id, title: record.title, outcome: 'imported', reason: null, detail: '', added: { events: 0, captures: 0, messages: 0 } },
      record,
      targetEvents: target.length,
      targetHead: target.at(-1)?.hash,
      caseExisted: existing !== undefined,
      events: [],
      captures: [],
      messages: [],
    };
    plans.push(plan);
    const reject = (reason: RejectReason, detail: string): void => {
      plan.outcome = { ...plan.outcome, outcome: 'rejected', reason, detail };
    };
    if (existing === undefined) {
      const sameOrder = await db.cases.where('[shopOrigin+orderNo]').equals([record.shopOrigin, record.orderNo]).first();
      if (sameOrder !== undefined) {
        reject('same-order-other-case', `this profile already has case ${sameOrder.id} for ${record.shopOrigin} ${record.orderNo || '(no order)'}, with its own history`);
        continue;
      }
    } else {
      const common = Math.min(target.length, chain.length);
      const divergeAt = Array.from({ length: common }, (_, i) => i).find((i) => target[i]?.hash !== chain[i]?.hash);
      if (divergeAt !== undefined) {
        reject('diverged', `histories differ from event ${divergeAt} (this profile ${target.length} events, backup ${chain.length})`);
        continue;
      }
      if (target.length === chain.length) {
        plan.outcome = { ...plan.outcome, outcome: 'already-present', detail: `${chain.length} events` };
        continue;
      }
      if (target.length > chain.length) {
        plan.outcome = { ...plan.outcome, outcome: 'newer-here', detail: `this profile ${target.length} events, backup ${chain.length}` };
        continue;
      }
      plan.outcome = { ...plan.outcome, outcome: 'extended', detail: `${target.length} → ${chain.length} events` };
    }
    // Records of the case: absent ones are added; present ones must be identical, except messages of an
    // extended case (the backup's chain continues the target's, so its message state is the later one).
    const extending = existing !== undefined;
    const storedCaptures = await db.captures.bulkGet(captures.map((c) => c.id));
    const conflictCapture = captures.find((c, i) => storedCaptures[i] !== undefined && !sameRecord(storedCaptures[i], c));
    const storedMessages = await db.messages.bulkGet(messages.map((m) => m.id));
    const conflictMessage = messages.find((m, i) => {
      const here = storedMessages[i];
      return here !== undefined && !sameRecord(here, m) && !(extending && here.caseId === m.caseId);
    });
    if (conflictCapture !== undefined || conflictMessage !== undefined) {
      reject('record-conflict', conflictCapture !== undefined ? `capture ${conflictCapture.id} exists here with other content` : `chat message ${conflictMessage?.id ?? ''} exists here with other content`);
      continue;
    }
    plan.events = chain.slice(target.length);
    plan.captures = captures.filter((_, i) => storedCaptures[i] === undefined);
    plan.messages = messages.filter((m, i) => {
      const here = storedMessages[i];
      return here === undefined || !sameRecord(here, m);
    });
    plan.outcome.added = { events: plan.events.length, captures: plan.captures.length, messages: plan.messages.length };
  }
  return plans;
}

/** Raised inside the write transaction when a planned chain head moved (a capture or chat arrived meanwhile). */
class ProfileChangedError extends Error {}

async function removeStagedBlobs(db: EvidenceDb, staged: readonly string[]): Promise<void> {
  if (staged.length === 0) {
    return;
  }
  await db.transaction('rw', [db.blobs, db.captures], async () => {
    for (const sha256 of staged) {
      // A capture made meanwhile may have stored the same bytes: keep what something references.
      if ((await db.captures.where('sha256').equals(sha256).count()) === 0) {
        await db.blobs.delete(sha256);
      }
    }
  });
}

/** Checks a backup file and, if it is sound, restores it into `db` (see the module comment for the rules). */
export async function restoreBackup(input: RestoreInput): Promise<RestoreReport> {
  const { db, file } = input;
  const problems = new Problems();
  let reader: BackupZipReader;
  try {
    reader = await BackupZipReader.open(file);
  } catch (error) {
    problems.add('unreadable', error instanceof Error ? error.message : String(error));
    return refused(problems, null);
  }
  const manifest = await readManifest(reader, problems);
  if (manifest === null) {
    return refused(problems, null);
  }
  const recordEntries = manifest.entries.filter((e) => !e.path.startsWith('blobs/')).length;
  let checked = 0;
  const content = await readContent(reader, manifest, problems, () => {
    checked += 1;
    input.onProgress?.('check', checked, recordEntries);
  });
  if (content === null) {
    return refused(problems, manifest);
  }

  const plans = await planCases(db, content);
  const accepted = plans.filter((p) => p.outcome.outcome === 'imported' || p.outcome.outcome === 'extended');
  const needed = new Set(accepted.flatMap((p) => p.captures.map((c) => c.sha256)));

  // Every blob is read and hashed (the whole file must be sound); the needed ones the target lacks are staged.
  const staged: string[] = [];
  let imported: RestoreCounts;
  try {
    let batch: BlobRecord[] = [];
    let batchBytes = 0;
    const flush = async (): Promise<void> => {
      if (batch.length === 0) {
        return;
      }
      const rows = batch;
      batch = [];
      batchBytes = 0;
      await db.transaction('rw', db.blobs, async () => {
        const present = await db.blobs.bulkGet(rows.map((r) => r.sha256));
        const fresh = rows.filter((_, i) => present[i] === undefined);
        await db.blobs.bulkAdd(fresh);
        staged.push(...fresh.map((r) => r.sha256));
      });
    };
    let done = 0;
    for (const meta of content.blobs.values()) {
      const data = await reader.read(blobPath(meta.sha256));
      if ((await sha256Hex(data)) !== meta.sha256) {
        problems.add('hash-mismatch', blobPath(meta.sha256));
        break;
      }
      if (needed.has(meta.sha256) && (await db.blobs.get(meta.sha256)) === undefined) {
        batch.push(newBlobRecord(meta.sha256, meta.mime, data));
        batchBytes += data.length;
        if (batchBytes >= (input.stageBatchBytes ?? STAGE_BATCH_BYTES)) {
          await flush();
        }
      }
      done += 1;
      input.onProgress?.('blobs', done, content.blobs.size);
    }
    if (!problems.any) {
      await flush();
    }
    if (problems.any) {
      await removeStagedBlobs(db, staged);
      return refused(problems, manifest);
    }

    input.onProgress?.('write', 0, 1);
    imported = await db.transaction('rw', [db.cases, db.captures, db.messages, db.events], async () => {
      const counts = emptyCounts();
      for (const plan of accepted) {
        const chain = await targetChain(db, plan.record.id);
        const exists = (await db.cases.get(plan.record.id)) !== undefined;
        if (exists !== plan.caseExisted || chain.length !== plan.targetEvents || chain.at(-1)?.hash !== plan.targetHead) {
          throw new ProfileChangedError(`case ${plan.record.id} changed during the restore`);
        }
        // Keep the backup's auto-increment ids where they are free (an empty profile gets identical records).
        const wanted = plan.events.flatMap((e) => (e.id === undefined ? [] : [e.id]));
        const taken = new Set((await db.events.bulkGet(wanted)).flatMap((e) => (e?.id === undefined ? [] : [e.id])));
        const events = plan.events.map((e) => {
          const copy = { ...e };
          if (copy.id !== undefined && taken.has(copy.id)) {
            delete copy.id;
          }
          return copy;
        });
        await db.cases.put(plan.record);
        await db.captures.bulkAdd(plan.captures);
        await db.messages.bulkPut(plan.messages);
        await db.events.bulkAdd(events);
        counts.cases += 1;
        counts.captures += plan.captures.length;
        counts.messages += plan.messages.length;
        counts.events += events.length;
      }
      return counts;
    });
    imported.blobs = staged.length;
  } catch (error) {
    await removeStagedBlobs(db, staged).catch(() => undefined);
    problems.add(error instanceof ProfileChangedError ? 'profile-changed' : error instanceof BackupZipError ? 'unreadable' : 'write-failed', error instanceof Error ? error.message : String(error));
    return refused(problems, manifest);
  }
  input.onProgress?.('write', 1, 1);
  return {
    ok: true,
    problems: [],
    moreProblems: 0,
    backupCreatedAt: manifest.createdAt,
    schemaVersion: manifest.schemaVersion,
    cases: plans.map((p) => p.outcome),
    imported,
    settings: mergeSettings(input.currentSettings, content.settings),
  };
}
