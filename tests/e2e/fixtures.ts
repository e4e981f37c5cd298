/** Playwright fixtures: loopback servers (two origins) and a browser with the built extension. */
import { test as base } from '@playwright/test';
import path from 'node:path';
import { launchWithExtension, type ExtensionBrowser } from '../../scripts/lib/chromium.ts';
import { serveStatic, type StaticServer } from '../../scripts/lib/static-server.ts';

export const FIXTURES = path.resolve('tests/fixtures');

interface Servers {
  /** http://127.0.0.1:<port> serving tests/fixtures. */
  main: StaticServer;
  /** http://localhost:<port> serving the same folder: another origin, for cross-origin frames. */
  other: StaticServer;
}

export const test = base.extend<{ ext: ExtensionBrowser }, { servers: Servers }>({
  servers: [
    // eslint-disable-next-line no-empty-pattern -- Playwright fixtures take their dependencies as the first argument; this one has none
    async ({}, use) => {
      const main = await serveStatic(FIXTURES);
      const other = await serveStatic(FIXTURES, { host: 'localhost' });
      await use({ main, other });
      await main.close();
      await other.close();
    },
    { scope: 'worker' },
  ],
  // eslint-disable-next-line no-empty-pattern -- as above: no dependencies
  ext: async ({}, use) => {
    const ext = await launchWithExtension();
    await use(ext);
    await ext.context.close();
  },
});

export { expect } from '@playwright/test';
