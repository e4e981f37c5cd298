/**
 * @module Makes text safe to cross the browser's message channel. Extension messaging carries strings as
 * UTF-8, where a lone UTF-16 surrogate (which a page can put in any text node) has no encoding: Chromium
 * then fails the whole message, so one such character in a chat would block every later message of that
 * chat forever. Lone surrogates become U+FFFD, as any UTF-8 encoder (and the captured text item) does.
 */

/**
 * `value` with every string (and object key) well-formed UTF-16; other values unchanged. Nearly every batch is
 * well-formed already: it is then returned as it is after one walk that allocates nothing (copying every message
 * object took ~6 µs a message on the page's main thread, where the chat saver runs).
 */
export function wellFormed<T>(value: T): T {
  return isDeeplyWellFormed(value) ? value : (deep(value) as T);
}

function isDeeplyWellFormed(value: unknown): boolean {
  if (typeof value === 'string') {
    return value.isWellFormed();
  }
  if (Array.isArray(value)) {
    return value.every(isDeeplyWellFormed);
  }
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    for (const key in value) {
      if (Object.hasOwn(value, key) && (!key.isWellFormed() || !isDeeplyWellFormed((value as Record<string, unknown>)[key]))) {
        return false;
      }
    }
  }
  return true;
}

/** A copy of `value` with lone surrogates replaced, in strings and object keys. */
function deep(value: unknown): unknown {
  if (typeof value === 'string') {
    return value.isWellFormed() ? value : value.toWellFormed();
  }
  if (Array.isArray(value)) {
    return value.map(deep);
  }
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key.toWellFormed(), deep(inner)]));
  }
  return value;
}
