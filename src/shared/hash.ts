/**
 * @module SHA-256 hashing with WebCrypto, the same in the service worker, extension pages, content scripts,
 * Node (tests, CLI) and the pack's offline verify.html.
 */

/** Hex SHA-256 of bytes, of a Blob's bytes, or of a string's UTF-8 encoding. */
export async function sha256Hex(input: Uint8Array | ArrayBuffer | Blob | string): Promise<string> {
  const bytes = typeof input === 'string' ? new TextEncoder().encode(input) : input instanceof Blob ? await input.arrayBuffer() : input;
  const digest = await crypto.subtle.digest('SHA-256', bytes as BufferSource);
  return bytesToHex(new Uint8Array(digest));
}

/** Lower-case hex of bytes. */
export function bytesToHex(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) {
    out += b.toString(16).padStart(2, '0');
  }
  return out;
}

/** True for a 64-character lower-case hex digest. */
export function isSha256Hex(value: string): boolean {
  return /^[0-9a-f]{64}$/.test(value);
}
