/**
 * @module The messages between the export page and its blob-reading worker (blob-read.worker.ts). A dedicated
 * worker talks only to the page that started it, so there is no other sender to check; both sides still parse
 * every message with these schemas before using it.
 */
import * as z from 'zod';
import { Sha256Schema } from '@/src/store/records';

/** Read these blobs (one window of a pack), in this order. */
export const BlobReadRequestSchema = z.object({
  id: z.number().int().nonnegative(),
  sha256s: z.array(Sha256Schema).max(10_000),
});
export type BlobReadRequest = z.infer<typeof BlobReadRequestSchema>;

/** The blobs' bytes (transferred), their recorded CRC-32 (null if none) and the SHA-256 the worker computed from the bytes; or why not. */
export const BlobReadResponseSchema = z.union([
  z.object({
    id: z.number().int().nonnegative(),
    items: z.array(
      z.object({
        data: z.instanceof(Uint8Array),
        crc32: z.number().int().min(0).max(0xffffffff).nullable(),
        sha256: Sha256Schema,
      }),
    ),
  }),
  z.object({ id: z.number().int().nonnegative(), error: z.string().max(2000) }),
]);
export type BlobReadResponse = z.infer<typeof BlobReadResponseSchema>;
