import { describe, expect, it } from 'vitest';
import { wellFormed } from '@/src/shared/well-formed';

describe('wellFormed (text crossing the message channel)', () => {
  it('replaces lone surrogates with U+FFFD and keeps everything else, NUL and pairs included', () => {
    const lone = String.fromCharCode(0x4e0d, 0xd800, 0x0000, 0xdc00, 0x7ed3);
    expect(wellFormed(lone)).toBe('不\uFFFD\u0000\uFFFD结');
    expect(wellFormed('😀 \u202E退款')).toBe('😀 \u202E退款');
    expect(wellFormed('\uD83D')).toBe('\uFFFD');
  });

  it('walks arrays and plain objects (keys too) and leaves other values as they are', () => {
    const batch = { chatKey: 'k', messages: [{ text: 'a\uDC00', url: null, position: 1.5, recalled: false, versions: [{ text: '\uD800' }] }], ['\uD801key']: 1 };
    expect(wellFormed(batch)).toEqual({ chatKey: 'k', messages: [{ text: 'a\uFFFD', url: null, position: 1.5, recalled: false, versions: [{ text: '\uFFFD' }] }], ['\uFFFDkey']: 1 });
    const bytes = new Uint8Array([1, 2]);
    expect(wellFormed({ bytes }).bytes).toBe(bytes);
  });

  it('returns well-formed input as it is, without copying it', () => {
    const text = 'x'.repeat(1000);
    expect(wellFormed(text)).toBe(text);
    const batch = { a: [text, { b: '😀', c: [1, null, true] }], d: new Uint8Array([1]) };
    expect(wellFormed(batch)).toBe(batch);
  });

  it('copies input holding a lone surrogate anywhere, deep in an array or only in a key, and leaves the input as it was', () => {
    const deepInArray = { messages: [{ text: 'ok' }, { versions: [{ text: 'x\uDFFF' }] }] };
    const out = wellFormed(deepInArray);
    expect(out).not.toBe(deepInArray);
    expect(out.messages[1]?.versions?.[0]?.text).toBe('x\uFFFD');
    expect(deepInArray.messages[1]?.versions?.[0]?.text).toBe('x\uDFFF');
    expect(Object.keys(wellFormed({ ['\uDBFF']: 1 }))).toEqual(['\uFFFD']);
  });
});
