/**
 * The two JSZip modules the extension build swaps (scripts/vite/jszip-for-extension.ts) keep JSZip's contracts:
 * the CRC-32 gives exactly what jszip/lib/crc32.js gives, and the setImmediate runs callbacks in FIFO order with
 * their arguments, honours clearImmediate and yields between time slices.
 */
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import vm from 'node:vm';
import { describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);
type Crc = (input: Uint8Array | number[] | string | undefined, crc?: number) => number;
const original = require('jszip/lib/crc32.js') as Crc;
const replacement = require('../../../src/bundle/vendor/jszip-crc32.cjs') as Crc;

function bytes(length: number, seed: number): Uint8Array {
  const out = new Uint8Array(length);
  let x = seed || 1;
  for (let i = 0; i < length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 255;
  }
  return out;
}

describe('CRC-32 replacement', () => {
  it('gives what JSZip gives for bytes of every length around the 16-byte stride', () => {
    for (let length = 0; length < 70; length++) {
      const data = bytes(length, length + 7);
      expect(replacement(data, 0)).toBe(original(data, 0));
    }
    const big = bytes(1 << 20, 99);
    expect(replacement(big, 0)).toBe(original(big, 0));
  });

  it('continues from a previous CRC exactly as JSZip does when fed 16 KiB chunks', () => {
    const data = bytes(100_000, 5);
    let mine = 0;
    let theirs = 0;
    for (let offset = 0; offset < data.length; offset += 16 * 1024) {
      const chunk = data.subarray(offset, offset + 16 * 1024);
      mine = replacement(chunk, mine);
      theirs = original(chunk, theirs);
    }
    expect(mine).toBe(theirs);
    expect(mine).toBe(original(data, 0));
  });

  it('reads strings as binary strings and plain arrays as bytes, and gives 0 for empty input', () => {
    const text = String.fromCharCode(...bytes(300, 3));
    expect(replacement(text, 0)).toBe(original(text, 0));
    expect(replacement(text, 12345)).toBe(original(text, 12345));
    expect(replacement([1, 2, 3, 250], 0)).toBe(original([1, 2, 3, 250], 0));
    expect(replacement(undefined)).toBe(0);
    expect(replacement(new Uint8Array(0), 77)).toBe(0);
    expect(replacement('', 77)).toBe(original('', 77));
  });
});

describe('setImmediate replacement', () => {
  const source = readFileSync(new URL('../../../src/bundle/vendor/jszip-set-immediate.cjs', import.meta.url), 'utf8');

  /** A global without setImmediate (as in a browser), with the platform's MessageChannel and clock. */
  function browserLikeGlobal(): {
    setImmediate: (fn: (...a: unknown[]) => void, ...args: unknown[]) => number;
    clearImmediate: (h: number) => void;
    channels: MessageChannel[];
    posted: () => number;
  } {
    const channels: MessageChannel[] = [];
    let posted = 0;
    const context = vm.createContext({
      performance,
      MessageChannel: class extends MessageChannel {
        constructor() {
          super();
          channels.push(this);
          const post = this.port2.postMessage.bind(this.port2);
          this.port2.postMessage = (message: unknown) => {
            posted++;
            post(message);
          };
        }
      },
    });
    vm.runInContext(source, context);
    return { ...(context as unknown as { setImmediate: never; clearImmediate: never }), channels, posted: () => posted };
  }

  it('runs callbacks in order with their arguments, and skips cleared ones', async () => {
    const g = browserLikeGlobal();
    const seen: string[] = [];
    await new Promise<void>((resolve) => {
      g.setImmediate((a: unknown, b: unknown) => seen.push(`first ${String(a)} ${String(b)}`), 1, 2);
      const cleared = g.setImmediate(() => seen.push('cleared'));
      g.setImmediate(() => {
        seen.push('third');
        g.setImmediate(() => {
          seen.push('queued from a callback');
          resolve();
        });
      });
      g.clearImmediate(cleared);
    });
    expect(seen).toEqual(['first 1 2', 'third', 'queued from a callback']);
    for (const channel of g.channels) {
      channel.port1.close();
    }
  });

  it('runs many callbacks per task but hands the event loop back every few milliseconds', async () => {
    const g = browserLikeGlobal();
    let ran = 0;
    await new Promise<void>((resolve) => {
      const step = (): void => {
        ran++;
        const until = performance.now() + 1;
        while (performance.now() < until) {
          // busy: each callback takes a millisecond, so 60 of them need several 8 ms slices
        }
        if (ran < 60) {
          g.setImmediate(step);
        } else {
          resolve();
        }
      };
      g.setImmediate(step);
    });
    // One task (message) per slice: far fewer than one per callback, more than one in all.
    const tasks = g.posted();
    expect(tasks).toBeGreaterThanOrEqual(5);
    expect(tasks).toBeLessThanOrEqual(15);
    for (const channel of g.channels) {
      channel.port1.close();
    }
  });
});
