import { describe, expect, it } from 'vitest';
import type { StoredBytes } from '@/src/bundle/capture-feed';
import { CHECK_REUSE_MS, checkStoredBytes, type CheckedCapture, type StoredCheckState } from '@/src/cases/stored-bytes-check';
import { sha256Hex } from '@/src/shared/hash';

const encoder = new TextEncoder();

/** Captures of these texts, stored as Blobs under their SHA-256 (the store's key), with a reader counting its reads. */
async function stored(texts: readonly string[]): Promise<{ captures: CheckedCapture[]; store: Map<string, StoredBytes>; reads: string[][] }> {
  const store = new Map<string, StoredBytes>();
  const captures: CheckedCapture[] = [];
  for (const [i, text] of texts.entries()) {
    const bytes = encoder.encode(text);
    const sha256 = await sha256Hex(bytes);
    store.set(sha256, { data: new Blob([bytes]), crc32: 0 });
    captures.push({ id: `capture-${i}`, sha256, bytes: bytes.length });
  }
  return { captures, store, reads: [] };
}

function reader(store: Map<string, StoredBytes>, reads: string[][]) {
  return (keys: readonly string[]): Promise<StoredBytes[]> => {
    reads.push([...keys]);
    const items = keys.map((key) => store.get(key));
    const missing = keys.find((_, i) => items[i] === undefined);
    return missing === undefined ? Promise.resolve(items as StoredBytes[]) : Promise.reject(new Error(`stored bytes missing for ${missing}`));
  };
}

describe('checkStoredBytes', () => {
  it('hashes every distinct stored file once and reports all of them matching', async () => {
    const { captures, store, reads } = await stored(['订单页截图', '聊天记录', '订单页截图']);
    const hashed: Blob[] = [];
    const progress: StoredCheckState[] = [];
    const check = checkStoredBytes({
      captures,
      readBlobs: reader(store, reads),
      hashBlob: (blob) => {
        hashed.push(blob);
        return sha256Hex(blob);
      },
      onProgress: (state) => progress.push(state),
    });
    const state = await check.done;
    expect(state).toEqual({ total: 2, checked: 2, altered: [], unreadable: [] });
    expect(hashed).toHaveLength(2);
    expect(progress[0]).toMatchObject({ total: 2, checked: 0 });
    expect(progress.at(-1)).toMatchObject({ checked: 2 });
    // An export takes the computed hash instead of hashing again.
    expect(await check.hashOf(captures[1]?.sha256 ?? '')).toBe(captures[1]?.sha256);
    expect(check.hashOf('0'.repeat(64))).toBeUndefined();
  });

  it('names every capture whose stored bytes differ from the recorded hash or size, and the unreadable ones', async () => {
    const { captures, store, reads } = await stored(['一', '二', '三', '四']);
    const [changed, shorter, missing] = captures;
    // Bytes changed behind the extension's back, one file cut short, one gone.
    store.set(changed?.sha256 ?? '', { data: new Blob([encoder.encode('改')]), crc32: 0 });
    const cut = await sha256Hex(encoder.encode('二'));
    store.set(shorter?.sha256 ?? '', { data: new Blob([encoder.encode('二')]), crc32: 0 });
    captures[1] = { id: shorter?.id ?? '', sha256: cut, bytes: (shorter?.bytes ?? 0) + 1 };
    store.set(cut, { data: new Blob([encoder.encode('二')]), crc32: 0 });
    store.delete(missing?.sha256 ?? '');
    const check = checkStoredBytes({ captures, readBlobs: reader(store, reads), hashBlob: (blob) => sha256Hex(blob) });
    const state = await check.done;
    expect(state.checked).toBe(4);
    expect(state.altered.sort()).toEqual(['capture-0', 'capture-1']);
    expect(state.unreadable).toEqual(['capture-2']);
    // The export is given what the bytes really hash to (and fails on it), or the read's failure.
    expect(await check.hashOf(changed?.sha256 ?? '')).toBe(await sha256Hex(encoder.encode('改')));
    await expect(check.hashOf(missing?.sha256 ?? '')).rejects.toThrow('stored bytes missing');
    // The failed window read was retried file by file to find the missing one.
    expect(reads.length).toBeGreaterThan(1);
  });

  it('hashes bytes stored by earlier builds as arrays itself', async () => {
    const bytes = encoder.encode('旧格式');
    const sha256 = await sha256Hex(bytes);
    const store = new Map<string, StoredBytes>([[sha256, { data: bytes, crc32: null }]]);
    let workerCalls = 0;
    const check = checkStoredBytes({
      captures: [{ id: 'old', sha256, bytes: bytes.length }],
      readBlobs: reader(store, []),
      hashBlob: (blob) => {
        workerCalls += 1;
        return sha256Hex(blob);
      },
    });
    expect(await check.done).toMatchObject({ checked: 1, altered: [], unreadable: [] });
    expect(workerCalls).toBe(0);
  });

  it('promises every hash from the start, and stops offering them once the check is too old to vouch for an export', async () => {
    const { captures, store } = await stored(['甲', '乙']);
    let now = 1_000;
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const check = checkStoredBytes({
      captures,
      readBlobs: async (keys) => {
        await gate;
        return reader(store, [])(keys);
      },
      hashBlob: (blob) => sha256Hex(blob),
      now: () => now,
    });
    // Asked before storage answered: the export waits for this check rather than reading the file again.
    const early = check.hashOf(captures[0]?.sha256 ?? '');
    expect(early).toBeDefined();
    release();
    expect(await early).toBe(captures[0]?.sha256);
    await check.done;
    now += CHECK_REUSE_MS;
    expect(check.hashOf(captures[0]?.sha256 ?? '')).toBeDefined();
    now += 1;
    expect(check.hashOf(captures[0]?.sha256 ?? '')).toBeUndefined();
  });

  it('leaves nothing waiting when storage fails for good', async () => {
    const { captures } = await stored(['丙']);
    const check = checkStoredBytes({
      captures,
      readBlobs: () => Promise.reject(new Error('IndexedDB closed')),
      hashBlob: (blob) => sha256Hex(blob),
    });
    expect(await check.done).toMatchObject({ checked: 1, unreadable: ['capture-0'] });
    await expect(check.hashOf(captures[0]?.sha256 ?? '') ?? Promise.resolve('none')).rejects.toThrow();
  });
});
