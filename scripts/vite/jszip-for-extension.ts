/**
 * @module Vite plugin: the extension's JSZip, built from its CommonJS sources (jszip/lib) instead of the prebuilt
 * dist/jszip.min.js that its package.json `browser` field points bundlers to, so that two of its internal modules
 * can be swapped for faster ones with the same contract:
 * - lib/crc32.js → src/bundle/vendor/jszip-crc32.cjs (the crc-32 library; JSZip's own loop is ~3× slower in
 *   Chromium);
 * - the `setimmediate` polyfill → src/bundle/vendor/jszip-set-immediate.cjs (runs JSZip's per-chunk callbacks
 *   in time slices instead of one postMessage task each).
 * Everything else is JSZip unchanged. Node (tests, `npm run verify`) keeps the package as published; unit tests
 * check the replacements agree with the originals byte for byte.
 */
import path from 'node:path';
import { createRequire } from 'node:module';
import type { Plugin } from 'vite';

const require = createRequire(import.meta.url);
const VENDOR = path.resolve(import.meta.dirname, '../../src/bundle/vendor');
const JSZIP_LIB = path.dirname(require.resolve('jszip/lib/index.js'));

export function jszipForExtension(): Plugin {
  return {
    name: 'liuzheng:jszip-for-extension',
    enforce: 'pre',
    resolveId(source, importer) {
      if (source === 'jszip') {
        return path.join(JSZIP_LIB, 'index.js');
      }
      if (importer === undefined || !importer.startsWith(JSZIP_LIB + path.sep)) {
        return null;
      }
      if (source === 'setimmediate') {
        return path.join(VENDOR, 'jszip-set-immediate.cjs');
      }
      if (path.resolve(path.dirname(importer), source) === path.join(JSZIP_LIB, 'crc32')) {
        return path.join(VENDOR, 'jszip-crc32.cjs');
      }
      // jszip/lib's optional Node stream support: absent in the browser (support.nodestream becomes false).
      if (source === 'readable-stream') {
        return path.join(VENDOR, 'no-node-streams.cjs');
      }
      return null;
    },
  };
}
