import { deflateRawSync } from 'node:zlib';
import JSZip from 'jszip';
import { describe, expect, it, vi } from 'vitest';
import { buildPack, verifyPack } from '@/src/bundle';
import { PackZip, zipEntryDate } from '@/src/bundle/pack-zip';
import { crc32Of } from '@/src/shared/crc32';
import { sha256Hex } from '@/src/shared/hash';
import { makeCase, packInput, zipBytes } from './make-case';

/** What the archive itself says about one entry, read from the central directory and the local header. */
interface RawEntry {
  name: string;
  method: number;
  localMethod: number;
  flags: number;
  versionMadeBy: number;
  externalAttributes: number;
  dosTime: number;
  dosDate: number;
  extraLength: number;
}

// Reads the records by their APPNOTE offsets, so the test does not depend on how a zip library reports them.
function rawEntries(bytes: Uint8Array): { entries: RawEntry[]; comment: number } {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const eocd = bytes.length - 22;
  expect(view.getUint32(eocd, true)).toBe(0x06054b50);
  const count = view.getUint16(eocd + 10, true);
  let at = view.getUint32(eocd + 16, true);
  const entries: RawEntry[] = [];
  for (let i = 0; i < count; i++) {
    expect(view.getUint32(at, true)).toBe(0x02014b50);
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    const local = view.getUint32(at + 42, true);
    expect(view.getUint32(local, true)).toBe(0x04034b50);
    entries.push({
      name: new TextDecoder().decode(bytes.subarray(at + 46, at + 46 + nameLength)),
      method: view.getUint16(at + 10, true),
      localMethod: view.getUint16(local + 8, true),
      flags: view.getUint16(at + 8, true),
      versionMadeBy: view.getUint16(at + 4, true),
      externalAttributes: view.getUint32(at + 38, true),
      dosTime: view.getUint16(at + 12, true),
      dosDate: view.getUint16(at + 14, true),
      extraLength,
    });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return { entries, comment: view.getUint16(eocd + 20, true) };
}

function dosFields(y: number, mo: number, d: number, h: number, mi: number, s: number): { dosDate: number; dosTime: number } {
  return { dosDate: ((y - 1980) << 9) | (mo << 5) | d, dosTime: (h << 11) | (mi << 5) | (s >> 1) };
}

/** The default case plus a JPEG capture, so both image formats are covered. */
async function caseWithJpeg(): ReturnType<typeof makeCase> {
  const c = await makeCase();
  const jpeg = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0, 0xff, 0xd9]);
  const sha256 = await sha256Hex(jpeg);
  c.blobs.set(sha256, jpeg);
  const first = c.input.captures[0];
  if (first === undefined) {
    throw new Error('makeCase has no capture');
  }
  const at = '2026-11-21T10:06:07.000+08:00';
  c.input.captures.push({ ...first, id: 'case-1-cap-jpeg', kind: 'fullpage', mime: 'image/jpeg', bytes: jpeg.length, sha256, capturedAt: at, capturedAtMs: Date.parse(at) });
  return c;
}

async function buildBytes(c: Awaited<ReturnType<typeof makeCase>>): Promise<{ bytes: Uint8Array; paths: string[] }> {
  const result = await buildPack(packInput([c]));
  return { bytes: await zipBytes(result.zip), paths: result.manifest.files.map((f) => f.path) };
}

describe('pack zip (JSZip)', () => {
  it('STOREs PNG and JPEG and DEFLATEs text, JSON, HTML and CSV, in manifest order without folder entries', async () => {
    const { bytes, paths } = await buildBytes(await caseWithJpeg());
    const { entries, comment } = rawEntries(bytes);
    expect(comment).toBe(0);
    expect(entries.map((e) => e.name)).toEqual([...paths, 'manifest.json', 'manifest.json.sha256']);
    const method = new Map(entries.map((e) => [e.name, e.localMethod]));
    for (const e of entries) {
      expect(e.localMethod, e.name).toBe(e.method);
    }
    expect(method.get('captures/0001-20261121-100500-visible.png')).toBe(0);
    expect(method.get('captures/0004-20261121-100607-fullpage.jpg')).toBe(0);
    for (const name of ['captures/0002-20261121-100500-text.txt', 'captures/0003-20261121-100500-html.html', 'chats/chat-01.txt', 'chats/chat-01.csv', 'chats/chat-01.json', 'chats/chat-01.html', 'order.json', 'report.html', 'verify.html', 'events.jsonl', 'manifest.json']) {
      expect(method.get(name), name).toBe(8);
    }

    // The same verdict through JSZip's reader, as the brief for this format asks.
    const zip = await JSZip.loadAsync(bytes, { checkCRC32: true });
    const magic = (name: string): string | undefined => (zip.file(name) as unknown as { _data?: { compression?: { magic?: string } } } | null)?._data?.compression?.magic;
    expect(magic('captures/0004-20261121-100607-fullpage.jpg')).toBe('\x00\x00');
    expect(magic('chats/chat-01.csv')).toBe('\x08\x00');
    expect(Object.values(zip.files).some((f) => f.dir)).toBe(false);
  });

  it('dates entries by the recorded wall clock and writes no machine-dependent fields', async () => {
    const { bytes } = await buildBytes(await caseWithJpeg());
    const { entries } = rawEntries(bytes);
    const byName = new Map(entries.map((e) => [e.name, e]));
    // Capture at 2026-11-21T10:06:07+08:00; generated files at the export time 2026-11-22T09:30:15+08:00 (DOS: 2 s steps).
    expect(byName.get('captures/0004-20261121-100607-fullpage.jpg')).toMatchObject(dosFields(2026, 11, 21, 10, 6, 7));
    expect(byName.get('captures/0001-20261121-100500-visible.png')).toMatchObject(dosFields(2026, 11, 21, 10, 5, 0));
    expect(byName.get('report.html')).toMatchObject(dosFields(2026, 11, 22, 9, 30, 15));
    expect(byName.get('manifest.json.sha256')).toMatchObject(dosFields(2026, 11, 22, 9, 30, 15));
    for (const e of entries) {
      // DOS platform, version 2.0; no attributes, no extra fields, only the data-descriptor flag (streamed entries).
      expect(e, e.name).toMatchObject({ versionMadeBy: 20, externalAttributes: 0, extraLength: 0, flags: 0x0008 });
    }
  });

  it('gives byte-identical zips whatever the time zone of the machine', async () => {
    const c = await caseWithJpeg();
    const saved = process.env.TZ;
    const builds: Uint8Array[] = [];
    const hours: number[] = [];
    try {
      for (const zone of ['America/Los_Angeles', 'Asia/Kolkata', 'UTC']) {
        process.env.TZ = zone;
        hours.push(new Date(0).getHours());
        builds.push((await buildBytes(c)).bytes);
      }
    } finally {
      if (saved === undefined) {
        delete process.env.TZ;
      } else {
        process.env.TZ = saved;
      }
    }
    // The zones must really have taken effect, or the comparison below would prove nothing.
    expect(new Set(hours).size).toBe(3);
    expect(builds[1]).toEqual(builds[0]);
    expect(builds[2]).toEqual(builds[0]);
  });

  it('clamps dates to the DOS range and uses the ISO digits, not the instant', () => {
    expect(zipEntryDate({ iso: '2026-11-21T23:07:26.123+08:00', epochMs: Date.parse('2026-11-21T23:07:26.123+08:00') }).toISOString()).toBe('2026-11-21T23:07:26.000Z');
    expect(zipEntryDate({ iso: '1970-01-01T00:00:00.000Z', epochMs: 0 }).toISOString()).toBe('1980-01-01T00:00:00.000Z');
    expect(zipEntryDate({ iso: '2200-01-01T00:00:00.000Z', epochMs: Date.parse('2200-01-01T00:00:00.000Z') }).toISOString()).toBe('2107-12-31T23:59:58.000Z');
    expect(zipEntryDate({ iso: 'garbage', epochMs: Date.parse('2026-01-02T03:04:05.678Z') }).toISOString()).toBe('2026-01-02T03:04:05.000Z');
    expect(zipEntryDate({ iso: 'garbage', epochMs: Number.NaN }).toISOString()).toBe('1980-01-01T00:00:00.000Z');
  });

  it('refuses duplicate paths, writes empty files and reports each written entry once', async () => {
    const zip = new PackZip();
    const modified = { iso: '2026-11-21T23:07:26.123+08:00', epochMs: Date.parse('2026-11-21T23:07:26.123+08:00') };
    zip.add('a/b.txt', new TextEncoder().encode('你好 '.repeat(100)), { compress: true, modified });
    zip.add('c.bin', new Uint8Array([0, 1, 2]), { compress: false, modified });
    zip.add('empty.txt', new Uint8Array(), { compress: true, modified });
    expect(() => zip.add('c.bin', new Uint8Array(), { compress: false, modified })).toThrow(/duplicate/);
    expect(zip.size).toBe(3);
    let written = 0;
    const out = await zipBytes(await zip.generate(() => written++));
    expect(written).toBe(3);
    const read = await JSZip.loadAsync(out, { checkCRC32: true });
    expect(Object.keys(read.files)).toEqual(['a/b.txt', 'c.bin', 'empty.txt']);
    expect(await read.file('a/b.txt')?.async('string')).toBe('你好 '.repeat(100));
    expect(await read.file('c.bin')?.async('uint8array')).toEqual(new Uint8Array([0, 1, 2]));
    expect(await read.file('empty.txt')?.async('uint8array')).toEqual(new Uint8Array());
  });

  it("deflates texts with the platform's zlib (CompressionStream), given and deferred alike, and unzip checks them", async () => {
    const modified = { iso: '2026-11-21T23:07:26.000+08:00', epochMs: Date.parse('2026-11-21T23:07:26.000+08:00') };
    const report = new TextEncoder().encode('<p>订单 A1001 已付款，未发货。</p>\n'.repeat(400));
    const html = new TextEncoder().encode('<html><body>页面文字</body></html>'.repeat(300));
    // Counts the platform compressors made, so the test fails if JSZip's own pako did the work instead.
    let platformStreams = 0;
    const Platform = globalThis.CompressionStream;
    vi.stubGlobal(
      'CompressionStream',
      class extends Platform {
        constructor(format: CompressionFormat) {
          super(format);
          platformStreams += 1;
        }
      },
    );
    const zip = new PackZip();
    zip.add('report.html', report, { compress: true, modified });
    zip.addDeferred('captures/0001.html', html.length, () => Promise.resolve({ data: new Blob([html]), crc32: 0 }), { compress: true, modified });
    const out = await zipBytes(await zip.generate(() => undefined));
    vi.unstubAllGlobals();
    expect(platformStreams).toBe(2);
    const view = new DataView(out.buffer, out.byteOffset, out.byteLength);
    // Each entry's data, found through the central directory: method 8 and exactly what zlib makes of the text.
    let at = view.getUint32(out.length - 22 + 16, true);
    for (const original of [report, html]) {
      const compressedSize = view.getUint32(at + 20, true);
      const nameLength = view.getUint16(at + 28, true);
      const local = view.getUint32(at + 42, true);
      const start = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
      expect(view.getUint16(at + 10, true)).toBe(8);
      expect(view.getUint32(at + 16, true)).toBe(crc32Of(original));
      expect(out.subarray(start, start + compressedSize)).toEqual(new Uint8Array(deflateRawSync(original)));
      at += 46 + nameLength + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
    }
    const read = await JSZip.loadAsync(out, { checkCRC32: true });
    expect(await read.file('report.html')?.async('uint8array')).toEqual(report);
    expect(await read.file('captures/0001.html')?.async('uint8array')).toEqual(html);
  });

  it('writes a STOREd entry with the CRC-32 recorded at storage exactly as if JSZip had computed it, without computing it', async () => {
    const modified = { iso: '2026-11-21T23:07:26.000+08:00', epochMs: Date.parse('2026-11-21T23:07:26.000+08:00') };
    const png = new Uint8Array(70_000).map((_, i) => (i * 31 + (i >> 8)) & 0xff);
    const build = async (crc32: number | undefined): Promise<Uint8Array> => {
      const zip = new PackZip();
      zip.add('a.png', png, { compress: false, modified, ...(crc32 === undefined ? {} : { crc32 }) });
      zip.add('empty.png', new Uint8Array(), { compress: false, modified, crc32: 0 });
      zip.add('b.txt', new TextEncoder().encode('文本'), { compress: true, modified, crc32: 12345 });
      return zipBytes(await zip.generate(() => undefined));
    };
    const computed = await build(undefined);
    const recorded = await build(crc32Of(png));
    expect(recorded).toEqual(computed);
    await expect(JSZip.loadAsync(recorded, { checkCRC32: true })).resolves.toBeDefined();
    // A wrong recorded CRC lands in the archive as given (so it was not recomputed) and unzip checks then refuse it.
    const wrong = await build((crc32Of(png) ^ 1) >>> 0);
    expect(wrong).not.toEqual(computed);
    await expect(JSZip.loadAsync(wrong, { checkCRC32: true })).rejects.toThrow(/crc32/i);
  });

  it('builds the same pack whether or not the CRC-32 of captures was recorded, and verify names a wrong one', async () => {
    const c = await makeCase();
    const withCrc = packInput([c]);
    const withoutCrc = packInput([c]);
    withoutCrc.getBlobs = async (shas) => (await withCrc.getBlobs(shas)).map((b) => ({ data: b.data, crc32: null }));
    // Captures stored as Blobs (as the extension stores them), taken into the zip by reference.
    const asBlobs = packInput([c]);
    asBlobs.getBlobs = async (shas) => (await withCrc.getBlobs(shas)).map((b) => ({ data: new Blob([b.data as Uint8Array<ArrayBuffer>]), crc32: b.crc32 }));
    const a = await zipBytes((await buildPack(withCrc)).zip);
    const b = await zipBytes((await buildPack(withoutCrc)).zip);
    expect(a).toEqual(b);
    expect(await zipBytes((await buildPack(asBlobs)).zip)).toEqual(a);
    // With a hasher, Blobs are written by reference before their check, which the pack then reports.
    asBlobs.hashBlob = async (blob) => sha256Hex(new Uint8Array(await blob.arrayBuffer()));
    const checkedLater = await buildPack(asBlobs);
    expect(await zipBytes(checkedLater.zip)).toEqual(a);
    await expect(checkedLater.bytesChecked).resolves.toBeUndefined();
    asBlobs.hashBlob = () => Promise.resolve('0'.repeat(64));
    const altered = await buildPack(asBlobs);
    await expect(altered.bytesChecked).rejects.toThrow(/stored bytes do not match the SHA-256 recorded at capture/);
    expect((await verifyPack(a)).ok).toBe(true);
    const badCrc = packInput([c]);
    badCrc.getBlobs = async (shas) => (await withCrc.getBlobs(shas)).map((x, i) => ({ data: x.data, crc32: i === 0 ? ((x.crc32 ?? 0) ^ 0x80) >>> 0 : x.crc32 }));
    const verdict = await verifyPack(await zipBytes((await buildPack(badCrc)).zip));
    expect(verdict.ok).toBe(false);
    expect(verdict.failures).toEqual([expect.stringMatching(/^zip: an entry's CRC-32 does not match its data/)]);
  });

  it('writes deferred entries (stored, deflated, empty) exactly like entries given up front, and fails at a rejected one', async () => {
    const modified = { iso: '2026-11-21T23:07:26.000+08:00', epochMs: Date.parse('2026-11-21T23:07:26.000+08:00') };
    const png = new Uint8Array(40_000).map((_, i) => (i * 7) & 0xff);
    const text = new TextEncoder().encode('页面文字 '.repeat(500));
    const entries: [string, Uint8Array, boolean][] = [
      ['a.png', png, false],
      ['b.txt', text, true],
      ['empty.png', new Uint8Array(), false],
      ['empty.txt', new Uint8Array(), true],
    ];
    const upFront = new PackZip();
    for (const [path, data, compress] of entries) {
      upFront.add(path, data, { compress, modified });
    }
    const deferred = new PackZip();
    const asked: string[] = [];
    for (const [path, data, compress] of entries) {
      deferred.addDeferred(
        path,
        data.length,
        () => {
          asked.push(path);
          return new Promise((resolve) => setTimeout(() => resolve({ data, crc32: crc32Of(data) }), 5));
        },
        { compress, modified },
      );
    }
    const written: string[] = [];
    const out = await zipBytes(await deferred.generate((path) => written.push(path)));
    expect(out).toEqual(await zipBytes(await upFront.generate(() => undefined)));
    expect(asked.sort()).toEqual(entries.map(([path]) => path).sort());
    expect(written).toEqual(entries.map(([path]) => path));

    // The same entries handed over as stored Blobs: JSZip writes stand-in zeros, the output puts each Blob there.
    // Two stored entries larger than JSZip's 16 KiB chunks, the second larger than the first, side by side.
    const bigger = new Uint8Array(70_000).map((_, i) => (i * 13 + 1) & 0xff);
    const withBlobs: [string, Uint8Array, boolean][] = [...entries, ['c.png', bigger, false], ['d.png', png, false]];
    const expected = new PackZip();
    for (const [path, data, compress] of withBlobs) {
      expected.add(path, data, { compress, modified });
    }
    const byReference = new PackZip();
    for (const [path, data, compress] of withBlobs) {
      byReference.addDeferred(path, data.length, () => Promise.resolve({ data: new Blob([data as Uint8Array<ArrayBuffer>]), crc32: crc32Of(data) }), { compress, modified });
    }
    const referenced = await byReference.generate(() => undefined);
    expect(referenced).toBeInstanceOf(Blob);
    expect(await zipBytes(referenced)).toEqual(await zipBytes(await expected.generate(() => undefined)));
    const shortBlob = new PackZip();
    shortBlob.addDeferred('short.png', 10, () => Promise.resolve({ data: new Blob([new Uint8Array(9)]), crc32: 0 }), { compress: false, modified });
    await expect(shortBlob.generate(() => undefined)).rejects.toThrow('entry bytes: 9 arrived, 10 announced');

    const failing = new PackZip();
    failing.addDeferred('ok.png', png.length, () => Promise.resolve({ data: png, crc32: crc32Of(png) }), { compress: false, modified });
    failing.addDeferred('bad.png', 10, () => Promise.reject(new Error('capture bad: stored bytes do not match')), { compress: false, modified });
    failing.addDeferred('short.png', 10, () => Promise.resolve({ data: new Uint8Array(9), crc32: 0 }), { compress: false, modified });
    await expect(failing.generate(() => undefined)).rejects.toThrow('capture bad: stored bytes do not match');
    const short = new PackZip();
    short.addDeferred('short.png', 10, () => Promise.resolve({ data: new Uint8Array(9), crc32: 0 }), { compress: false, modified });
    await expect(short.generate(() => undefined)).rejects.toThrow('entry bytes: 9 arrived, 10 announced');
  });
});
