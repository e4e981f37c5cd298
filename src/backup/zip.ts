/**
 * @module The backup's zip container, written and read by JSZip. This file only decides what JSZip should do for
 * a backup (STORE or DEFLATE per entry, a fixed entry date and platform, CRC-32 checked on reading) and turns its
 * failures into {@link BackupZipError}s the restore can report. Every entry's CRC-32 is checked when the file is opened. JSZip holds a whole archive in memory while it
 * writes or reads it, so a backup costs about the size of the database in memory, once (README.md, "Limits").
 */
import JSZip from 'jszip';

const MAX_ENTRIES = 0xffff;
const MAX_ZIP_BYTES = 0xffffffff;
// End-of-central-directory record without a comment.
const EOCD_BYTES = 22;
const DEFLATE_LEVEL = 6;

/** Raised for a file that is not a complete zip this module can read (the caller reports it, nothing is imported). */
export class BackupZipError extends Error {
  constructor(
    readonly code: 'truncated' | 'not-zip' | 'unsupported' | 'missing-entry' | 'bad-entry' | 'too-large',
    message: string,
  ) {
    super(message);
  }
}

// Upper bound of what one entry adds to the archive (headers twice, data descriptor, DEFLATE's worst case), so the
// 4 GiB limit of a zip without ZIP64 is checked before JSZip would silently write a broken archive past it.
function entryBound(nameBytes: number, dataBytes: number): number {
  return 30 + nameBytes + 16 + 46 + nameBytes + dataBytes + Math.ceil(dataBytes / 4096) + 64;
}

/** Collects the backup's entries; {@link BackupZipWriter.finish} writes the archive once. */
export class BackupZipWriter {
  private readonly zip = new JSZip();
  private readonly names = new Set<string>();
  private boundBytes = EOCD_BYTES;

  constructor(private readonly modified: Date) {}

  /** Adds one entry: DEFLATE for text, STORE for bytes that are already compressed. */
  add(name: string, data: Uint8Array, compress: boolean): void {
    // JSZip would silently replace an entry of the same name.
    if (this.names.has(name)) {
      throw new Error(`duplicate entry in backup: ${name}`);
    }
    if (this.names.size >= MAX_ENTRIES) {
      throw new BackupZipError('too-large', 'the backup would have more than 65,535 entries');
    }
    const bound = this.boundBytes + entryBound(new TextEncoder().encode(name).length, data.length);
    if (bound > MAX_ZIP_BYTES) {
      throw new BackupZipError('too-large', 'the backup would exceed 4 GiB (zip without ZIP64)');
    }
    this.boundBytes = bound;
    this.names.add(name);
    this.zip.file(name, data, {
      binary: true,
      compression: compress ? 'DEFLATE' : 'STORE',
      compressionOptions: compress ? { level: DEFLATE_LEVEL } : null,
      date: this.modified,
      createFolders: false,
      dosPermissions: null,
      unixPermissions: null,
    });
  }

  /** Writes the archive. */
  finish(): Promise<Blob> {
    return this.zip.generateAsync({ type: 'blob', mimeType: 'application/zip', streamFiles: true, platform: 'DOS', comment: '' });
  }
}

/** JSZip's reading errors, sorted into what the restore page tells the user. */
function readingError(error: unknown): BackupZipError {
  const message = error instanceof Error ? error.message : String(error);
  if (/encrypt|compression/i.test(message)) {
    return new BackupZipError('unsupported', message);
  }
  if (/crc/i.test(message)) {
    return new BackupZipError('bad-entry', `an entry's bytes changed after it was written (${message})`);
  }
  // A zip's directory is at its end: a cut-off download loses it first, and JSZip then reads past the data.
  if (/end of (central directory|data)|corrupted zip|out of bounds|offset/i.test(message)) {
    return new BackupZipError('truncated', `the file is cut off or damaged (${message})`);
  }
  return new BackupZipError('not-zip', message);
}

/** Reads entries of a backup by name; every entry's CRC-32 is checked as it is inflated. */
export class BackupZipReader {
  private constructor(private readonly zip: JSZip) {}

  /** Opens the archive; throws {@link BackupZipError} for a truncated or foreign file. */
  static async open(file: Blob): Promise<BackupZipReader> {
    try {
      return new BackupZipReader(await JSZip.loadAsync(file, { checkCRC32: true }));
    } catch (error) {
      throw readingError(error);
    }
  }

  /** Every file entry's name, in directory order. */
  names(): string[] {
    return Object.values(this.zip.files)
      .filter((entry) => !entry.dir)
      .map((entry) => entry.name);
  }

  has(name: string): boolean {
    return this.zip.file(name) !== null;
  }

  /** The entry's bytes, inflated and checked against its CRC-32. */
  async read(name: string): Promise<Uint8Array> {
    const entry = this.zip.file(name);
    if (entry === null) {
      throw new BackupZipError('missing-entry', `entry ${name} is missing`);
    }
    try {
      return await entry.async('uint8array');
    } catch (error) {
      throw new BackupZipError('bad-entry', `entry ${name}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}
