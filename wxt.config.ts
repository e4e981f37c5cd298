import { defineConfig } from 'wxt';
import { html2canvasProBuild } from './scripts/vite/html2canvas-pro-build';
import { jszipForExtension } from './scripts/vite/jszip-for-extension';

/**
 * Build configuration. Entry points live in entrypoints/, all logic in src/ (imported as `@/src/…`).
 * `E2E_ALL_URLS=1` is set by the test build only: captureVisibleTab needs `<all_urls>` host access, which
 * the shipped build also requests because card shops are countless domains (DESIGN.md §6).
 */
export default defineConfig({
  // LIUZHENG_OUT_DIR lets parallel checkouts build side by side without overwriting each other's extension.
  outDir: process.env.LIUZHENG_OUT_DIR ?? '.output',
  modules: ['@wxt-dev/module-react'],
  imports: false,
  vite: () => ({ plugins: [jszipForExtension(), html2canvasProBuild()] }),
  zip: {
    // The AMO sources package is what a reviewer needs to rebuild: no local scratch files, screenshots or run outputs.
    excludeSources: ['tmp/**', 'tmp-*/**', 'out/**', 'docs/**', 'demo-cases.png', 'bench.json', 'eval-*.json', '.eval/**', '.bench/**', '.demo-profile/**', 'test-results/**', 'playwright-report/**'],
  },
  publicDir: 'assets/public',
  manifest: ({ browser }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'zh_CN',
    permissions: ['scripting', 'storage', 'unlimitedStorage', 'alarms', 'notifications', 'downloads'],
    host_permissions: ['<all_urls>'],
    commands: {
      'capture-page': {
        suggested_key: { default: 'Alt+Shift+S' },
        description: '__MSG_commandCapture__',
      },
    },
    ...(browser === 'firefox'
      ? { browser_specific_settings: { gecko: { id: 'liuzheng@liuzheng.local', strict_min_version: '128.0' } } }
      : {}),
  }),
});
