/**
 * @module buildPack: turns chosen cases (plain records) and a lazy blob reader into the evidence-pack zip of
 * DESIGN.md §4. Every entry is known before JSZip (pack-zip.ts) starts writing: the texts are rendered from the
 * records, and each capture is an entry whose bytes the capture feed (capture-feed.ts) reads from storage while the
 * archive is written, checked against the SHA-256 recorded at capture, with the CRC-32 recorded when stored.
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
import { CaptureFeed, type BlobHasher, type BlobsReader } from '@/src/bundle/capture-feed';

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
   * Bytes of captures by SHA-256, in the order asked; called with a window of a few megabytes at a time while the
   * archive is written, never more than three windows ahead of it, so memory stays bounded whatever the case size.
   */
  getBlobs: BlobsReader;
  /**
   * Hashes a stored Blob off the caller's thread. Given, captures stored as Blobs go into the zip by reference at
   * once and are checked meanwhile ({@link PackResult.bytesChecked}); without it each capture is checked before the
   * zip takes it.
   */
  hashBlob?: BlobHasher;
  options: PackOptions;
  onProgress?: (done: number, total: number) => void;
}

/** Where the export's time went, in milliseconds (the bench reports it next to the `zip -0` anchor). */
export interface PackTimings {
  /** Wall time with a read of capture bytes in flight (it overlaps writing the archive). */
  readMs: number;
  /** Re-hashing capture bytes on this thread, when the reader did not hash them itself. */
  verifyMs: number;
  /** Writing the archive, from JSZip's start to its end (reads of capture bytes included, texts rendered before). */
  zipMs: number;
  totalMs: number;
}

/** The built pack. */
export interface PackResult {
  fileName: string;
  zip: Blob | Uint8Array;
  manifest: PackManifest;
  timings: PackTimings;
  /**
   * Resolves once every capture's stored bytes have matched the SHA-256 recorded at capture; rejects with the
   * {@link StoredBytesMismatchError} of the first that did not. The pack must not be offered before: it would
   * vouch for bytes that are not what was captured. Already settled when no `hashBlob` was given.
   */
  bytesChecked: Promise<void>;
}

const now = (): number => performance.now();

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
  // Every capture of every case, in the order the archive holds them; their bytes are read while it is written.
  const sortedCaptures = input.cases.map((c) =>
    [...c.captures].sort((a, b) => a.capturedAtMs - b.capturedAtMs || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)),
  );
  const feed = new CaptureFeed(sortedCaptures.flat(), input.getBlobs, progress, input.hashBlob);
  const captureIndexByPath = new Map<string, number>();
  const add = async (
    path: string,
    bytes: Uint8Array,
    meta: { mime: string; kind: PackFileKind },
  ): Promise<string> => {
    const sha256 = await sha256Hex(bytes);
    zip.add(path, bytes, { compress: isCompressible(meta.mime), modified: created });
    files.push({ path, sha256, bytes: bytes.length, mime: meta.mime, kind: meta.kind, capturedAt: null, sourceUrl: null });
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

    // Captures: original bytes, never altered, read from storage when the archive reaches them.
    const placed: PlacedCapture[] = [];
    const evidence: EvidenceRef[] = [];
    const captures = sortedCaptures[caseIndex] ?? [];
    for (const [k, capture] of captures.entries()) {
      const index = captureIndexByPath.size;
      const path = `${folder}captures/${pad(k + 1, 4)}-${compactTimestamp(capture.capturedAt, capture.capturedAtMs)}-${capture.kind}${extensionOf(capture.mime)}`;
      zip.addDeferred(path, capture.bytes, () => feed.bytesOf(index), {
        compress: isCompressible(capture.mime),
        modified: { iso: capture.capturedAt, epochMs: capture.capturedAtMs },
      });
      captureIndexByPath.set(path, index);
      files.push({ path, sha256: capture.sha256, bytes: capture.bytes, mime: capture.mime, kind: capture.kind, capturedAt: capture.capturedAt, sourceUrl: capture.sourceUrl });
      placed.push({ record: capture, path, sha256: capture.sha256 });
      evidence.push({ path, description: `${CAPTURE_KIND_ZH[capture.kind] ?? capture.kind} ${displayTime(capture.capturedAt)}` });
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
  // The archive is complete only if every capture's bytes were read and matched the hash recorded at capture:
  // a mismatch or a failed read fails generation at that entry, so no pack vouches for bytes it does not hold.
  const zipStarted = now();
  feed.start();
  const archive = await zip.generate((path) => {
    const index = captureIndexByPath.get(path);
    if (index !== undefined) {
      feed.written(index);
    }
    progress();
  });
  timings.zipMs = now() - zipStarted;
  timings.readMs = feed.timings.readMs;
  timings.verifyMs = feed.timings.verifyMs;
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
    bytesChecked: feed.allChecked(),
  };
}

function hostLabel(origin: string): string {
  try {
    return new URL(origin).hostname;
  } catch {
    return 'shop';
  }
}
