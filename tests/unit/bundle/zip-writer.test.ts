import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { crc32, ZipWriter } from '@/src/bundle/zip-writer';

describe('zip writer', () => {
  it('computes the standard CRC-32 at every length around the 8-byte stride', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
    const bytes = new Uint8Array(40).map((_, i) => i * 7);
    const slow = (d: Uint8Array): number => {
      let c = 0xffffffff;
      for (const b of d) {
        c ^= b;
        for (let k = 0; k < 8; k++) {
          c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
        }
      }
      return (c ^ 0xffffffff) >>> 0;
    };
    for (let n = 0; n <= 40; n++) {
      expect(crc32(bytes.subarray(0, n))).toBe(slow(bytes.subarray(0, n)));
    }
  });

  it('writes archives JSZip reads with CRC checks, dated by the wall clock given', async () => {
    const writer = new ZipWriter();
    const modified = { iso: '2026-11-21T23:07:26.123+08:00', epochMs: Date.parse('2026-11-21T23:07:26.123+08:00') };
    await writer.add({ path: 'a/b.txt', data: new TextEncoder().encode('你好 '.repeat(100)), compress: true, modified });
    await writer.add({ path: 'c.bin', data: new Uint8Array([0, 1, 2]), compress: false, modified });
    await expect(writer.add({ path: 'c.bin', data: new Uint8Array(), compress: false, modified })).rejects.toThrow(/duplicate/);
    const out = writer.finish();
    const zip = await JSZip.loadAsync(out instanceof Blob ? new Uint8Array(await out.arrayBuffer()) : out, { checkCRC32: true });
    expect(await zip.file('a/b.txt')?.async('string')).toBe('你好 '.repeat(100));
    expect(await zip.file('c.bin')?.async('uint8array')).toEqual(new Uint8Array([0, 1, 2]));
    expect(Object.keys(zip.files)).toEqual(['a/b.txt', 'c.bin']);
  });
});
