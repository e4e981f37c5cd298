/**
 * @module Stored records of the evidence model (DESIGN.md §3). Every record read from or written to
 * IndexedDB has a schema here, so imports, migrations and handlers parse instead of casting.
 */
import * as z from 'zod';
import { OrderFactsSchema, OrderStatusSchema, ShopExtrasSchema } from '@/src/cases/order';
import { crc32Of } from '@/src/shared/crc32';

/** Lower-case hex SHA-256. */
export const Sha256Schema = z.string().regex(/^[0-9a-f]{64}$/);
const IsoTimeSchema = z.string().min(10).max(64);

/** A dispute: one shop origin and one order number (or the shop's unsorted case while no order is known). */
export const CaseRecordSchema = z.object({
  id: z.string().min(1).max(100),
  shopOrigin: z.string().min(1).max(2100),
  /** `''` for the shop's case without a known order (IndexedDB cannot index null). */
  orderNo: z.string().max(200),
  title: z.string().max(500),
  createdAt: IsoTimeSchema,
  updatedAtMs: z.number().int(),
  /** Latest extracted facts; earlier values live in the event log. */
  order: OrderFactsSchema.nullable(),
  /** Fields the user corrected; the extracted value stays in `order`. */
  corrections: z.record(z.string(), z.union([z.string(), z.number(), z.null()])),
  status: OrderStatusSchema.nullable(),
  extras: ShopExtrasSchema.nullable(),
  /** Tombstone: the case was deleted (a `case-deleted` event); its record and event log stay so the chain still verifies. */
  deleted: z.boolean(),
  /** Set when the case was merged into another (a `case-merged-into` event): read-only and hidden from the list. */
  mergedInto: z.string().max(100).nullable(),
  /** The user's notes joined by newlines, denormalised from the `note-added` events so the list can search them without reading events. */
  notesText: z.string().max(1_000_000),
});
export type CaseRecord = z.infer<typeof CaseRecordSchema>;

/** What kind of evidence item a capture holds. */
export const CaptureKindSchema = z.enum(['visible', 'fullpage', 'text', 'html', 'meta', 'file']);
export type CaptureKind = z.infer<typeof CaptureKindSchema>;

/** One evidence item, its bytes stored once in `blobs` under their SHA-256. */
export const CaptureRecordSchema = z.object({
  id: z.string().min(1).max(100),
  caseId: z.string().min(1).max(100),
  /** All items taken by one click share a batch id. */
  batchId: z.string().min(1).max(100),
  kind: CaptureKindSchema,
  mime: z.string().min(1).max(200),
  bytes: z.number().int().nonnegative(),
  sha256: Sha256Schema,
  capturedAt: IsoTimeSchema,
  capturedAtMs: z.number().int(),
  timeZone: z.string().max(100),
  sourceUrl: z.string().max(10_000),
  frameUrl: z.string().max(10_000).nullable(),
  title: z.string().max(2000),
  /** A user file's original name, or a note on how the item was made (e.g. scaled full-page image). */
  note: z.string().max(2000).nullable(),
});
export type CaptureRecord = z.infer<typeof CaptureRecordSchema>;

/**
 * Stored bytes: a Blob (IndexedDB keeps it as a file and hands back a reference, so an export can put it into the
 * zip without copying it through a page), or a Uint8Array in records stored by earlier builds. Both are valid;
 * every reader takes either.
 */
export type StoredData = Uint8Array | Blob;

/** Content-addressed bytes. */
export const BlobRecordSchema = z.object({
  sha256: Sha256Schema,
  mime: z.string().max(200),
  bytes: z.number().int().nonnegative(),
  data: z.custom<StoredData>((value) => value instanceof Uint8Array || (typeof Blob !== 'undefined' && value instanceof Blob), { message: 'expected bytes' }),
  /** CRC-32 of `data`, computed when stored so a pack export need not read every byte to checksum it; absent on blobs stored before it was recorded. */
  crc32: z.number().int().min(0).max(0xffffffff).optional(),
});
export type BlobRecord = z.infer<typeof BlobRecordSchema>;

/** The record that stores `data` (already hashed to `sha256`) as a Blob, with its size and CRC-32. */
export function newBlobRecord(sha256: string, mime: string, data: Uint8Array): BlobRecord {
  return { sha256, mime, bytes: data.byteLength, data: new Blob([data as Uint8Array<ArrayBuffer>], { type: mime }), crc32: crc32Of(data) };
}

/** Size in bytes of stored data, whichever form it was stored in. */
export function storedSize(data: StoredData): number {
  return data instanceof Uint8Array ? data.byteLength : data.size;
}

/** The bytes of stored data (read from the file behind a Blob). */
export async function storedBytes(data: StoredData): Promise<Uint8Array> {
  return data instanceof Uint8Array ? data : new Uint8Array(await data.arrayBuffer());
}

/** Who wrote a chat message. */
export const ChatRoleSchema = z.enum(['agent', 'customer', 'system']);
/** What a chat message holds. */
export const ChatKindSchema = z.enum(['text', 'image', 'file', 'link', 'system', 'recalled']);

/** One support-chat message with every version seen. */
export const ChatMessageRecordSchema = z.object({
  /** Stable id from the content side: chat key + message key (never reused for another message). */
  id: z.string().min(1).max(500),
  caseId: z.string().min(1).max(100),
  /** Identifies one conversation: frame origin + widget + conversation id when known. */
  chatKey: z.string().min(1).max(2100),
  widget: z.string().max(100),
  frameUrl: z.string().max(10_000),
  pageUrl: z.string().max(10_000),
  /** Position in conversation order (fractional keys allow inserting prepended history). */
  position: z.number(),
  role: ChatRoleSchema,
  kind: ChatKindSchema,
  text: z.string().max(1_000_000),
  url: z.string().max(10_000).nullable(),
  fileName: z.string().max(2000).nullable(),
  shownTime: z.string().max(200).nullable(),
  firstSeenAt: IsoTimeSchema,
  firstSeenAtMs: z.number().int(),
  /** Earlier texts, oldest first, when the message was edited. */
  versions: z.array(z.object({ text: z.string().max(1_000_000), seenAt: IsoTimeSchema })).max(1000),
  recalled: z.boolean(),
  recallNotice: z.string().max(2000).nullable(),
  originalKind: ChatKindSchema.nullable(),
});
export type ChatMessageRecord = z.infer<typeof ChatMessageRecordSchema>;

/** JSON data carried by an event. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export const JsonValueSchema: z.ZodType<JsonValue> = z.lazy(() =>
  z.union([
    z.string(),
    z.number(),
    z.boolean(),
    z.null(),
    z.array(JsonValueSchema),
    z.record(z.string(), JsonValueSchema),
  ]),
);

/** One entry of a case's append-only, hash-chained event log. */
export const EventRecordSchema = z.object({
  /** Auto-increment key, assigned by IndexedDB. */
  id: z.number().int().optional(),
  caseId: z.string().min(1).max(100),
  /** 0, 1, 2… within the case; `[caseId+seq]` is unique, so two writers cannot fork the chain. */
  seq: z.number().int().nonnegative(),
  type: z.string().min(1).max(100),
  at: IsoTimeSchema,
  data: JsonValueSchema,
  prevHash: Sha256Schema,
  hash: Sha256Schema,
});
export type EventRecord = z.infer<typeof EventRecordSchema>;
