/**
 * @module The pack manifest (DESIGN.md §4): what the pack holds, each file's SHA-256, and the event-chain heads.
 * Parsed with Zod by every reader (CLI verifier, extension import), never cast.
 */
import * as z from 'zod';
import { OrderStatusSchema } from '@/src/cases/order';
import { SAFE_PATH_PATTERN } from '@/src/bundle/paths';

/** Version of this pack layout; bump on any incompatible change to manifest.json or the file set. */
export const PACK_FORMAT_VERSION = 1;

const Sha256Schema = z.string().regex(/^[0-9a-f]{64}$/);

/** What a file in the pack is: a capture kind (as stored) or one of the generated documents. */
export const PackFileKindSchema = z.enum([
  'visible',
  'fullpage',
  'text',
  'html',
  'meta',
  'file',
  'order',
  'transcript',
  'complaint',
  'events',
  'report',
  'verifier',
]);
export type PackFileKind = z.infer<typeof PackFileKindSchema>;

/** One file of the pack (manifest.json and manifest.json.sha256 themselves are not listed). */
export const PackFileEntrySchema = z.object({
  path: z.string().regex(SAFE_PATH_PATTERN).max(200),
  sha256: Sha256Schema,
  bytes: z.number().int().nonnegative(),
  mime: z.string().min(1).max(200),
  kind: PackFileKindSchema,
  /** Capture time as recorded (local ISO 8601 with offset); null for generated files. */
  capturedAt: z.string().max(64).nullable(),
  sourceUrl: z.string().max(10_000).nullable(),
});
export type PackFileEntry = z.infer<typeof PackFileEntrySchema>;

/** Summary of one case in the pack. */
export const PackCaseSummarySchema = z.object({
  caseId: z.string().min(1).max(100),
  /** Folder of this case's files inside the zip: `''` in a one-case pack, `cases/NN-<orderNo>/` otherwise. */
  folder: z.string().max(100),
  shopOrigin: z.string().max(2100),
  shopName: z.string().max(500).nullable(),
  orderNo: z.string().max(200),
  title: z.string().max(500),
  item: z.string().max(2000).nullable(),
  amount: z.number().nullable(),
  currency: z.string().max(8).nullable(),
  orderTime: z.string().max(64).nullable(),
  status: OrderStatusSchema.nullable(),
  companyName: z.string().max(500).nullable(),
  creditCode: z.string().max(32).nullable(),
  captureCount: z.number().int().nonnegative(),
  chatCount: z.number().int().nonnegative(),
  messageCount: z.number().int().nonnegative(),
  eventCount: z.number().int().nonnegative(),
  /** Hash of the case's last event (64 zeros when it has none). */
  eventChainHead: Sha256Schema,
});
export type PackCaseSummary = z.infer<typeof PackCaseSummarySchema>;

/** manifest.json. */
export const PackManifestSchema = z.object({
  formatVersion: z.literal(PACK_FORMAT_VERSION),
  generator: z.string().min(1).max(200),
  createdAt: z.string().min(10).max(64),
  createdAtTimeZone: z.string().max(100),
  language: z.enum(['zh-CN', 'en']),
  maskPrivacy: z.boolean(),
  demand: z.enum(['refund', 'refund-interest-costs', 'triple-compensation']),
  cases: z.array(PackCaseSummarySchema).min(1),
  files: z.array(PackFileEntrySchema),
  /**
   * One case: its chain head. Several: SHA-256 of the RFC 8785 JSON array of `{caseId, head}` in case order,
   * so one value still pins every chain.
   */
  eventChainHead: Sha256Schema,
});
export type PackManifest = z.infer<typeof PackManifestSchema>;
