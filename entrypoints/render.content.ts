import { browser } from 'wxt/browser';
import { defineContentScript } from '#imports';
import { renderFullPage } from '@/src/capture/render-full-page';
import { keepRendererResident } from '@/src/capture/resident-renderer';

/**
 * Injected into the top frame at a page's first capture; its result goes back to executeScript. It stays in the
 * extension's world of that page for later captures (src/capture/resident-renderer.ts).
 */
export default defineContentScript({
  matches: ['<all_urls>'],
  registration: 'runtime',
  main: () => {
    keepRendererResident(browser.runtime.getManifest().version, () => renderFullPage());
    return renderFullPage();
  },
});
