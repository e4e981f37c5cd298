import { describe, expect, it } from 'vitest';
import { BackupZipError, BackupZipReader, BackupZipWriter } from '@/src/backup/zip';

const TEXT = new TextEncoder().encode('订单号 K8QW2M7ZP4XR9T1A\n'.repeat(2000));
const BYTES = Uint8Array.from({ length: 70_000 }, (_, i) => (i * 2654435761) >>> 24);

async function written(): Promise<Uint8Array> {
  const writer = new BackupZipWriter(new Date(Date.UTC(2026, 10, 22, 9, 30, 0)));
  writer.add('records/cases-00001.jsonl', TEXT, true);
  writer.add('blobs/abc', BYTES, false);
  return new Uint8Array(await (await writer.finish()).arrayBuffer());
}

/** Offset of `needle` in `haystack` (the stored entry's bytes appear verbatim in the archive). */
function indexOf(haystack: Uint8Array, needle: Uint8Array): number {
  outer: for (let i = 0; i + needle.length <= haystack.length; i++) {
    for (let j = 0; j < needle.length; j++) {
      if (haystack[i + j] !== needle[j]) {
        continue outer;
      }
    }
    return i;
  }
  return -1;
}

describe('backup zip container', () => {
  it('reads back what it wrote; text is compressed, bytes stored', async () => {
    const bytes = await written();
    const reader = await BackupZipReader.open(new Blob([new Uint8Array(bytes)]));
    expect(reader.names()).toEqual(['records/cases-00001.jsonl', 'blobs/abc']);
    expect(reader.has('blobs/abc')).toBe(true);
    expect(reader.has('blobs/missing')).toBe(false);
    expect(await reader.read('records/cases-00001.jsonl')).toEqual(TEXT);
    expect(await reader.read('blobs/abc')).toEqual(BYTES);
    expect(bytes.length).toBeLessThan(TEXT.length + BYTES.length);
    await expect(reader.read('blobs/missing')).rejects.toMatchObject({ code: 'missing-entry' });
  });

  it('refuses a file cut anywhere and a file that is not a zip', async () => {
    const bytes = await written();
    for (const cut of [10, bytes.length / 2, bytes.length - 1]) {
      await expect(BackupZipReader.open(new Blob([bytes.slice(0, Math.floor(cut))]))).rejects.toBeInstanceOf(BackupZipError);
    }
    await expect(BackupZipReader.open(new Blob([new TextEncoder().encode('not a zip at all, just words')]))).rejects.toBeInstanceOf(BackupZipError);
  });

  it('catches a changed byte inside a stored entry by its CRC-32', async () => {
    const bytes = await written();
    const at = indexOf(bytes, BYTES.subarray(0, 64));
    expect(at).toBeGreaterThan(0);
    const patched = bytes.slice();
    patched[at + 1000] = (patched[at + 1000] ?? 0) ^ 0xff;
    await expect(BackupZipReader.open(new Blob([patched]))).rejects.toMatchObject({ code: 'bad-entry' });
  });

  it('refuses the same entry twice', () => {
    const writer = new BackupZipWriter(new Date(0));
    writer.add('a', TEXT, true);
    expect(() => writer.add('a', TEXT, true)).toThrow(/duplicate/);
  });
});
