import { describe, expect, it } from 'vitest';
import { csvCell, toCsv } from '@/src/bundle/csv';
import { escapeHtml } from '@/src/bundle/html';
import { asciiSegment, displaySegment, isSafePackPath, packFileName } from '@/src/bundle/paths';

describe('csv', () => {
  it.each(['=1+1', '+1', '-1', '@SUM(A1)', '\tx', '\rx', "=cmd|' /C calc'!A0", '  =1', '＝1'])('makes %j inert', (value) => {
    expect(csvCell(value).startsWith(`"'`)).toBe(true);
  });

  it('quotes per RFC 4180 and writes a BOM with CRLF rows', () => {
    expect(csvCell('a "b", c\nd')).toBe('"a ""b"", c\nd"');
    expect(toCsv([['a', 1, null, true]])).toBe('\uFEFF"a","1","","true"\r\n');
  });
});

describe('html', () => {
  it('escapes markup and makes control and bidi characters visible', () => {
    expect(escapeHtml(`<a href="x" onclick='y'>&</a>`)).toBe('&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
    expect(escapeHtml('a\u0000b\u202Ec')).toBe('a[U+0000]b[U+202E]c');
  });
});

describe('paths', () => {
  it.each([
    ['../../x', 'x'],
    ['CON', 'f-CON'],
    ['nul.txt', 'f-nul.txt'],
    ['..', 'f'],
    ['订单/123', '123'],
    ["=cmd|' /C calc'!A0", 'cmd-C-calc-A0'],
  ])('ASCII segment of %j is %j', (raw, expected) => {
    expect(asciiSegment(raw, 'f')).toBe(expected);
  });

  it('keeps Chinese in the download name but nothing dangerous', () => {
    expect(packFileName('星辰卡盟', 'A/B', '2026-11-22T09:30:15.000+08:00', 0)).toBe('星辰卡盟-A-B-20261122-093015.zip');
    expect(displaySegment('CON', 'shop')).toBe('_CON');
    expect(displaySegment('a\u202Eb\u0000c', 'x')).toBe('a-b-c');
    expect(packFileName('', '', 'bad', Date.UTC(2026, 0, 2, 3, 4, 5))).toBe('shop-no-order-20260102-030405.zip');
  });

  it.each(['a/../b', '/abs', 'a\\b', 'CON/x', 'x/aux.txt', '.hidden', 'a//b', ''])('rejects %j', (path) => {
    expect(isSafePackPath(path)).toBe(false);
  });
});
