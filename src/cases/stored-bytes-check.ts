/**
 * @module Checks the stored bytes of the chosen cases' captures against the SHA-256 recorded at capture as soon as
 * the export page opens, while the user reads it and picks the demand. The page shows the outcome before anyone
 * clicks (an altered capture is named up front), and an export started soon after takes these hashes instead of
 * reading every capture a second time: on a 2-core machine that second read, beside the browser writing the file,
 * was about half of an export's time. Pure: storage, hashing and the clock come in as parameters.
 */
import { readWindows, type BlobsReader } from '@/src/bundle/capture-feed';
import { sha256Hex } from '@/src/shared/hash';

/**
 * How long a check stays good for an export. An export within it takes the hashes computed here; a page left open
 * longer has its captures hashed again while the pack is written, so "checked" always means "shortly before".
 */
export const CHECK_REUSE_MS = 10 * 60_000;

/** What the check needs of a capture record. */
export interface CheckedCapture {
  id: string;
  sha256: string;
  bytes: number;
}

/** A stored file's SHA-256 as computed from its bytes, and its size. */
type Measured = { sha256: string; size: number };

/** Where the check stands, for the page to show. */
export interface StoredCheckState {
  /** Distinct stored files (captures sharing bytes are one file). */
  total: number;
  checked: number;
  /** Captures whose stored bytes differ from what was recorded at capture (hash or size). */
  altered: string[];
  /** Captures whose stored bytes could not be read (missing or unreadable). */
  unreadable: string[];
}

export interface StoredBytesCheck {
  /**
   * The SHA-256 this check computed from the bytes stored under `sha256` (their recorded hash, which is also their
   * key), if it started at most {@link CHECK_REUSE_MS} ago; rejects if they could not be read. Undefined otherwise:
   * the caller hashes them itself.
   */
  hashOf: (sha256: string) => Promise<string> | undefined;
  /** Settles with the final state once every file is checked (never rejects). */
  done: Promise<StoredCheckState>;
}

export interface StoredBytesCheckInput {
  captures: readonly CheckedCapture[];
  readBlobs: BlobsReader;
  /** Hashes a stored Blob (the export page's workers). Bytes stored by earlier builds as arrays are hashed here. */
  hashBlob: (blob: Blob) => Promise<string>;
  onProgress?: (state: StoredCheckState) => void;
  now?: () => number;
}

/** Starts checking every distinct stored file of `captures`, in their order. */
export function checkStoredBytes({ captures, readBlobs, hashBlob, onProgress, now = Date.now }: StoredBytesCheckInput): StoredBytesCheck {
  const startedAtMs = now();
  const files = [...new Map(captures.map((c) => [c.sha256, c])).values()];
  const state: StoredCheckState = { total: files.length, checked: 0, altered: [], unreadable: [] };
  const report = (): void => onProgress?.({ ...state, altered: [...state.altered], unreadable: [...state.unreadable] });
  // The captures (ids) stored under each file, so a finding names every capture it concerns.
  const idsOf = (sha256: string): string[] => captures.filter((c) => c.sha256 === sha256).map((c) => c.id);

  // Every file's hash is promised from the start, so an export clicked before the check reaches a file waits for
  // this check instead of reading the file a second time.
  const entries = files.map((file) => {
    let settle: (measured: Promise<Measured>) => void = () => undefined;
    const measured = new Promise<Measured>((resolve) => {
      settle = resolve;
    });
    const hash = measured.then((m) => m.sha256);
    // Read by hashOf() or not at all: a rejection is counted in `unreadable` below, never left unhandled.
    hash.catch(() => undefined);
    return { file, measured, hash, settle };
  });
  const byKey = new Map(entries.map((e) => [e.file.sha256, e]));
  const counted = entries.map(async ({ file, measured }) => {
    try {
      const { sha256, size } = await measured;
      if (sha256 !== file.sha256 || size !== file.bytes) {
        state.altered.push(...idsOf(file.sha256));
      }
    } catch {
      state.unreadable.push(...idsOf(file.sha256));
    }
    state.checked += 1;
    report();
  });

  const measure = (data: Blob | Uint8Array): Promise<Measured> =>
    data instanceof Blob ? hashBlob(data).then((sha256) => ({ sha256, size: data.size })) : sha256Hex(data).then((sha256) => ({ sha256, size: data.byteLength }));

  const run = async (): Promise<void> => {
    // Windows of a few megabytes: Blobs come back as references, but bytes stored by earlier builds come whole.
    for (const { from, to } of readWindows(files)) {
      const window = entries.slice(from, to);
      // One missing file fails the whole window's read: its files are then read one by one to name the missing.
      const stored = await readBlobs(window.map((e) => e.file.sha256)).catch(() => null);
      for (const [k, { file, settle }] of window.entries()) {
        const one = stored?.[k] ?? (await readBlobs([file.sha256]).then((r) => r[0]).catch(() => undefined));
        settle(one === undefined ? Promise.reject(new Error(`stored bytes missing for ${file.sha256}`)) : measure(one.data));
      }
    }
  };

  report();
  return {
    hashOf: (sha256) => (now() - startedAtMs <= CHECK_REUSE_MS ? byKey.get(sha256)?.hash : undefined),
    done: run()
      .catch((error: unknown) => {
        // Whatever stopped the run leaves no file waiting forever: the ones not reached count as unreadable.
        for (const { settle } of entries) {
          settle(Promise.reject(error instanceof Error ? error : new Error(String(error))));
        }
      })
      .then(async () => {
        await Promise.all(counted);
        return state;
      }),
  };
}
