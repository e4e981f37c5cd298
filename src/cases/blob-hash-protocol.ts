/**
 * @module The messages between the export page and its hashing workers (blob-hash.worker.ts). A dedicated worker
 * talks only to the page that started it, so there is no other sender to check; both sides still parse every
 * message with these schemas before using it.
 */
import * as z from 'zod';
import { Sha256Schema } from '@/src/store/records';

/** Hash this stored Blob (passed by reference: the page never reads its bytes). */
export const BlobHashRequestSchema = z.object({
  id: z.number().int().nonnegative(),
  blob: z.instanceof(Blob),
});
export type BlobHashRequest = z.infer<typeof BlobHashRequestSchema>;

/** The SHA-256 the worker computed from the Blob's bytes, or why it could not. */
export const BlobHashResponseSchema = z.union([
  z.object({ id: z.number().int().nonnegative(), sha256: Sha256Schema }),
  z.object({ id: z.number().int().nonnegative(), error: z.string().max(2000) }),
]);
export type BlobHashResponse = z.infer<typeof BlobHashResponseSchema>;
