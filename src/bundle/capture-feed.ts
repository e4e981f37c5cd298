/**
 * @module The capture bytes of a pack, delivered to the zip as it writes them. Storage is read a window of a few
 * megabytes at a time, in pack order, and never more than {@link READ_AHEAD_WINDOWS} windows beyond the one being
 * written: reading overlaps writing, and memory stays bounded however large the case. Each capture's bytes are
 * checked against the SHA-256 recorded at capture: before the zip may take them, or — for a stored Blob that the
 * zip takes by reference, when a Blob hasher is given — beside writing, the result in {@link CaptureFeed.allChecked}.
 */
import { crc32Of } from '@/src/shared/crc32';
import { sha256Hex } from '@/src/shared/hash';
import { storedBytes, storedSize, type StoredData } from '@/src/store/records';

/** One capture's stored bytes, as a reader returns them. */
export interface StoredBytes {
  /** The bytes, or the stored Blob holding them (which the zip takes by reference). */
  data: StoredData;
  /** CRC-32 recorded when the bytes were stored (null if stored before it was recorded: computed here then). */
  crc32: number | null;
  /** SHA-256 of `data` if the reader already computed it; otherwise it is computed here (or by the Blob hasher). */
  sha256?: string;
}

/** A capture's stored bytes are not what was recorded at capture (damaged or changed since): no pack is made. */
export class StoredBytesMismatchError extends Error {
  constructor(
    readonly captureId: string,
    message: string,
  ) {
    super(message);
    this.name = 'StoredBytesMismatchError';
  }
}

/** Reads stored bytes by SHA-256, in the order asked, for one window; a missing blob rejects. */
export type BlobsReader = (sha256s: readonly string[]) => Promise<StoredBytes[]>;

/**
 * Computes the SHA-256 of a stored Blob's bytes (the export page does it on workers, or takes the hash its check
 * of the stored bytes computed minutes before from the bytes stored under `recordedSha256`, their key).
 */
export type BlobHasher = (blob: Blob, recordedSha256: string) => Promise<string>;

/** Checked bytes of one capture and their CRC-32, as the zip entry takes them. */
export interface CheckedBytes {
  data: StoredData;
  crc32: number;
}

/** What the feed needs of a capture record. */
export interface FeedCapture {
  id: string;
  sha256: string;
  bytes: number;
}

/** Time spent, in milliseconds. */
export interface FeedTimings {
  /** Wall time with a storage read in flight. */
  readMs: number;
  /** Main-thread hashing, when the reader did not hash. */
  verifyMs: number;
}

// Bytes per storage read: one transaction reads a window ~4× faster than one read per capture.
export const READ_WINDOW_BYTES = 16 * 1024 * 1024;
const READ_WINDOW_MAX = 64;
// The window being written plus the next two, read meanwhile: two reads in flight keep the reader busy while it
// hands one window over (a worker reader hashes one window while storage fetches the next).
const READ_AHEAD_WINDOWS = 3;
const READS_IN_FLIGHT = 2;

/** Consecutive runs of about {@link READ_WINDOW_BYTES} each (always at least one item), as index ranges. */
export function readWindows(captures: readonly { bytes: number }[]): { from: number; to: number }[] {
  const windows: { from: number; to: number }[] = [];
  let from = 0;
  let bytes = 0;
  for (const [i, capture] of captures.entries()) {
    if (i > from && (bytes + capture.bytes > READ_WINDOW_BYTES || i - from >= READ_WINDOW_MAX)) {
      windows.push({ from, to: i });
      from = i;
      bytes = 0;
    }
    bytes += capture.bytes;
  }
  if (captures.length > from) {
    windows.push({ from, to: captures.length });
  }
  return windows;
}

interface Deferred {
  promise: Promise<CheckedBytes>;
  resolve: (bytes: CheckedBytes) => void;
  reject: (error: unknown) => void;
}

/**
 * Captures in the order the zip writes them. {@link CaptureFeed.bytesOf} may be asked for every capture at once
 * (JSZip sets up all entries when it starts); reading is driven by {@link CaptureFeed.written}.
 */
export class CaptureFeed {
  private readonly windows: { from: number; to: number }[];
  private readonly windowOf: number[] = [];
  // Dropped once written, so the promise no longer keeps the bytes alive.
  private readonly deferred: (Deferred | undefined)[];
  private nextWindow = 0;
  private reading = 0;
  private readingSince = 0;
  private writtenWindows = 0;
  private readonly writtenInWindow: number[];
  private failed = false;
  // Checks of Blobs handed to the zip before their hash was known, in pack order.
  private readonly laterChecks: Promise<void>[] = [];
  readonly timings: FeedTimings = { readMs: 0, verifyMs: 0 };

  constructor(
    private readonly captures: readonly FeedCapture[],
    private readonly read: BlobsReader,
    /** Called once per capture when its bytes have been read and checked. */
    private readonly onChecked: () => void = () => undefined,
    /** Hashes stored Blobs off this thread; with it, a Blob goes to the zip at once and is checked meanwhile. */
    private readonly hashBlob?: BlobHasher,
  ) {
    this.windows = readWindows(captures);
    for (const [w, { from, to }] of this.windows.entries()) {
      for (let i = from; i < to; i++) {
        this.windowOf[i] = w;
      }
    }
    this.writtenInWindow = this.windows.map(() => 0);
    this.deferred = captures.map(() => {
      let resolve!: (bytes: CheckedBytes) => void;
      let reject!: (error: unknown) => void;
      const promise = new Promise<CheckedBytes>((res, rej) => {
        resolve = res;
        reject = rej;
      });
      // Whoever asks handles it; a capture the zip never reached (an earlier failure) must not be reported unhandled.
      promise.catch(() => undefined);
      return { promise, resolve, reject };
    });
  }

  /** Starts reading the first windows. */
  start(): void {
    this.pump();
  }

  /** The checked bytes of capture `index` (in the order given), once read. */
  bytesOf(index: number): Promise<CheckedBytes> {
    const d = this.deferred[index];
    return d === undefined ? Promise.reject(new Error(`no capture ${index} in this pack`)) : d.promise;
  }

  /**
   * Once the zip has taken every capture: resolves when each capture handed over before its check has matched
   * its recorded SHA-256, or rejects with the {@link StoredBytesMismatchError} (or read error) of the first in pack
   * order that did not.
   */
  async allChecked(): Promise<void> {
    const results = await Promise.allSettled(this.laterChecks);
    const failure = results.find((r) => r.status === 'rejected');
    if (failure !== undefined) {
      throw failure.reason;
    }
  }

  /** Capture `index` has been written into the zip: its window's bytes may go, the next window may be read. */
  written(index: number): void {
    const w = this.windowOf[index];
    if (w === undefined) {
      return;
    }
    this.deferred[index] = undefined;
    this.writtenInWindow[w] = (this.writtenInWindow[w] ?? 0) + 1;
    while (this.writtenWindows < this.windows.length && this.writtenInWindow[this.writtenWindows] === this.windowSize(this.writtenWindows)) {
      this.writtenWindows++;
    }
    this.pump();
  }

  private windowSize(w: number): number {
    const span = this.windows[w];
    return span === undefined ? 0 : span.to - span.from;
  }

  private pump(): void {
    while (this.reading < READS_IN_FLIGHT && !this.failed && this.nextWindow < this.windows.length && this.nextWindow < this.writtenWindows + READ_AHEAD_WINDOWS) {
      this.readWindow(this.nextWindow++);
    }
  }

  private readStarted(): void {
    if (this.reading++ === 0) {
      this.readingSince = performance.now();
    }
  }

  private readEnded(): void {
    if (--this.reading === 0) {
      this.timings.readMs += performance.now() - this.readingSince;
    }
  }

  private readWindow(w: number): void {
    const span = this.windows[w];
    if (span === undefined) {
      return;
    }
    this.readStarted();
    const wanted = this.captures.slice(span.from, span.to);
    void this.read(wanted.map((c) => c.sha256))
      .then(
        (stored) => {
          this.readEnded();
          return this.deliver(span.from, wanted, stored);
        },
        (error: unknown) => {
          this.readEnded();
          throw error;
        },
      )
      .catch((error: unknown) => {
        // A failed read fails this window and every later one: the zip stops at the first of them.
        this.failed = true;
        for (let i = span.from; i < this.captures.length; i++) {
          this.deferred[i]?.reject(error);
        }
      });
  }

  /** Checks a window's bytes and hands each capture's to whoever waits for it. */
  private async deliver(from: number, wanted: readonly FeedCapture[], stored: readonly StoredBytes[]): Promise<void> {
    if (stored.length !== wanted.length) {
      throw new Error(`storage returned ${stored.length} of ${wanted.length} captures`);
    }
    // The next window is read while this one is checked and written.
    this.pump();
    for (const [k, capture] of wanted.entries()) {
      const d = this.deferred[from + k];
      const item = stored[k] as StoredBytes;
      try {
        if (this.hashBlob !== undefined && item.data instanceof Blob && item.sha256 === undefined && item.crc32 !== null) {
          d?.resolve(this.handOverUnchecked(capture, item.data, item.crc32, this.hashBlob));
        } else {
          d?.resolve(await this.check(capture, item));
          this.onChecked();
        }
      } catch (error) {
        d?.reject(error);
      }
    }
  }

  /**
   * Gives the zip a stored Blob whose size matches (its CRC-32 is recorded), and hashes it meanwhile: the zip
   * only refers to the Blob, so reading it first would double the bytes read (see {@link CaptureFeed.allChecked}).
   */
  private handOverUnchecked(capture: FeedCapture, blob: Blob, crc32: number, hashBlob: BlobHasher): CheckedBytes {
    this.checkSize(capture, blob.size);
    const check = hashBlob(blob, capture.sha256).then((actual) => {
      this.checkHash(capture, actual);
      this.onChecked();
    });
    // Reported through allChecked(), in pack order.
    check.catch(() => undefined);
    this.laterChecks.push(check);
    return { data: blob, crc32 };
  }

  private checkHash(capture: FeedCapture, actual: string): void {
    if (actual !== capture.sha256) {
      throw new StoredBytesMismatchError(capture.id, `capture ${capture.id}: stored bytes do not match the SHA-256 recorded at capture (${capture.sha256})`);
    }
  }

  private checkSize(capture: FeedCapture, size: number): void {
    if (size !== capture.bytes) {
      throw new StoredBytesMismatchError(capture.id, `capture ${capture.id}: ${size} bytes stored, ${capture.bytes} recorded`);
    }
  }

  private async check(capture: FeedCapture, item: StoredBytes): Promise<CheckedBytes> {
    let actual = item.sha256;
    if (actual === undefined) {
      const started = performance.now();
      actual = await sha256Hex(item.data);
      this.timings.verifyMs += performance.now() - started;
    }
    this.checkHash(capture, actual);
    this.checkSize(capture, storedSize(item.data));
    return { data: item.data, crc32: item.crc32 ?? crc32Of(await storedBytes(item.data)) };
  }
}
