import { describe, expect, it } from 'vitest';
import { blobHashers } from '@/src/cases/blob-hashers';
import { sha256Hex } from '@/src/shared/hash';

// Node has no Worker global: this is the fallback that hashes on the calling thread (the workers run in e2e).
describe('blob hashers without workers', () => {
  it('answers each Blob with the SHA-256 of its bytes', async () => {
    const hashers = blobHashers();
    const bytes = new TextEncoder().encode('订单截图');
    expect(await hashers.hash(new Blob([bytes]))).toBe(await sha256Hex(bytes));
    expect(await hashers.hash(new Blob([]))).toBe(await sha256Hex(new Uint8Array()));
    hashers.close();
  });
});
