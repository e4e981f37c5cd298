import { defineContentScript } from '#imports';
import { renderFullPage } from '@/src/capture/render-full-page';

/** Injected on demand into the top frame when the user captures; its result goes back to executeScript. */
export default defineContentScript({
  matches: ['<all_urls>'],
  registration: 'runtime',
  main: () => renderFullPage(),
});
