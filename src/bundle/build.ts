/**
 * @module buildPack: turns chosen cases (plain records) and a lazy blob reader into the evidence-pack zip of
 * DESIGN.md §4. Capture bytes are fetched one at a time, hashed and checked against the hash recorded at capture,
 * then handed to JSZip (pack-zip.ts), which writes the archive once every entry is known.
 */
import canonicalize from 'canonicalize';
import { GENESIS_HASH, verifyEventChain } from '@/src/store/chain';
import { sha256Hex } from '@/src/shared/hash';
import type { EvidenceTime } from '@/src/shared/time';
import type { CaptureRecord, CaseRecord, ChatMessageRecord, EventRecord, JsonValue } from '@/src/store/records';
import { buildComplaints, type EvidenceRef } from '@/src/bundle/complaints';
import { deletionRequestFor } from '@/src/membership/deletion-request';
import { caseFacts, displayTime, statusHistory, type CaseFacts, type Demand } from '@/src/bundle/facts';
import { packLabels } from '@/src/bundle/labels';
import { PACK_FORMAT_VERSION, PackManifestSchema, type PackCaseSummary, type PackFileEntry, type PackFileKind, type PackManifest } from '@/src/bundle/manifest';
import { maskPrivateData } from '@/src/bundle/mask';
import { asciiSegment, compactTimestamp, packFileName } from '@/src/bundle/paths';
import { renderReport, type PlacedCapture, type ReportCase } from '@/src/bundle/report';
import { groupConversations, renderTranscript } from '@/src/bundle/transcript';
import { packChainHead } from '@/src/bundle/verify';
import { renderVerifyHtml } from '@/src/bundle/verify-page';
import { PackZip, type ZipTime } from '@/src/bundle/pack-zip';

// Drafts are Chinese whatever the report language, so their evidence list uses Chinese kind names.
const CAPTURE_KIND_ZH = packLabels('zh-CN').captureKinds;

/** One case to export with everything recorded for it. */
export interface PackCaseInput {
  record: CaseRecord;
  captures: CaptureRecord[];
  messages: ChatMessageRecord[];
  events: EventRecord[];
}

/** A deadline computed by reminders/, shown in the report and the 12315 draft. */
export interface PackDeadline {
  rule: string;
  dueAt: string;
  basis: string;
}

/** How the pack is written. */
export interface PackOptions {
  language: 'zh-CN' | 'en';
  /** Mask ID, mobile and bank-card numbers in texts for third parties; on unless explicitly `false`. */
  maskPrivacy?: boolean;
  demand: Demand;
  createdAt: EvidenceTime;
  /** e.g. `留证 0.1.0`. */
  generator: string;
  deadlines?: PackDeadline[];
}

/** Input of {@link buildPack}. */
export interface PackInput {
  /** One or several chosen cases. */
  cases: PackCaseInput[];
  /**
   * Bytes of captures by SHA-256, in the order asked; called with a window of a few megabytes at a time (one
   * storage transaction reads a window ~4× faster than one read per capture), the next window while this one is
   * written, so memory stays bounded by two windows plus what JSZip holds.
   */
  getBlobs: (sha256s: readonly string[]) => Promise<Uint8Array[]>;
  options: PackOptions;
  onProgress?: (done: number, total: number) => void;
}

/** Where the export's time went, in milliseconds (the bench reports it next to the `zip -0` anchor). */
export interface PackTimings {
  /** Waiting for capture bytes from storage (reads overlap hashing, so this is the wait, not the read). */
  readMs: number;
  /** Re-hashing capture bytes against the SHA-256 recorded at capture. */
  verifyMs: number;
  /** JSZip writing the archive (CRC-32 of every byte, headers, output collected into a Blob). */
  zipMs: number;
  totalMs: number;
}

/** The built pack. */
export interface PackResult {
  fileName: string;
  zip: Blob | Uint8Array;
  manifest: PackManifest;
  timings: PackTimings;
}

const now = (): number => performance.now();

// Captures per storage read: a few megabytes, so two windows in flight stay small beside what JSZip holds.
const READ_WINDOW_BYTES = 16 * 1024 * 1024;
const READ_WINDOW_MAX = 64;

/** Consecutive runs of captures of about {@link READ_WINDOW_BYTES} each (always at least one capture). */
function readWindows<T extends { bytes: number }>(captures: readonly T[]): T[][] {
  const windows: T[][] = [];
  let current: T[] = [];
  let bytes = 0;
  for (const capture of captures) {
    if (current.length > 0 && (bytes + capture.bytes > READ_WINDOW_BYTES || current.length >= READ_WINDOW_MAX)) {
      windows.push(current);
      current = [];
      bytes = 0;
    }
    current.push(capture);
    bytes += capture.bytes;
  }
  if (current.length > 0) {
    windows.push(current);
  }
  return windows;
}

const EXTENSIONS: Record<string, string> = {
  'image/png': '.png',
  'image/jpeg': '.jpg',
  'image/webp': '.webp',
  'image/gif': '.gif',
  'image/svg+xml': '.svg',
  'text/plain': '.txt',
  'text/html': '.html',
  'application/json': '.json',
  'application/pdf': '.pdf',
  'text/csv': '.csv',
};

function baseMime(mime: string): string {
  return (mime.split(';')[0] ?? '').trim().toLowerCase();
}

/** Extension from the MIME type only: a user file's own name never reaches the path. */
function extensionOf(mime: string): string {
  return EXTENSIONS[baseMime(mime)] ?? '.bin';
}

// Text compresses well; images and unknown binaries are usually compressed already (STORE keeps export fast).
function isCompressible(mime: string): boolean {
  const m = baseMime(mime);
  return m.startsWith('text/') || m === 'application/json' || m === 'application/x-ndjson' || m === 'application/xml' || m.endsWith('+json') || m.endsWith('+xml');
}

function sortKeysDeep(value: JsonValue): JsonValue {
  if (Array.isArray(value)) {
    return value.map(sortKeysDeep);
  }
  if (value !== null && typeof value === 'object') {
    const out: { [key: string]: JsonValue } = {};
    for (const key of Object.keys(value).sort()) {
      const v = value[key];
      if (v !== undefined) {
        out[key] = sortKeysDeep(v);
      }
    }
    return out;
  }
  return value;
}

/** JSON with keys sorted at every level and two-space indent: the same data always gives the same bytes. */
function stableJson(value: JsonValue): string {
  return `${JSON.stringify(sortKeysDeep(value), null, 2)}\n`;
}

function utf8(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

/** Builds the evidence-pack zip for the chosen cases. */
export async function buildPack(input: PackInput): Promise<PackResult> {
  const { options } = input;
  if (input.cases.length === 0) {
    throw new Error('buildPack needs at least one case');
  }
  const labels = packLabels(options.language);
  const maskOn = options.maskPrivacy !== false;
  const deadlines = options.deadlines ?? [];
  const multi = input.cases.length > 1;
  const created: ZipTime = { iso: options.createdAt.iso, epochMs: options.createdAt.epochMs };

  const conversationsByCase = input.cases.map((c) => groupConversations(c.messages));
  // Five complaint drafts plus the personal-information deletion request.
  const COMPLAINT_FILES_PER_CASE = 6;
  const entryCount =
    input.cases.reduce((n, c, i) => n + c.captures.length + 4 * (conversationsByCase[i]?.length ?? 0) + 1 + COMPLAINT_FILES_PER_CASE, 0) + 3 + 2;
  // One step per entry when it is fetched and hashed, one when it is written into the zip.
  const total = 2 * entryCount;
  let done = 0;
  const progress = (): void => {
    done++;
    input.onProgress?.(done, total);
  };

  const buildStarted = now();
  const timings: PackTimings = { readMs: 0, verifyMs: 0, zipMs: 0, totalMs: 0 };
  const zip = new PackZip();
  const files: PackFileEntry[] = [];
  const add = async (
    path: string,
    bytes: Uint8Array,
    meta: { mime: string; kind: PackFileKind; capturedAt?: string | null; sourceUrl?: string | null; modified?: ZipTime; sha256?: string },
  ): Promise<string> => {
    const sha256 = meta.sha256 ?? (await sha256Hex(bytes));
    zip.add(path, bytes, { compress: isCompressible(meta.mime), modified: meta.modified ?? created });
    files.push({ path, sha256, bytes: bytes.length, mime: meta.mime, kind: meta.kind, capturedAt: meta.capturedAt ?? null, sourceUrl: meta.sourceUrl ?? null });
    progress();
    return sha256;
  };
  const addText = (path: string, text: string, mime: string, kind: PackFileKind): Promise<string> => add(path, utf8(text), { mime, kind });

  const summaries: PackCaseSummary[] = [];
  const reportCases: ReportCase[] = [];
  for (const [caseIndex, c] of input.cases.entries()) {
    const facts = caseFacts(c.record);
    const folder = multi ? `cases/${pad(caseIndex + 1, 2)}-${asciiSegment(facts.orderNo, 'no-order', 40)}/` : '';
    const keep = [facts.orderNo, c.record.orderNo];
    const mask = maskOn ? (text: string): string => maskPrivateData(text, { keep }) : (text: string): string => text;
    const shop = facts.shopName ?? facts.shopHost;

    // Captures: original bytes, never altered.
    const captures = [...c.captures].sort((a, b) => a.capturedAtMs - b.capturedAtMs || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const placed: PlacedCapture[] = [];
    const evidence: EvidenceRef[] = [];
    // Captures are read in windows of about READ_WINDOW_BYTES; the next window is read while this one is hashed.
    const windows = readWindows(captures);
    const fetchWindow = (index: number): Promise<Uint8Array[]> | null => {
      const window = windows[index];
      if (window === undefined) {
        return null;
      }
      const fetched = input.getBlobs(window.map((record) => record.sha256));
      // Handled here too: if an earlier window fails, this read is never awaited and must not surface as unhandled.
      fetched.catch(() => undefined);
      return fetched;
    };
    let nextWindow = fetchWindow(0);
    let n = 0;
    for (const [windowIndex, window] of windows.entries()) {
      const readStarted = now();
      const windowBytes = await nextWindow;
      timings.readMs += now() - readStarted;
      nextWindow = fetchWindow(windowIndex + 1);
      if (windowBytes === null || windowBytes.length !== window.length) {
        throw new Error(`storage returned ${windowBytes?.length ?? 0} of ${window.length} captures`);
      }
      for (const [k, capture] of window.entries()) {
        const bytes = windowBytes[k] as Uint8Array;
        n++;
        const hashStarted = now();
        const actual = await sha256Hex(bytes);
        timings.verifyMs += now() - hashStarted;
        if (actual !== capture.sha256) {
          throw new Error(`capture ${capture.id}: stored bytes do not match the SHA-256 recorded at capture (${capture.sha256})`);
        }
        const path = `${folder}captures/${pad(n, 4)}-${compactTimestamp(capture.capturedAt, capture.capturedAtMs)}-${capture.kind}${extensionOf(capture.mime)}`;
        await add(path, bytes, {
          mime: capture.mime,
          kind: capture.kind,
          capturedAt: capture.capturedAt,
          sourceUrl: capture.sourceUrl,
          modified: { iso: capture.capturedAt, epochMs: capture.capturedAtMs },
          sha256: actual,
        });
        placed.push({ record: capture, path, sha256: actual });
        evidence.push({ path, description: `${CAPTURE_KIND_ZH[capture.kind] ?? capture.kind} ${displayTime(capture.capturedAt)}` });
      }
    }

    // Chat transcripts, masked for third parties.
    const conversations = conversationsByCase[caseIndex] ?? [];
    const chats: ReportCase['chats'][number][] = [];
    for (const conversation of conversations) {
      const basePath = `${folder}chats/chat-${pad(conversation.index, 2)}`;
      const rendered = renderTranscript(conversation, { labels, mask, maskOn, shop, orderNo: facts.orderNo });
      await addText(`${basePath}.txt`, rendered.txt, 'text/plain; charset=utf-8', 'transcript');
      await addText(`${basePath}.html`, rendered.html, 'text/html; charset=utf-8', 'transcript');
      await addText(`${basePath}.csv`, rendered.csv, 'text/csv; charset=utf-8', 'transcript');
      await addText(`${basePath}.json`, rendered.json, 'application/json', 'transcript');
      chats.push({ basePath, messages: conversation.messages });
      evidence.push({ path: `${basePath}.txt`, description: `聊天记录（${conversation.messages.length} 条）` });
    }

    // order.json: the facts as shown in the pack plus what was extracted and corrected.
    const maskNullable = (v: string | null): string | null => (v === null ? null : mask(v));
    const orderJson: JsonValue = {
      caseId: c.record.id,
      shopOrigin: c.record.shopOrigin,
      orderNo: c.record.orderNo,
      title: c.record.title,
      caseCreatedAt: c.record.createdAt,
      masked: maskOn,
      facts: { ...facts, contact: maskNullable(facts.contact) },
      extracted: c.record.order === null ? null : { ...c.record.order, contact: maskNullable(c.record.order.contact) },
      corrections: c.record.corrections,
      status: c.record.status,
      extras: c.record.extras,
    };
    await addText(`${folder}order.json`, stableJson(orderJson), 'application/json', 'order');

    // Complaint drafts: UTF-8 with BOM and CRLF so Windows Notepad of any age shows the Chinese correctly.
    const messageCount = c.messages.length;
    // Mask the captured strings going into the drafts, not the drafts: file paths and times there are ours.
    const draftFacts: CaseFacts = {
      ...facts,
      shopName: maskNullable(facts.shopName),
      item: maskNullable(facts.item),
      statusText: maskNullable(facts.statusText),
      paymentMethod: maskNullable(facts.paymentMethod),
      contact: maskNullable(facts.contact),
      refundPolicyText: maskNullable(facts.refundPolicyText),
    };
    // The personal-information deletion request (src/membership) travels with the complaints: it is filed once the user leaves the shop.
    for (const draft of [...buildComplaints({ facts: draftFacts, demand: options.demand, messageCount, evidence, deadlines }), deletionRequestFor(draftFacts, c.events, evidence)]) {
      await addText(`${folder}complaints/${draft.fileName}`, `\uFEFF${draft.text}\r\n`, 'text/plain; charset=utf-8', 'complaint');
    }

    const events = [...c.events].sort((a, b) => a.seq - b.seq);
    const chainFailures = await verifyEventChain(events);
    const head = events.at(-1)?.hash ?? GENESIS_HASH;
    summaries.push({
      caseId: c.record.id,
      folder,
      shopOrigin: c.record.shopOrigin,
      shopName: facts.shopName,
      orderNo: facts.orderNo,
      title: c.record.title,
      item: facts.item,
      amount: facts.amount,
      currency: facts.currency,
      orderTime: facts.orderTime,
      status: facts.status,
      companyName: facts.companyName,
      creditCode: facts.creditCode,
      captureCount: captures.length,
      chatCount: conversations.length,
      messageCount,
      eventCount: events.length,
      eventChainHead: head,
    });
    reportCases.push({
      facts,
      captures: placed,
      chats,
      statusHistory: statusHistory(events),
      eventCount: events.length,
      chainHead: head,
      chainProblems: chainFailures.map((f) => `seq ${f.seq}: ${f.problem} — ${f.detail}`),
    });
  }

  // events.jsonl: one RFC 8785 line per event (the Dexie auto-increment id is storage-local and left out).
  const eventLines: string[] = [];
  for (const c of input.cases) {
    for (const e of [...c.events].sort((a, b) => a.seq - b.seq)) {
      const line = canonicalize({ caseId: e.caseId, seq: e.seq, type: e.type, at: e.at, data: e.data, prevHash: e.prevHash, hash: e.hash });
      if (line === undefined) {
        throw new Error(`event ${e.caseId}#${e.seq} cannot be serialised`);
      }
      eventLines.push(line);
    }
  }
  await addText('events.jsonl', eventLines.map((l) => `${l}\n`).join(''), 'application/x-ndjson', 'events');
  await addText('verify.html', await renderVerifyHtml(), 'text/html; charset=utf-8', 'verifier');

  const eventChainHead = await packChainHead(summaries);
  const report = renderReport({
    labels,
    generator: options.generator,
    createdAt: options.createdAt.iso,
    createdAtTimeZone: options.createdAt.timeZone,
    demand: options.demand,
    maskOn,
    mask: maskOn ? (t) => maskPrivateData(t, { keep: summaries.map((s) => s.orderNo) }) : (t) => t,
    cases: reportCases,
    files: [...files],
    deadlines,
    packChainHead: eventChainHead,
  });
  await addText('report.html', report, 'text/html; charset=utf-8', 'report');

  const manifest: PackManifest = {
    formatVersion: PACK_FORMAT_VERSION,
    generator: options.generator,
    createdAt: options.createdAt.iso,
    createdAtTimeZone: options.createdAt.timeZone,
    language: options.language,
    maskPrivacy: maskOn,
    demand: options.demand,
    cases: summaries,
    files,
    eventChainHead,
  };
  // Validate what we are about to sign; a failure here is a bug in this module, not in the input.
  PackManifestSchema.parse(manifest);
  const manifestText = `${JSON.stringify(manifest, null, 2)}\n`;
  const manifestBytes = utf8(manifestText);
  const manifestHash = await sha256Hex(manifestBytes);
  zip.add('manifest.json', manifestBytes, { compress: true, modified: created });
  progress();
  // sha256sum format, so `sha256sum -c manifest.json.sha256` works too.
  zip.add('manifest.json.sha256', utf8(`${manifestHash}  manifest.json\n`), { compress: false, modified: created });
  progress();
  const zipStarted = now();
  const archive = await zip.generate(progress);
  timings.zipMs = now() - zipStarted;
  timings.totalMs = now() - buildStarted;

  const first = input.cases[0]?.record;
  const firstFacts = summaries[0];
  const sameShop = input.cases.every((c) => c.record.shopOrigin === first?.shopOrigin);
  const shopName = sameShop ? (firstFacts?.shopName ?? hostLabel(first?.shopOrigin ?? '')) : 'liuzheng';
  const orderPart = multi ? `${input.cases.length}cases` : (firstFacts?.orderNo ?? '');
  return {
    fileName: packFileName(shopName, orderPart, options.createdAt.iso, options.createdAt.epochMs),
    zip: archive,
    manifest,
    timings,
  };
}

function hostLabel(origin: string): string {
  try {
    return new URL(origin).hostname;
  } catch {
    return 'shop';
  }
}
