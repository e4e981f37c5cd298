/**
 * @module Vite plugin: the extension's build of html2canvas-pro, the published ES build with two transforms that
 * make a full-page image faster, or possible at all, and change no drawing rule of the library:
 * - ./html2canvas-lazy-styles.ts — computed styles read as far as an element is drawn (the same pixels);
 * - ./html2canvas-text-runs.ts — a text node laid out on one line measured and drawn as one run (closer to the
 *   browser's own rendering than word by word);
 * - ./html2canvas-srcdoc-clone.ts — where the browser refuses `document.open()` to a content script (Firefox), the
 *   page's copy goes into an iframe document made from `srcdoc` (before, Firefox kept no full-page image).
 * Each transform fails the build when the library's source no longer matches what it expects.
 */
import type { Plugin } from 'vite';
import { lazyStyleReads } from './html2canvas-lazy-styles';
import { singleLineTextRuns } from './html2canvas-text-runs';
import { srcdocCloneFallback } from './html2canvas-srcdoc-clone';

/** The published library with the three transforms applied, as the extension bundles it. */
export function transformHtml2canvasPro(source: string): string {
  return srcdocCloneFallback(singleLineTextRuns(lazyStyleReads(source)));
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
