/**
 * @module Evidence pack core (DESIGN.md §4): build a verifiable zip from plain case records and lazily read
 * capture bytes, and verify such a zip (both with JSZip). Pure: no Dexie, no browser APIs beyond WebCrypto and Blob.
 */
export { buildPack, type PackCaseInput, type PackDeadline, type PackInput, type PackOptions, type PackResult, type PackTimings } from '@/src/bundle/build';
export { StoredBytesMismatchError, type BlobHasher, type BlobsReader, type StoredBytes } from '@/src/bundle/capture-feed';
export { verifyPack, packChainHead, type PackVerification } from '@/src/bundle/verify';
export {
  PACK_FORMAT_VERSION,
  PackCaseSummarySchema,
  PackFileEntrySchema,
  PackFileKindSchema,
  PackManifestSchema,
  type PackCaseSummary,
  type PackFileEntry,
  type PackFileKind,
  type PackManifest,
} from '@/src/bundle/manifest';
export { maskPrivateData } from '@/src/bundle/mask';
export type { Demand } from '@/src/bundle/facts';
