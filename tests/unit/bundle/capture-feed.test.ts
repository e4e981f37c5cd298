import { describe, expect, it } from 'vitest';
import { CaptureFeed, readWindows, READ_WINDOW_BYTES, StoredBytesMismatchError, type StoredBytes } from '@/src/bundle/capture-feed';
import { crc32Of } from '@/src/shared/crc32';
import { sha256Hex } from '@/src/shared/hash';

const MB = 1024 * 1024;

/** Captures of the given sizes whose stored bytes are all zero; the reader says their hash, as the worker reader does. */
async function zeroCaptures(sizes: readonly number[]): Promise<{ id: string; sha256: string; bytes: number }[]> {
  const hashes = new Map<number, string>();
  for (const size of new Set(sizes)) {
    hashes.set(size, await sha256Hex(new Uint8Array(size)));
  }
  return sizes.map((bytes, i) => ({ id: `cap-${i}`, sha256: hashes.get(bytes) ?? '', bytes }));
}

const tick = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

describe('capture feed', () => {
  it('splits captures into windows of about 16 MB, a large capture alone', () => {
    expect(readWindows([{ bytes: 10 * MB }, { bytes: 10 * MB }, { bytes: 1 }])).toEqual([
      { from: 0, to: 1 },
      { from: 1, to: 3 },
    ]);
    expect(readWindows([{ bytes: 40 * MB }, { bytes: 1 }, { bytes: 1 }])).toEqual([
      { from: 0, to: 1 },
      { from: 1, to: 3 },
    ]);
    expect(readWindows(Array.from({ length: 70 }, () => ({ bytes: 1 }))).map((w) => w.to - w.from)).toEqual([64, 6]);
    expect(readWindows([])).toEqual([]);
    expect(READ_WINDOW_BYTES).toBe(16 * MB);
  });

  it('reads two windows at a time, at most three ahead of what was written, and lets written bytes go', async () => {
    const captures = await zeroCaptures([10 * MB, 10 * MB, 10 * MB, 10 * MB, 10 * MB]);
    const reads: string[][] = [];
    let inFlight = 0;
    let maxInFlight = 0;
    const feed = new CaptureFeed(captures, async (shas) => {
      reads.push([...shas]);
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      await tick();
      inFlight--;
      return shas.map((sha256) => ({ data: new Uint8Array(10 * MB), crc32: 7, sha256 }));
    });
    // The zip asks for every entry when it starts.
    const all = captures.map((_, i) => feed.bytesOf(i));
    feed.start();
    for (let i = 0; i < 5; i++) {
      await tick();
    }
    // Windows 0, 1 and 2 are read, two at a time; window 3 waits until window 0 has been written.
    expect(reads.length).toBe(3);
    expect(maxInFlight).toBe(2);
    expect(await all[0]).toMatchObject({ crc32: 7 });
    feed.written(0);
    for (let i = 0; i < 5; i++) {
      await tick();
    }
    expect(reads.length).toBe(4);
    for (let i = 1; i < 5; i++) {
      expect((await all[i])?.data).toHaveLength(10 * MB);
      feed.written(i);
      await tick();
    }
    expect(reads.length).toBe(5);
    // A written capture's bytes are no longer held by the feed.
    await expect(feed.bytesOf(0)).rejects.toThrow(/no capture 0/);
  });

  it('hashes and checksums bytes the reader did not, and refuses bytes that do not match the record', async () => {
    const good = new TextEncoder().encode('截图');
    const captures = [
      { id: 'good', sha256: await sha256Hex(good), bytes: good.length },
      { id: 'changed', sha256: await sha256Hex(good), bytes: good.length },
      { id: 'short', sha256: await sha256Hex(good), bytes: good.length + 1 },
    ];
    const stored: StoredBytes[] = [
      { data: good, crc32: null },
      { data: new TextEncoder().encode('截屏'), crc32: null },
      { data: good, crc32: null },
    ];
    let checked = 0;
    const feed = new CaptureFeed(captures, () => Promise.resolve(stored), () => checked++);
    feed.start();
    expect(await feed.bytesOf(0)).toEqual({ data: good, crc32: crc32Of(good) });
    await expect(feed.bytesOf(1)).rejects.toThrow(/capture changed: stored bytes do not match the SHA-256 recorded at capture/);
    await expect(feed.bytesOf(1)).rejects.toBeInstanceOf(StoredBytesMismatchError);
    await expect(feed.bytesOf(2)).rejects.toThrow(/capture short: 6 bytes stored, 7 recorded/);
    expect(checked).toBe(1);
    expect(feed.timings.verifyMs).toBeGreaterThanOrEqual(0);
  });

  it('hands stored Blobs to the zip before their hash is known and reports the first mismatch in pack order', async () => {
    const good = new TextEncoder().encode('截图');
    const bad = new TextEncoder().encode('截屏');
    const sha = await sha256Hex(good);
    const captures = [
      { id: 'first', sha256: sha, bytes: good.length },
      { id: 'changed', sha256: sha, bytes: good.length },
      { id: 'also-changed', sha256: sha, bytes: good.length },
      { id: 'short', sha256: sha, bytes: good.length + 1 },
      { id: 'legacy', sha256: sha, bytes: good.length },
    ];
    const blobs = [good, bad, bad, good].map((bytes) => new Blob([bytes]));
    const stored: StoredBytes[] = [...blobs.map((data) => ({ data, crc32: 7 })), { data: good, crc32: null }];
    // Hashes answer only when released, the later mismatch first: delivery must not wait for them.
    const releases: (() => void)[] = [];
    const hashBlob = (blob: Blob): Promise<string> =>
      new Promise((resolve) => {
        releases.push(() => void blob.arrayBuffer().then(async (buf) => resolve(await sha256Hex(new Uint8Array(buf)))));
      });
    let checked = 0;
    const feed = new CaptureFeed(captures, () => Promise.resolve(stored), () => checked++, hashBlob);
    feed.start();
    expect(await feed.bytesOf(0)).toEqual({ data: blobs[0], crc32: 7 });
    expect(await feed.bytesOf(1)).toEqual({ data: blobs[1], crc32: 7 });
    // The size is known without reading: a wrong one still fails the entry itself.
    await expect(feed.bytesOf(3)).rejects.toThrow(/capture short: 6 bytes stored, 7 recorded/);
    // Bytes from an earlier build (no Blob, no CRC-32) are checked before the zip takes them, as before.
    expect(await feed.bytesOf(4)).toEqual({ data: good, crc32: crc32Of(good) });
    expect(checked).toBe(1);
    expect(releases).toHaveLength(3);
    const verdict = feed.allChecked();
    for (const release of releases.reverse()) {
      release();
    }
    await expect(verdict).rejects.toThrow(/capture changed: stored bytes do not match the SHA-256 recorded at capture/);
    await expect(verdict).rejects.toBeInstanceOf(StoredBytesMismatchError);
    expect(checked).toBe(2);
  });

  it('fails the window that could not be read and every later one, and reads no further', async () => {
    const captures = await zeroCaptures([10 * MB, 10 * MB, 10 * MB, 10 * MB, 10 * MB]);
    let reads = 0;
    const feed = new CaptureFeed(captures, (shas) => {
      reads++;
      return reads === 2 ? Promise.reject(new Error('disk gone')) : Promise.resolve(shas.map((sha256) => ({ data: new Uint8Array(10 * MB), crc32: 1, sha256 })));
    });
    const all = captures.map((_, i) => feed.bytesOf(i));
    feed.start();
    await expect(all[0]).resolves.toBeDefined();
    for (const later of all.slice(1)) {
      await expect(later).rejects.toThrow('disk gone');
    }
    const readsAtFailure = reads;
    feed.written(0);
    await tick();
    expect(reads).toBe(readsAtFailure);
  });
});
