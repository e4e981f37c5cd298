/**
 * @module Makes text safe to cross the browser's message channel. Extension messaging carries strings as
 * UTF-8, where a lone UTF-16 surrogate (which a page can put in any text node) has no encoding: Chromium
 * then fails the whole message, so one such character in a chat would block every later message of that
 * chat forever. Lone surrogates become U+FFFD, as any UTF-8 encoder (and the captured text item) does.
 */

/** `value` with every string (and object key) well-formed UTF-16; other values unchanged. Copies only what changes. */
export function wellFormed<T>(value: T): T {
  return deep(value) as T;
}

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
