import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { buildPack, PackManifestSchema, StoredBytesMismatchError, verifyPack, type PackManifest } from '@/src/bundle';
import { sha256Hex } from '@/src/shared/hash';
import { isSafePackPath } from '@/src/bundle/paths';
import { makeCase, packInput, zipBytes } from './make-case';

async function build(overrides: Parameters<typeof packInput>[1] = {}, cases?: Awaited<ReturnType<typeof makeCase>>[]) {
  const input = packInput(cases ?? [await makeCase()], overrides);
  const result = await buildPack(input);
  return { ...result, bytes: await zipBytes(result.zip) };
}

/** Rewrites a pack with one file changed (or removed when `change` returns null), keeping everything else. */
async function rewrite(bytes: Uint8Array, path: string, change: (data: Uint8Array) => Uint8Array | null): Promise<Uint8Array> {
  const source = await JSZip.loadAsync(bytes);
  const out = new JSZip();
  for (const entry of Object.values(source.files)) {
    if (entry.dir) {
      continue;
    }
    const data = await entry.async('uint8array');
    const next = entry.name === path ? change(data) : data;
    if (next !== null) {
      out.file(entry.name, next, { date: entry.date, createFolders: false });
    }
  }
  return out.generateAsync({ type: 'uint8array' });
}

function flipFirstByte(data: Uint8Array): Uint8Array {
  const copy = new Uint8Array(data);
  copy[0] = (copy[0] ?? 0) ^ 0x01;
  return copy;
}

describe('buildPack layout and manifest', () => {
  it('writes the DESIGN.md §4 file set with a valid manifest and digest', async () => {
    const { bytes, manifest, fileName } = await build();
    expect(fileName).toBe('星辰卡盟-2026112110305512345-20261122-093015.zip');
    const zip = await JSZip.loadAsync(bytes);
    const names = Object.keys(zip.files).sort();
    expect(names).toEqual(
      [
        'captures/0001-20261121-100500-visible.png',
        'captures/0002-20261121-100500-text.txt',
        'captures/0003-20261121-100500-html.html',
        'chats/chat-01.csv',
        'chats/chat-01.html',
        'chats/chat-01.json',
        'chats/chat-01.txt',
        'complaints/12315.txt',
        'complaints/alipay.txt',
        'complaints/heimao.txt',
        'complaints/personal-info-deletion.txt',
        'complaints/shop.txt',
        'complaints/wechat-pay.txt',
        'events.jsonl',
        'manifest.json',
        'manifest.json.sha256',
        'order.json',
        'report.html',
        'verify.html',
      ].sort(),
    );
    const manifestBytes = await zip.file('manifest.json')?.async('uint8array');
    const digest = await zip.file('manifest.json.sha256')?.async('string');
    expect(manifestBytes).toBeDefined();
    expect(digest).toBe(`${await sha256Hex(manifestBytes ?? new Uint8Array())}  manifest.json\n`);
    const parsed: PackManifest = PackManifestSchema.parse(JSON.parse(new TextDecoder().decode(manifestBytes)));
    expect(parsed).toEqual(manifest);
    expect(parsed.files.map((f) => f.path)).not.toContain('manifest.json');
    for (const file of parsed.files) {
      const data = await zip.file(file.path)?.async('uint8array');
      expect(data?.length).toBe(file.bytes);
      expect(await sha256Hex(data ?? new Uint8Array())).toBe(file.sha256);
    }
    expect(parsed.cases[0]?.eventChainHead).toBe(parsed.eventChainHead);
  });

  it('keeps capture bytes, capture time and source URL exactly as recorded', async () => {
    const c = await makeCase();
    const { bytes, manifest } = await build({}, [c]);
    const zip = await JSZip.loadAsync(bytes);
    for (const [i, capture] of c.input.captures.entries()) {
      const entry = manifest.files[i];
      expect(entry).toMatchObject({ sha256: capture.sha256, bytes: capture.bytes, mime: capture.mime, kind: capture.kind, capturedAt: capture.capturedAt, sourceUrl: capture.sourceUrl });
      const data = await zip.file(entry?.path ?? '')?.async('uint8array');
      expect(data).toEqual(c.blobs.get(capture.sha256));
    }
  });

  it('stores images uncompressed and deflates text', async () => {
    const { bytes } = await build();
    const zip = await JSZip.loadAsync(bytes);
    const method = (name: string): string | undefined => (zip.file(name) as unknown as { _data?: { compression?: { magic?: string } } } | null)?._data?.compression?.magic;
    expect(method('captures/0001-20261121-100500-visible.png')).toBe('\x00\x00');
    expect(method('report.html')).toBe('\x08\x00');
  });

  it('reports progress up to its total, one step at a time', async () => {
    const input = packInput([await makeCase()]);
    const progress: [number, number][] = [];
    input.onProgress = (done, total) => progress.push([done, total]);
    await buildPack(input);
    expect(progress.map(([done]) => done)).toEqual(progress.map((_, i) => i + 1));
    expect(progress.at(-1)?.[0]).toBe(progress.at(-1)?.[1]);
  });

  it('reads small captures together in one window', async () => {
    const c = await makeCase();
    const input = packInput([c]);
    const calls: number[] = [];
    const getBlobs = input.getBlobs;
    input.getBlobs = (shas) => {
      calls.push(shas.length);
      return getBlobs(shas);
    };
    await buildPack(input);
    expect(calls).toEqual([3]);
  });

  it('refuses a blob that does not match the hash recorded at capture', async () => {
    const c = await makeCase();
    const input = packInput([c]);
    input.getBlobs = (shas) => Promise.resolve(shas.map(() => ({ data: new Uint8Array([1, 2, 3]), crc32: null })));
    // The feed's typed error reaches the caller through JSZip (the export page explains it to the user).
    await expect(buildPack(input)).rejects.toThrow(/do not match the SHA-256 recorded/);
    await expect(buildPack(input)).rejects.toBeInstanceOf(StoredBytesMismatchError);
  });

  it('puts several cases in their own folders and pins every chain in the manifest', async () => {
    const a = await makeCase({ id: 'case-a', orderNo: 'A-1' });
    const b = await makeCase({ id: 'case-b', orderNo: 'B-2' });
    const { bytes, manifest, fileName } = await build({}, [a, b]);
    expect(fileName).toMatch(/^星辰卡盟-2cases-20261122-093015\.zip$/);
    expect(manifest.cases.map((c) => c.folder)).toEqual(['cases/01-A-1/', 'cases/02-B-2/']);
    expect(manifest.files.some((f) => f.path === 'cases/02-B-2/complaints/12315.txt')).toBe(true);
    expect(manifest.eventChainHead).not.toBe(manifest.cases[0]?.eventChainHead);
    expect(await verifyPack(bytes)).toEqual({ ok: true, failures: [], checkedFiles: manifest.files.length + 1 });
  });
});

describe('verifyPack', () => {
  it('accepts an intact pack', async () => {
    const { bytes, manifest } = await build();
    expect(await verifyPack(bytes)).toEqual({ ok: true, failures: [], checkedFiles: manifest.files.length + 1 });
  });

  it('names every file changed by one byte', async () => {
    const { bytes, manifest } = await build();
    for (const file of manifest.files) {
      const tampered = await rewrite(bytes, file.path, flipFirstByte);
      const result = await verifyPack(tampered);
      expect(result.ok, file.path).toBe(false);
      expect(result.failures, file.path).toContainEqual(expect.stringMatching(new RegExp(`^${file.path.replace(/\./g, '\\.')}: SHA-256 mismatch`)));
    }
  });

  it('names a file removed from the zip', async () => {
    const { bytes, manifest } = await build();
    for (const file of manifest.files) {
      const result = await verifyPack(await rewrite(bytes, file.path, () => null));
      expect(result.failures, file.path).toContain(`${file.path}: missing from the zip`);
    }
  });

  it('detects a changed manifest, a missing digest and an added file', async () => {
    const { bytes } = await build();
    const edited = await rewrite(bytes, 'manifest.json', (d) => new TextEncoder().encode(new TextDecoder().decode(d).replace('"refund"', '"triple-compensation"')));
    expect((await verifyPack(edited)).failures).toContain('manifest.json: SHA-256 does not match manifest.json.sha256');
    expect((await verifyPack(await rewrite(bytes, 'manifest.json.sha256', () => null))).failures).toContain('manifest.json.sha256: missing from the zip');
    expect((await verifyPack(await rewrite(bytes, 'manifest.json', () => null))).failures).toEqual(['manifest.json: missing from the zip']);
    const zip = await JSZip.loadAsync(bytes);
    zip.file('captures/extra.png', new Uint8Array([1]));
    expect((await verifyPack(await zip.generateAsync({ type: 'uint8array' }))).failures).toEqual(['captures/extra.png: not listed in the manifest']);
  });

  it('detects a byte flipped inside the raw zip data of a stored file', async () => {
    const { bytes } = await build();
    // The PNG is STOREd, so its signature appears verbatim in the archive.
    const at = bytes.findIndex((b, i) => b === 0x89 && bytes[i + 1] === 0x50 && bytes[i + 2] === 0x4e && bytes[i + 3] === 0x47);
    const copy = new Uint8Array(bytes);
    copy[at + 8] = (copy[at + 8] ?? 0) ^ 0xff;
    const result = await verifyPack(copy);
    // Both the zip's own checksum and the manifest's hash catch it; the second names the file.
    expect(result.failures).toEqual([
      expect.stringMatching(/^zip: an entry's CRC-32 does not match its data/),
      expect.stringMatching(/^captures\/0001-20261121-100500-visible\.png: SHA-256 mismatch/),
    ]);
  });

  it('rejects something that is not a zip', async () => {
    const result = await verifyPack(new TextEncoder().encode('not a zip'));
    expect(result.ok).toBe(false);
    expect(result.failures[0]).toMatch(/^zip: cannot be opened/);
  });

  it('flags unsafe paths in a hostile zip', async () => {
    const zip = new JSZip();
    zip.file('../../evil.txt', 'x');
    const result = await verifyPack(await zip.generateAsync({ type: 'uint8array' }));
    expect(result.failures).toContain('../../evil.txt: unsafe path in zip');
  });
});

describe('hostile input stays inert', () => {
  it('generates safe paths and names from hostile shop names and order numbers', async () => {
    for (const [shopName, orderNo] of [
      ['../../x', "=cmd|' /C calc'!A0"],
      ['CON', 'NUL.txt'],
      ['a\u0000b\u202Ec/\\:*?"<>|', '..\\..\\windows\\system32'],
    ] as const) {
      const c = await makeCase({ shopName, orderNo });
      const { manifest, fileName, bytes } = await build({}, [c, await makeCase({ id: 'other', orderNo })]);
      // eslint-disable-next-line no-control-regex -- asserting that control characters are absent
      expect(fileName).not.toMatch(/[/\\:*?"<>|\u0000-\u001f\u202e]|\.\./);
      expect(fileName.split('-')[0]?.toUpperCase()).not.toBe('CON');
      for (const file of manifest.files) {
        expect(isSafePackPath(file.path), file.path).toBe(true);
      }
      expect((await verifyPack(bytes)).ok).toBe(true);
    }
    const con = await build({}, [await makeCase({ shopName: 'CON' })]);
    expect(con.fileName.startsWith('CON-')).toBe(false);
  });

  it('escapes captured strings in the transcript and report HTML, which carry a no-script CSP', async () => {
    const c = await makeCase({ messageText: '<script>alert(1)</script><img src=x onerror=alert(2)>' });
    const { bytes } = await build({}, [c]);
    const zip = await JSZip.loadAsync(bytes);
    for (const name of ['chats/chat-01.html', 'report.html']) {
      const html = (await zip.file(name)?.async('string')) ?? '';
      expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;');
      expect(html).not.toMatch(/<script/i);
      expect(html).not.toMatch(/<img src=x/i);
      expect(html).toContain(`content="default-src &#39;none&#39;`);
      expect(html).not.toContain('<b>星辰</b>');
    }
    const report = (await zip.file('report.html')?.async('string')) ?? '';
    // Captured page HTML is listed, never linked or embedded.
    expect(report).not.toContain('href="captures/0003-20261121-100500-html.html"');
    expect(report).not.toMatch(/<iframe|<object|<embed/i);
  });

  it('neutralises formula cells in the CSV transcript', async () => {
    const { bytes } = await build();
    const csv = (await (await JSZip.loadAsync(bytes)).file('chats/chat-01.csv')?.async('string')) ?? '';
    expect(csv).toContain(`"'=cmd|' /C calc'!A0"`);
    expect(csv).not.toMatch(/(^|,)"?=cmd/m);
  });

  it('generates paths only from the MIME type, never a user file name', async () => {
    const { manifest } = await build();
    expect(manifest.files.map((f) => f.path).join('\n')).not.toContain('evil');
  });
});

describe('determinism', () => {
  it('gives the same files and hashes twice; only files holding createdAt differ between export times', async () => {
    const first = await build();
    const again = await build();
    expect(again.bytes).toEqual(first.bytes);
    const later = await build({ createdAt: { iso: '2026-12-01T08:00:00.000+08:00', timeZone: 'Asia/Shanghai', epochMs: Date.parse('2026-12-01T08:00:00.000+08:00') } });
    const hashes = (m: PackManifest): Map<string, string> => new Map(m.files.map((f) => [f.path, f.sha256]));
    const a = hashes(first.manifest);
    const b = hashes(later.manifest);
    expect([...b.keys()]).toEqual([...a.keys()]);
    const differing = [...a.keys()].filter((path) => a.get(path) !== b.get(path));
    expect(differing).toEqual(['report.html']);
  });

  it('ignores the order records arrive in', async () => {
    const c = await makeCase();
    const shuffled = { ...c, input: { ...c.input, captures: [...c.input.captures].reverse(), messages: [...c.input.messages].reverse(), events: [...c.input.events].reverse() } };
    expect((await build({}, [shuffled])).bytes).toEqual((await build({}, [c])).bytes);
  });
});

describe('report', () => {
  it('puts the key facts first and is available in English', async () => {
    const { bytes } = await build({ language: 'en', demand: 'triple-compensation' });
    const report = (await (await JSZip.loadAsync(bytes)).file('report.html')?.async('string')) ?? '';
    const keyFacts = report.indexOf('Key facts');
    expect(keyFacts).toBeGreaterThan(0);
    expect(keyFacts).toBeLessThan(report.indexOf('Timeline'));
    for (const fact of ['某某网络科技有限公司', '91110105MA01ABCD2X', '2026112110305512345', '¥88.00', '¥500.00', 'A4']) {
      expect(report).toContain(fact);
    }
    expect(report).toContain('<html lang="en">');
  });
});
