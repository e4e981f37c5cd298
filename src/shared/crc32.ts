/**
 * @module CRC-32 (the zip format's checksum) of stored bytes. Computed once when bytes are stored, so exporting a
 * pack never has to run it again over every capture (it was most of the export's time; see src/bundle/README.md).
 */
import CRC32 from 'crc-32';

/** Unsigned CRC-32 of bytes, as written in a zip entry. */
export function crc32Of(bytes: Uint8Array): number {
  // The crc-32 library returns the signed 32-bit form.
  return CRC32.buf(bytes) >>> 0;
}
