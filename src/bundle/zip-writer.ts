/**
 * @module A small streaming ZIP writer (PKWARE APPNOTE 6.3): entries are appended one at a time and their
 * bytes can be dropped right after, so a 500 MB case never sits in memory as inputs. Images are STOREd,
 * text is DEFLATEd with the platform's CompressionStream; dates come from the caller, so output is
 * deterministic. No ZIP64: a pack over 4 GiB or 65,535 entries is refused with a clear error.
 */

/** When an entry was last modified: the wall-clock ISO time (DOS fields) and the absolute instant (UTC extra field). */
export interface ZipTime {
  iso: string;
  epochMs: number;
}

/** One file to append. */
export interface ZipEntry {
  path: string;
  data: Uint8Array;
  /** DEFLATE when true (kept STOREd anyway if compression does not help or is unavailable). */
  compress: boolean;
  modified: ZipTime;
}

// Slicing-by-8 tables (8 × 256 entries, table k at offset k·256): eight bytes per step instead of one, which
// makes CRC-32 several times faster than the textbook byte loop on multi-megabyte screenshots.
const CRC_TABLES = ((): Uint32Array => {
  const t = new Uint32Array(8 * 256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) {
      c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    }
    t[n] = c >>> 0;
  }
  for (let n = 0; n < 256; n++) {
    for (let k = 1; k < 8; k++) {
      const prev = t[(k - 1) * 256 + n] ?? 0;
      t[k * 256 + n] = (prev >>> 8) ^ (t[prev & 0xff] ?? 0);
    }
  }
  return t;
})();

/** CRC-32 (ISO-HDLC, the ZIP checksum) of bytes. */
export function crc32(data: Uint8Array): number {
  const t = CRC_TABLES;
  let crc = 0xffffffff;
  let i = 0;
  const end8 = data.length - (data.length % 8);
  for (; i < end8; i += 8) {
    const a = ((data[i] ?? 0) | ((data[i + 1] ?? 0) << 8) | ((data[i + 2] ?? 0) << 16) | ((data[i + 3] ?? 0) << 24)) ^ crc;
    const b = (data[i + 4] ?? 0) | ((data[i + 5] ?? 0) << 8) | ((data[i + 6] ?? 0) << 16) | ((data[i + 7] ?? 0) << 24);
    crc =
      (t[1792 + (a & 0xff)] ?? 0) ^
      (t[1536 + ((a >>> 8) & 0xff)] ?? 0) ^
      (t[1280 + ((a >>> 16) & 0xff)] ?? 0) ^
      (t[1024 + (a >>> 24)] ?? 0) ^
      (t[768 + (b & 0xff)] ?? 0) ^
      (t[512 + ((b >>> 8) & 0xff)] ?? 0) ^
      (t[256 + ((b >>> 16) & 0xff)] ?? 0) ^
      (t[b >>> 24] ?? 0);
  }
  for (; i < data.length; i++) {
    crc = (t[(crc ^ (data[i] ?? 0)) & 0xff] ?? 0) ^ (crc >>> 8);
  }
  return (crc ^ 0xffffffff) >>> 0;
}

/** Raw DEFLATE via CompressionStream, or null where the platform lacks `deflate-raw`. */
export async function deflateRaw(data: Uint8Array): Promise<Uint8Array | null> {
  let stream: CompressionStream;
  try {
    stream = new CompressionStream('deflate-raw');
  } catch {
    return null;
  }
  const writer = stream.writable.getWriter();
  // Write and read concurrently: awaiting the write first would deadlock on backpressure for large inputs.
  const writing = writer.write(toArrayBufferView(data)).then(() => writer.close());
  const reader = stream.readable.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) {
      break;
    }
    chunks.push(value);
    total += value.length;
  }
  await writing;
  return concatBytes(chunks, total);
}

/** Concatenates byte chunks. */
export function concatBytes(chunks: readonly Uint8Array[], total = chunks.reduce((n, c) => n + c.length, 0)): Uint8Array {
  const out = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}

/** The same bytes typed as backed by an ArrayBuffer, as Blob and streams require (copied if shared). */
export function toArrayBufferView(data: Uint8Array): Uint8Array<ArrayBuffer> {
  if (data.buffer instanceof ArrayBuffer) {
    return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  }
  return new Uint8Array(data);
}

function dosDateTime(time: ZipTime): { date: number; time: number } {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})/.exec(time.iso);
  const d = new Date(time.epochMs);
  const parts = m
    ? m.slice(1, 7).map(Number)
    : [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds()];
  const [year = 1980, month = 1, day = 1, hour = 0, minute = 0, second = 0] = parts;
  if (year < 1980) {
    return { date: (1 << 5) | 1, time: 0 };
  }
  return {
    date: ((Math.min(year, 2107) - 1980) << 9) | (month << 5) | day,
    time: (hour << 11) | (minute << 5) | (second >> 1),
  };
}

// Info-ZIP extended timestamp (0x5455) carries the UTC modification time that DOS fields cannot express.
function timestampExtra(time: ZipTime): Uint8Array {
  const out = new Uint8Array(9);
  const view = new DataView(out.buffer);
  view.setUint16(0, 0x5455, true);
  view.setUint16(2, 5, true);
  out[4] = 1;
  view.setUint32(5, Math.min(Math.max(Math.floor(time.epochMs / 1000), 0), 0x7fffffff), true);
  return out;
}

const MAX_32 = 0xffffffff;
// Fold buffered chunks into a Blob every so often: browsers may keep large Blobs on disk instead of the heap.
const FOLD_BYTES = 32 * 1024 * 1024;

/** Builds a ZIP archive entry by entry; call {@link ZipWriter.finish} once at the end. */
export class ZipWriter {
  private pending: Uint8Array<ArrayBuffer>[] = [];
  private pendingBytes = 0;
  private folded: Blob | null = null;
  private offset = 0;
  private readonly central: Uint8Array<ArrayBuffer>[] = [];
  private centralBytes = 0;
  private readonly names = new Set<string>();

  /** Appends one file. */
  async add(entry: ZipEntry): Promise<void> {
    if (this.names.has(entry.path)) {
      throw new Error(`duplicate path in pack: ${entry.path}`);
    }
    this.names.add(entry.path);
    if (this.central.length >= 0xffff) {
      throw new Error('pack has more than 65,535 files; export fewer cases at once');
    }
    const crc = crc32(entry.data);
    let method = 0;
    let stored: Uint8Array = entry.data;
    if (entry.compress && entry.data.length > 0) {
      const deflated = await deflateRaw(entry.data);
      if (deflated !== null && deflated.length < entry.data.length) {
        method = 8;
        stored = deflated;
      }
    }
    if (entry.data.length > MAX_32 || this.offset + stored.length + 1024 > MAX_32) {
      throw new Error('pack would exceed 4 GiB; export fewer cases or captures at once');
    }
    const name = new TextEncoder().encode(entry.path);
    const { date, time } = dosDateTime(entry.modified);
    const extra = timestampExtra(entry.modified);
    // General purpose flag bit 11: names are UTF-8 (they are ASCII, but say so explicitly).
    const flags = 0x0800;

    const local = new Uint8Array(30 + name.length + extra.length);
    const lv = new DataView(local.buffer);
    lv.setUint32(0, 0x04034b50, true);
    lv.setUint16(4, 20, true);
    lv.setUint16(6, flags, true);
    lv.setUint16(8, method, true);
    lv.setUint16(10, time, true);
    lv.setUint16(12, date, true);
    lv.setUint32(14, crc, true);
    lv.setUint32(18, stored.length, true);
    lv.setUint32(22, entry.data.length, true);
    lv.setUint16(26, name.length, true);
    lv.setUint16(28, extra.length, true);
    local.set(name, 30);
    local.set(extra, 30 + name.length);

    const header = new Uint8Array(46 + name.length + extra.length);
    const cv = new DataView(header.buffer);
    cv.setUint32(0, 0x02014b50, true);
    cv.setUint16(4, 20, true);
    cv.setUint16(6, 20, true);
    cv.setUint16(8, flags, true);
    cv.setUint16(10, method, true);
    cv.setUint16(12, time, true);
    cv.setUint16(14, date, true);
    cv.setUint32(16, crc, true);
    cv.setUint32(20, stored.length, true);
    cv.setUint32(24, entry.data.length, true);
    cv.setUint16(28, name.length, true);
    cv.setUint16(30, extra.length, true);
    // comment length, disk number, internal and external attributes stay 0.
    cv.setUint32(42, this.offset, true);
    header.set(name, 46);
    header.set(extra, 46 + name.length);
    this.central.push(header);
    this.centralBytes += header.length;

    this.push(local);
    this.push(toArrayBufferView(stored));
  }

  /** Number of entries added so far. */
  get size(): number {
    return this.central.length;
  }

  /** Writes the central directory and returns the archive (a Blob where the platform has one). */
  finish(): Blob | Uint8Array {
    const cdOffset = this.offset;
    for (const header of this.central) {
      this.push(header);
    }
    const end = new Uint8Array(22);
    const ev = new DataView(end.buffer);
    ev.setUint32(0, 0x06054b50, true);
    ev.setUint16(8, this.central.length, true);
    ev.setUint16(10, this.central.length, true);
    ev.setUint32(12, this.centralBytes, true);
    ev.setUint32(16, cdOffset, true);
    this.push(end);
    if (typeof Blob === 'undefined') {
      return concatBytes(this.pending);
    }
    const blob = new Blob(this.folded === null ? this.pending : [this.folded, ...this.pending], { type: 'application/zip' });
    this.pending = [];
    this.folded = null;
    return blob;
  }

  private push(chunk: Uint8Array<ArrayBuffer>): void {
    this.pending.push(chunk);
    this.pendingBytes += chunk.length;
    this.offset += chunk.length;
    if (this.pendingBytes >= FOLD_BYTES && typeof Blob !== 'undefined') {
      this.folded = new Blob(this.folded === null ? this.pending : [this.folded, ...this.pending]);
      this.pending = [];
      this.pendingBytes = 0;
    }
  }
}
