/**
 * @module Changing a library's published source at build time, in exactly the place meant: a transform that
 * finds its anchor missing or repeated (a new version of the library) fails the build instead of shipping the
 * library unchanged or half-changed.
 */

/** Index of the only occurrence of `search` in `source`; throws, naming `transform`, when it is missing or repeated. */
export function indexOfOnly(source: string, search: string, transform: string): number {
  const at = source.indexOf(search);
  if (at === -1 || source.indexOf(search, at + search.length) !== -1) {
    throw new Error(`${transform}: expected exactly one ${JSON.stringify(search.trim().slice(0, 60))} in the library; its source has changed, so review this transform against the new version`);
  }
  return at;
}

/** `source` with the only occurrence of `search` replaced by `replacement` (see {@link indexOfOnly}). */
export function replaceOnly(source: string, search: string, replacement: string, transform: string): string {
  const at = indexOfOnly(source, search, transform);
  return source.slice(0, at) + replacement + source.slice(at + search.length);
}
