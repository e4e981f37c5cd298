import { describe, expect, it } from 'vitest';
import { blobHashers } from '@/src/cases/blob-hashers';
import { sha256Hex } from '@/src/shared/hash';

// Node has no Worker global: this is the fallback that hashes on the calling thread, with the same gate.
describe('blob hashers without workers', () => {
  it('holds hashes until released, then answers each with the SHA-256 of its bytes', async () => {
    const hashers = blobHashers();
    const bytes = new TextEncoder().encode('订单截图');
    let answered = false;
    const pending = hashers.hash(new Blob([bytes])).then((sha) => {
      answered = true;
      return sha;
    });
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(answered).toBe(false);
    hashers.release();
    expect(await pending).toBe(await sha256Hex(bytes));
    // Once released, later asks are answered at once.
    expect(await hashers.hash(new Blob([]))).toBe(await sha256Hex(new Uint8Array()));
    hashers.close();
  });
});
