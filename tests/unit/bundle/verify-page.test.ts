import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import JSZip from 'jszip';
import canonicalize from 'canonicalize';
import { describe, expect, it } from 'vitest';
import { buildPack, verifyPack } from '@/src/bundle';
import { renderVerifyHtml } from '@/src/bundle/verify-page';
import { VERIFY_PAGE_SCRIPT } from '@/src/bundle/verify-page-script';
import { JSZIP_MIN_JS } from '@/src/bundle/vendor/jszip-source';
import { sha256Hex } from '@/src/shared/hash';
import { verifyEventChain, type ChainFailure } from '@/src/store/chain';
import type { EventRecord, JsonValue } from '@/src/store/records';
import { makeCase, makeEvents, packInput, zipBytes } from './make-case';

interface PageVerifier {
  canonicalJson: (value: JsonValue) => string;
  sha256Hex: (input: Uint8Array | string) => Promise<string>;
  sha256Js: (bytes: Uint8Array) => string;
  verifyChain: (events: readonly EventRecord[], expectedHead?: string) => Promise<ChainFailure[]>;
  verifyZip: (jszip: unknown, data: Uint8Array) => Promise<{ ok: boolean; failures: string[]; checkedFiles: number }>;
}

/** Runs exactly the two scripts verify.html inlines, with a stand-in `window`, and returns what they expose. */
function loadPage(options: { withSubtle: boolean }): { verifier: PageVerifier; jszip: unknown } {
  const sandbox: Record<string, unknown> = { crypto: options.withSubtle ? globalThis.crypto : {}, setTimeout, setImmediate };
  // eslint-disable-next-line @typescript-eslint/no-implied-eval -- evaluating the page's own inline scripts is what this test is for
  const run = new Function('window', `${JSZIP_MIN_JS}\n;${VERIFY_PAGE_SCRIPT}`) as (window: Record<string, unknown>) => void;
  run(sandbox);
  return { verifier: sandbox.LiuzhengVerifier as PageVerifier, jszip: sandbox.JSZip };
}

const samples: JsonValue[] = [
  null,
  true,
  0,
  -0,
  1e21,
  1e-7,
  123.456,
  -5,
  'plain',
  '引号"与\\反斜杠\n换行\u2028',
  '😀 emoji',
  [],
  {},
  { b: 1, a: [3, { z: null, y: '订单号 123' }], '€': 'euro', '\u00e9': 'e', '10': 'ten', '2': 'two' },
  { nested: { deeper: { deepest: [1, [2, [3]]] } } },
];

describe('verify.html script', () => {
  it('canonicalises like RFC 8785 canonicalize', () => {
    const { verifier } = loadPage({ withSubtle: true });
    for (const value of samples) {
      expect(verifier.canonicalJson(value)).toBe(canonicalize(value));
    }
  });

  it('computes SHA-256 in plain JavaScript exactly like WebCrypto', async () => {
    const { verifier } = loadPage({ withSubtle: false });
    for (const length of [0, 1, 55, 56, 63, 64, 65, 119, 1000, 4097]) {
      const bytes = new Uint8Array(length).map((_, i) => (i * 31 + length) & 0xff);
      expect(verifier.sha256Js(bytes)).toBe(await sha256Hex(bytes));
    }
    expect(await verifier.sha256Hex('订单')).toBe(await sha256Hex('订单'));
  });

  it('agrees with verifyEventChain on intact and broken chains', async () => {
    const { verifier } = loadPage({ withSubtle: true });
    const chain = await makeEvents('c1', [
      { type: 'a', data: { n: 1, text: '订单号 123', nested: { z: 1, a: [1, 2] } } },
      { type: 'b', data: [1, 'two', null, 3.5] },
      { type: 'c', data: '字符串' },
      { type: 'd', data: null },
    ]);
    const head = chain.at(-1)?.hash ?? '';
    const variants: [string, EventRecord[], string | undefined][] = [
      ['intact', chain, head],
      ['edited', chain.map((e) => (e.seq === 1 ? { ...e, data: [1, 'two', null, 4] } : e)), head],
      ['deleted middle', chain.filter((e) => e.seq !== 2), head],
      ['deleted end', chain.slice(0, 3), head],
      ['reordered', [chain[1], chain[0], chain[2], chain[3]].filter((e): e is EventRecord => e !== undefined), head],
      ['foreign case', chain.map((e) => (e.seq === 3 ? { ...e, caseId: 'c2' } : e)), undefined],
    ];
    for (const [name, events, expectedHead] of variants) {
      const expected = await verifyEventChain(events, expectedHead);
      expect(await verifier.verifyChain(events, expectedHead), name).toEqual(expected);
      expect(expected.length === 0, name).toBe(name === 'intact');
    }
  });

  it('gives the same verdict and messages as verifyPack, with and without WebCrypto', async () => {
    const result = await buildPack(packInput([await makeCase(), await makeCase({ id: 'case-2', orderNo: 'X-2' })]));
    const bytes = await zipBytes(result.zip);
    const zip = await JSZip.loadAsync(bytes);
    const events = (await zip.file('events.jsonl')?.async('string')) ?? '';
    const tampered: [string, Uint8Array][] = [['intact', bytes]];
    const variant = async (name: string, edit: (z: JSZip) => void): Promise<void> => {
      const copy = await JSZip.loadAsync(bytes);
      edit(copy);
      tampered.push([name, await copy.generateAsync({ type: 'uint8array' })]);
    };
    await variant('report changed', (z) => z.file('report.html', 'x'));
    await variant('capture removed', (z) => z.remove('cases/01-2026112110305512345/captures/0001-20261121-100500-visible.png'));
    await variant('file added', (z) => z.file('notes.txt', 'hi'));
    await variant('event edited', (z) => z.file('events.jsonl', events.replace('"count":3', '"count":4')));
    await variant('event dropped', (z) => z.file('events.jsonl', events.split('\n').filter((_, i) => i !== 1).join('\n')));
    await variant('bad line', (z) => z.file('events.jsonl', `${events}{"oops":1}\n`));
    tampered.push(['garbage', new TextEncoder().encode('PK not really')]);
    // The CRC-32 of the first entry in the central directory (offset 16 of its record) no longer matches its data.
    const badCrc = bytes.slice();
    const view = new DataView(badCrc.buffer);
    const directory = view.getUint32(badCrc.length - 22 + 16, true);
    view.setUint32(directory + 16, view.getUint32(directory + 16, true) ^ 1, true);
    tampered.push(['crc wrong', badCrc]);
    for (const withSubtle of [true, false]) {
      const { verifier, jszip } = loadPage({ withSubtle });
      for (const [name, data] of tampered) {
        const expected = await verifyPack(data);
        expect(await verifier.verifyZip(jszip, data), `${name} subtle=${withSubtle}`).toEqual(expected);
        expect(expected.ok, name).toBe(name === 'intact');
      }
    }
  });

  it('inlines JSZip and the script under a hash-based CSP with no network', async () => {
    const html = await renderVerifyHtml();
    const scripts = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1] ?? '');
    expect(scripts).toEqual([JSZIP_MIN_JS, VERIFY_PAGE_SCRIPT]);
    const csp = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1] ?? '';
    expect(csp).toContain("default-src 'none'");
    for (const script of scripts) {
      const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(script)));
      expect(csp).toContain(`'sha256-${btoa(String.fromCharCode(...digest))}'`);
    }
    expect(html).not.toMatch(/<script[^>]+src=|https?:\/\/[^"\s]*\.js/);
    expect(VERIFY_PAGE_SCRIPT).not.toMatch(/<\/script|<!--/i);
  });

  it('carries the JSZip build installed in node_modules (regenerate with generate-jszip-source.ts)', () => {
    const require = createRequire(import.meta.url);
    expect(JSZIP_MIN_JS).toBe(readFileSync(require.resolve('jszip/dist/jszip.min.js'), 'utf8'));
  });
});
