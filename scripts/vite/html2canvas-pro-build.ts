/**
 * @module Vite plugin: the extension's build of html2canvas-pro, the published ES build with two transforms that
 * make a full-page image faster and change no drawing rule of the library:
 * - ./html2canvas-lazy-styles.ts — computed styles read as far as an element is drawn (the same pixels);
 * - ./html2canvas-text-runs.ts — a text node laid out on one line measured and drawn as one run (closer to the
 *   browser's own rendering than word by word).
 * Each transform fails the build when the library's source no longer matches what it expects.
 */
import type { Plugin } from 'vite';
import { lazyStyleReads } from './html2canvas-lazy-styles';
import { singleLineTextRuns } from './html2canvas-text-runs';

/** The published library with both transforms applied, as the extension bundles it. */
export function transformHtml2canvasPro(source: string): string {
  return singleLineTextRuns(lazyStyleReads(source));
}

/** Matches html2canvas-pro's ES build wherever the package manager put it. */
const HTML2CANVAS_ESM = /[\\/]html2canvas-pro[\\/]dist[\\/]html2canvas-pro\.esm\.js$/;

export function html2canvasProBuild(): Plugin {
  let applied = false;
  return {
    name: 'liuzheng:html2canvas-pro-build',
    enforce: 'pre',
    transform(code, id) {
      if (!HTML2CANVAS_ESM.test(id)) {
        return null;
      }
      applied = true;
      return { code: transformHtml2canvasPro(code), map: null };
    },
    buildEnd(error) {
      // A build that bundled the renderer from another file (a changed package layout) would otherwise ship it untransformed.
      if (error === undefined && !applied && [...this.getModuleIds()].some((id) => id.includes('html2canvas-pro'))) {
        this.error('html2canvas-pro-build: html2canvas-pro was bundled from a file other than dist/html2canvas-pro.esm.js');
      }
    },
  };
}
