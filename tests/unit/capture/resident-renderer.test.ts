import { afterEach, describe, expect, it } from 'vitest';
import { keepRendererResident, runResidentRenderer } from '@/src/capture/resident-renderer';
import type { RenderResult } from '@/src/messaging/schemas';

const KEY = '__liuzhengResidentRenderer';

afterEach(() => {
  Reflect.deleteProperty(globalThis, KEY);
});

describe('resident renderer', () => {
  it('runs the renderer kept by the injected file (the key the self-contained caller repeats is the same)', async () => {
    const result: RenderResult = { ok: true, parts: [], renderMs: 1 };
    keepRendererResident('1.2.3', () => Promise.resolve(result));
    await expect(runResidentRenderer('1.2.3')).resolves.toBe(result);
  });

  it('answers null when nothing is kept, or when another version kept it', () => {
    expect(runResidentRenderer('1.2.3')).toBeNull();
    keepRendererResident('1.2.2', () => Promise.resolve({ ok: false, error: 'stale' }));
    expect(runResidentRenderer('1.2.3')).toBeNull();
  });

  it('ignores a value of another shape under its key', () => {
    Reflect.set(globalThis, KEY, { version: '1.2.3', render: 'not a function' });
    expect(runResidentRenderer('1.2.3')).toBeNull();
  });
});
