/**
 * @module Generated names for the pack and the files inside it. Nothing a page wrote reaches a path unfiltered:
 * no separators, no traversal, no control or bidi characters, no reserved Windows device names.
 */

// Windows device names are reserved with any extension ("CON.txt" too), case-insensitively.
const RESERVED_WINDOWS = /^(?:con|prn|aux|nul|com[0-9\u00B9\u00B2\u00B3]|lpt[0-9\u00B9\u00B2\u00B3])$/i;

/** Characters allowed in paths inside the zip (ASCII only, so every unzip tool shows them identically). */
export const SAFE_PATH_PATTERN = /^(?:[A-Za-z0-9][A-Za-z0-9._-]*\/)*[A-Za-z0-9][A-Za-z0-9._-]*$/;

function avoidReserved(segment: string): string {
  const stem = segment.split('.')[0] ?? '';
  return RESERVED_WINDOWS.test(stem) ? `_${segment}` : segment;
}

/** An ASCII path segment made from untrusted text: `[A-Za-z0-9._-]`, no leading dot, at most `maxLength`, else `fallback`. */
export function asciiSegment(raw: string, fallback: string, maxLength = 40): string {
  const cleaned = raw
    .normalize('NFKC')
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/\.{2,}/g, '.')
    .replace(/^[._-]+/, '')
    .slice(0, maxLength)
    .replace(/[._-]+$/, '');
  if (cleaned === '') {
    return fallback;
  }
  const safe = avoidReserved(cleaned);
  // A prefixed reserved name starts with "_", which SAFE_PATH_PATTERN rejects: use the fallback prefix instead.
  return safe.startsWith('_') ? `${fallback}-${cleaned}` : safe;
}

/** A file-name segment for the downloaded zip: keeps Chinese letters and digits, drops everything else. */
export function displaySegment(raw: string, fallback: string, maxLength = 40): string {
  const cleaned = Array.from(
    raw
      .normalize('NFKC')
      .replace(/[^\p{L}\p{N}._-]+/gu, '-')
      .replace(/\.{2,}/g, '.')
      .replace(/^[._-]+/, ''),
  )
    .slice(0, maxLength)
    .join('')
    .replace(/[._-]+$/, '');
  if (cleaned === '') {
    return fallback;
  }
  return avoidReserved(cleaned);
}

/** `yyyyMMdd-HHmmss` of an ISO time as the user's wall clock showed it (the digits before the offset). */
export function compactTimestamp(iso: string, epochMs: number): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})/.exec(iso);
  if (m) {
    return `${m[1] ?? ''}${m[2] ?? ''}${m[3] ?? ''}-${m[4] ?? ''}${m[5] ?? ''}${m[6] ?? ''}`;
  }
  const d = new Date(epochMs);
  const p = (n: number): string => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}-${p(d.getUTCHours())}${p(d.getUTCMinutes())}${p(d.getUTCSeconds())}`;
}

/** The host name of a shop origin, or `''` when it is not a URL. */
export function hostOf(origin: string): string {
  try {
    return new URL(origin).hostname;
  } catch {
    return '';
  }
}

/** `<shop>-<orderNo>-<yyyyMMdd-HHmmss>.zip`, every part sanitised. */
export function packFileName(shop: string, orderNo: string, createdIso: string, createdEpochMs: number): string {
  return `${displaySegment(shop, 'shop', 40)}-${displaySegment(orderNo, 'no-order', 60)}-${compactTimestamp(createdIso, createdEpochMs)}.zip`;
}

/** True for a path this pack format may contain (relative, ASCII, no traversal, no reserved device name). */
export function isSafePackPath(path: string): boolean {
  if (!SAFE_PATH_PATTERN.test(path) || path.length > 200) {
    return false;
  }
  return path.split('/').every((segment) => segment !== '..' && segment !== '.' && !RESERVED_WINDOWS.test(segment.split('.')[0] ?? ''));
}
