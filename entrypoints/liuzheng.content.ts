import { defineContentScript } from '#imports';
import { startContentScript } from '@/src/content/start';

/** Runs in every http(s) page and frame: card shops are countless domains and chats live in third-party frames. */
export default defineContentScript({
  matches: ['http://*/*', 'https://*/*'],
  allFrames: true,
  runAt: 'document_idle',
  main: startContentScript,
});
