/**
 * @module The pack's zip, written by JSZip. This file only decides what JSZip should do for a deterministic evidence
 * pack: STORE or DEFLATE per entry, entry dates from the capture/export wall clock, fixed platform and comment, and
 * streamed generation collected into Blob parts. It also enforces the limits of a zip without ZIP64, which JSZip
 * does not check (it would silently write a broken archive past them).
 */
import JSZip from 'jszip';
import CompressedObject from 'jszip/lib/compressedObject.js';
import { DEFLATE, STORE } from 'jszip/lib/compressions.js';
import DataWorker from 'jszip/lib/stream/DataWorker.js';
import { crc32Of } from '@/src/shared/crc32';
import { storedBytes, storedSize, type StoredData } from '@/src/store/records';

/** When an entry was last modified: the wall-clock ISO time (its digits become the DOS fields) and the instant. */
export interface ZipTime {
  iso: string;
  epochMs: number;
}

/** How one entry is stored. */
export interface PackZipEntryOptions {
  /** DEFLATE when true (text), STORE when false (images and other already-compressed data). */
  compress: boolean;
  modified: ZipTime;
  /**
   * CRC-32 of `data` when already known (computed when the bytes were stored): a STOREd entry is then handed to
   * JSZip as its own "already compressed" object and JSZip does not read the bytes again to checksum them.
   */
  crc32?: number;
}

const MAX_ENTRIES = 0xffff;
const MAX_ZIP_BYTES = 0xffffffff;
// End-of-central-directory record without a comment.
const EOCD_BYTES = 22;
// Fold buffered output into a Blob every so often: browsers may keep large Blobs on disk instead of the heap.
const FOLD_BYTES = 32 * 1024 * 1024;
// DOS date/time fields cover 1980-01-01 to 2107-12-31 (two-second resolution).
const DOS_MIN_MS = Date.UTC(1980, 0, 1, 0, 0, 0);
const DOS_MAX_MS = Date.UTC(2107, 11, 31, 23, 59, 58);
// Fixed so the same input gives the same bytes even if JSZip's default (pako's 6) changed. The platform's zlib,
// used where there is one (nativeDeflate), has no level to set: its default is this same 6.
const DEFLATE_LEVEL = 6;

/**
 * The Date to give JSZip so the entry shows the wall-clock time of `time.iso`. JSZip 3 fills the DOS date/time
 * fields from the Date's UTC getters, so a Date whose UTC fields are the ISO digits writes exactly those digits,
 * whatever the time zone of the machine that builds the pack.
 */
export function zipEntryDate(time: ZipTime): Date {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})/.exec(time.iso);
  let ms: number;
  if (match) {
    const [year = 1980, month = 1, day = 1, hour = 0, minute = 0, second = 0] = match.slice(1, 7).map(Number);
    ms = Date.UTC(year, month - 1, day, hour, minute, second);
  } else {
    // No wall clock recorded: fall back to UTC, which is still independent of the building machine.
    ms = Math.floor(time.epochMs / 1000) * 1000;
  }
  return new Date(Number.isFinite(ms) ? Math.min(Math.max(ms, DOS_MIN_MS), DOS_MAX_MS) : DOS_MIN_MS);
}

// Upper bound of what one entry adds to the archive: local header, data descriptor, central-directory record and
// the data, DEFLATE's worst case included (zlib's deflateBound plus slack), so the 4 GiB check is safe up front.
function entryBound(nameBytes: number, dataBytes: number): number {
  return 30 + nameBytes + 16 + 46 + nameBytes + dataBytes + Math.ceil(dataBytes / 4096) + Math.ceil(dataBytes / 16384) + 64;
}

/** The same bytes typed as backed by an ArrayBuffer, as Blob parts require (copied only if shared memory). */
function blobPart(data: Uint8Array): Uint8Array<ArrayBuffer> {
  return data.buffer instanceof ArrayBuffer ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength) : new Uint8Array(data);
}

/**
 * Stands in for entries whose bytes are a stored Blob: JSZip is given zeros of the right length (views into one
 * buffer, never written to), and the output puts the Blob itself where those zeros come out. JSZip still writes
 * every header, descriptor and directory record around them; the bytes go from storage to the file by reference.
 */
class BlobStandIns {
  private zeros = new Uint8Array(0);
  private readonly buffers = new WeakSet<ArrayBufferLike>();
  private readonly blobs = new Map<string, Blob>();

  /** Zeros of `blob`'s length, to be written for the entry at `path`. */
  standIn(path: string, blob: Blob): Uint8Array {
    if (this.zeros.length < blob.size) {
      this.zeros = new Uint8Array(blob.size);
      this.buffers.add(this.zeros.buffer);
    }
    this.blobs.set(path, blob);
    return this.zeros.subarray(0, blob.size);
  }

  /** The Blob whose stand-in `chunk` is a piece of, if it is one. */
  blobOf(chunk: Uint8Array, path: string | null): Blob | undefined {
    return path !== null && this.buffers.has(chunk.buffer) ? this.blobs.get(path) : undefined;
  }

  /** The entry at `path` is written: its Blob is referenced by the output now. */
  done(path: string): void {
    this.blobs.delete(path);
  }
}

/** Collects generated chunks: a Blob where the platform has one (folded every {@link FOLD_BYTES}), else bytes. */
class ZipOutput {
  private pending: BlobPart[] = [];
  private pendingBytes = 0;
  private folded: Blob | null = null;
  private readonly useBlob = typeof Blob !== 'undefined';

  constructor(private readonly standIns: BlobStandIns) {}

  push(chunk: Uint8Array, path: string | null): void {
    const blob = this.standIns.blobOf(chunk, path);
    if (blob !== undefined) {
      // A stand-in comes out in one chunk (WholeDataWorker); anything else would put the wrong bytes in the zip.
      if (chunk.byteOffset !== 0 || chunk.length !== blob.size) {
        throw new Error(`entry ${path ?? '?'}: stand-in written in pieces`);
      }
      // A reference to the stored file's bytes, not a copy.
      this.pending.push(blob);
      return;
    }
    this.pending.push(blobPart(chunk));
    this.pendingBytes += chunk.length;
    // STOREd chunks are views into the capture's buffer; folding copies them out so that buffer can be freed.
    if (this.useBlob && this.pendingBytes >= FOLD_BYTES) {
      this.folded = new Blob(this.parts());
      this.pending = [];
      this.pendingBytes = 0;
    }
  }

  finish(): Blob | Uint8Array {
    if (!this.useBlob) {
      // Without Blobs there are no stored Blobs either: every part is bytes.
      const chunks = this.pending as Uint8Array[];
      const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
      let offset = 0;
      for (const chunk of chunks) {
        out.set(chunk, offset);
        offset += chunk.length;
      }
      return out;
    }
    const blob = new Blob(this.parts(), { type: 'application/zip' });
    this.pending = [];
    this.folded = null;
    return blob;
  }

  private parts(): BlobPart[] {
    return this.folded === null ? this.pending : [this.folded, ...this.pending];
  }
}

/** Bytes of an entry added with {@link PackZip.addDeferred} (or the stored Blob holding them), and their CRC-32. */
export interface DeferredBytes {
  data: StoredData;
  crc32: number;
}

/** The data if it has the announced length (the archive's bound and the manifest were computed from it). */
function sized<T extends StoredData>(data: T, size: number): T {
  if (storedSize(data) !== size) {
    throw new Error(`entry bytes: ${storedSize(data)} arrived, ${size} announced`);
  }
  return data;
}

/**
 * Emits its data as one chunk instead of 16 KiB ones, so a stand-in reaches the output whole (replaced there by
 * its Blob); JSZip's chunks of zeros nobody reads would only cost a scheduled task each (~6,400 per 100 MB).
 */
class WholeDataWorker extends DataWorker {
  protected override _tick(): boolean | undefined {
    if (this.isPaused || this.isFinished) {
      return false;
    }
    if (this.data === null || this.index >= this.max) {
      return this.end();
    }
    const chunk = this.data.subarray(this.index);
    this.index = this.max;
    this.push({ data: chunk, meta: { percent: 100 } });
    return undefined;
  }
}

/**
 * Raw DEFLATE by the platform's zlib (CompressionStream, in browsers and Node), or null where there is none (JSZip's
 * pako then deflates). Measured in the export page: pako, run cold once per export, spent ~100–140 ms of the
 * page's thread on ~200 KB of texts (verify.html alone is ~115 KB); native zlib takes a few milliseconds.
 */
const nativeDeflate: ((data: Uint8Array) => Promise<Uint8Array>) | null =
  typeof CompressionStream === 'function' && typeof Response === 'function'
    ? async (data) => new Uint8Array(await new Response(new Blob([blobPart(data)]).stream().pipeThrough(new CompressionStream('deflate-raw'))).arrayBuffer())
    : null;

/**
 * A DEFLATEd entry compressed by the platform's zlib: JSZip is handed it as already compressed, its CRC-32 and
 * compressed size set in the stream info when the deflated bytes are ready (JSZip reads them only after the data,
 * into the data descriptor and the central directory, as with {@link DeferredStoredEntry}).
 */
class NativeDeflatedEntry extends CompressedObject {
  constructor(
    private readonly size: number,
    private readonly load: () => Promise<Uint8Array>,
    private readonly deflate: (data: Uint8Array) => Promise<Uint8Array>,
  ) {
    super(0, size, 0, DEFLATE, new Uint8Array());
  }

  override getCompressedWorker(): DataWorker {
    const worker: DataWorker = new WholeDataWorker(
      this.load().then(async (data) => {
        const deflated = await this.deflate(sized(data, this.size));
        worker.withStreamInfo('crc32', crc32Of(data) >>> 0).withStreamInfo('compressedSize', deflated.length);
        return deflated;
      }),
    );
    return worker.withStreamInfo('compressedSize', 0).withStreamInfo('uncompressedSize', this.size).withStreamInfo('crc32', 0).withStreamInfo('compression', DEFLATE);
  }
}

/**
 * A STOREd entry whose bytes are asked for when the archive starts and may arrive while earlier entries are being
 * written. It is JSZip's own "already stored" entry (CompressedObject) fed by a promise, which JSZip's DataWorker
 * accepts; the CRC-32 is set in the stream info when the bytes arrive, before any of them is emitted. With
 * `streamFiles` JSZip writes CRC and sizes only after the data (data descriptor, central directory), so the local
 * header needs neither.
 */
class DeferredStoredEntry extends CompressedObject {
  constructor(
    private readonly size: number,
    private readonly load: () => Promise<DeferredBytes>,
    /** What JSZip is to write for a stored Blob (its stand-in). */
    private readonly standIn: (blob: Blob) => Uint8Array,
  ) {
    super(size, size, 0, STORE, new Uint8Array());
  }

  override getCompressedWorker(): DataWorker {
    const worker: DataWorker = new WholeDataWorker(
      this.load().then(({ data, crc32 }) => {
        worker.withStreamInfo('crc32', crc32 >>> 0);
        const checked = sized(data, this.size);
        return checked instanceof Uint8Array ? checked : this.standIn(checked);
      }),
    );
    return worker.withStreamInfo('compressedSize', this.size).withStreamInfo('uncompressedSize', this.size).withStreamInfo('crc32', 0).withStreamInfo('compression', STORE);
  }
}

/** A pack being assembled: add every entry in pack order, then {@link PackZip.generate} once. */
export class PackZip {
  private readonly zip = new JSZip();
  private readonly names = new Set<string>();
  private readonly standIns = new BlobStandIns();
  private boundBytes = EOCD_BYTES;

  /** Number of entries added so far. */
  get size(): number {
    return this.names.size;
  }

  /**
   * Adds one entry. JSZip keeps `data` referenced until the entry has been written by {@link PackZip.generate}, so
   * the caller must not reuse the buffer.
   */
  add(path: string, data: Uint8Array, options: PackZipEntryOptions): void {
    this.reserve(path, data.length);
    if (options.compress && nativeDeflate !== null && data.length > 0) {
      this.put(path, new NativeDeflatedEntry(data.length, () => Promise.resolve(data), nativeDeflate), options);
      return;
    }
    // Bytes whose CRC-32 is known go in as JSZip's own pre-checksummed entry (what it makes when reading a zip).
    const content = !options.compress && options.crc32 !== undefined ? new CompressedObject(data.length, data.length, options.crc32 >>> 0, STORE, data) : data;
    this.put(path, content, options);
  }

  /**
   * Adds an entry of `size` bytes that arrive later: `load` is called at the latest when {@link PackZip.generate}
   * starts (so it must not start reading by itself), and the archive waits for its promise only when it reaches
   * this entry; a rejection fails the archive there. STOREd entries take the CRC-32 given with the bytes; compressed
   * ones are checksummed by JSZip as it deflates them.
   */
  addDeferred(path: string, size: number, load: () => Promise<DeferredBytes>, options: Omit<PackZipEntryOptions, 'crc32'>): void {
    this.reserve(path, size);
    // Deflated entries need the bytes themselves; STOREd ones take a stored Blob by reference. Empty entries go in as
    // plain input (STOREd, as JSZip does with empty data given up front): JSZip would write a zero-length "already
    // stored" entry without asking for its content, and the bytes must still be awaited so a failed check fails.
    const bytes = async (): Promise<Uint8Array> => storedBytes(sized((await load()).data, size));
    const content =
      size === 0
        ? new DataWorker(bytes())
        : options.compress
          ? nativeDeflate !== null
            ? new NativeDeflatedEntry(size, bytes, nativeDeflate)
            : new DataWorker(bytes())
          : new DeferredStoredEntry(size, load, (blob) => this.standIns.standIn(path, blob));
    this.put(path, content, size === 0 ? { ...options, compress: false } : options);
  }

  private reserve(path: string, size: number): void {
    // JSZip would silently replace an entry of the same name; in a pack that is always a bug.
    if (this.names.has(path)) {
      throw new Error(`duplicate path in pack: ${path}`);
    }
    if (this.names.size >= MAX_ENTRIES) {
      throw new Error('pack has more than 65,535 files; export fewer cases at once');
    }
    const bound = this.boundBytes + entryBound(new TextEncoder().encode(path).length, size);
    if (bound > MAX_ZIP_BYTES) {
      throw new Error('pack would exceed 4 GiB; export fewer cases or captures at once');
    }
    this.boundBytes = bound;
    this.names.add(path);
  }

  // JSZip's file() also takes its own entry objects (lib/object.js), though its typings list only public inputs.
  private put(path: string, content: Uint8Array | CompressedObject | DataWorker, options: Omit<PackZipEntryOptions, 'crc32'>): void {
    this.zip.file(path, content as unknown as Uint8Array, {
      binary: true,
      compression: options.compress ? 'DEFLATE' : 'STORE',
      compressionOptions: options.compress ? { level: DEFLATE_LEVEL } : null,
      date: zipEntryDate(options.modified),
      // No directory entries: the pack lists files only, exactly the paths in the manifest.
      createFolders: false,
      dosPermissions: null,
      unixPermissions: null,
    });
  }

  /**
   * Writes the archive in the order entries were added and calls `onEntryWritten` with the path of each one. Each entry is
   * dropped from the JSZip object as soon as it is written, so its input buffer can be collected while the rest
   * is still being written (generation has already taken its own list of entries when it starts).
   */
  generate(onEntryWritten: (path: string) => void): Promise<Blob | Uint8Array> {
    return new Promise((resolve, reject) => {
      const output = new ZipOutput(this.standIns);
      let current: string | null = null;
      const entryDone = (): void => {
        if (current !== null) {
          const written = current;
          this.zip.remove(written);
          this.standIns.done(written);
          current = null;
          onEntryWritten(written);
        }
      };
      this.zip
        .generateInternalStream({
          type: 'uint8array',
          // Local headers carry CRC and sizes in a data descriptor after the data, so nothing is buffered per entry.
          streamFiles: true,
          compression: 'STORE',
          // Fixed so "version made by" and external attributes never depend on the building machine.
          platform: 'DOS',
          comment: '',
        })
        .on('data', (chunk, meta) => {
          // JSZip tags every chunk of an entry (header, data, descriptor) with its name, then null for the directory.
          if (meta.currentFile !== current) {
            entryDone();
            current = meta.currentFile;
          }
          output.push(chunk, meta.currentFile);
        })
        .on('error', (error) => {
          reject(error);
        })
        .on('end', () => {
          entryDone();
          resolve(output.finish());
        })
        .resume();
    });
  }
}
