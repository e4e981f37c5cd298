/**
 * @module The one launch helper: Debian's Chromium (or CHROMIUM_PATH) with the built extension loaded,
 * driven by Playwright. Used by the end-to-end tests, `npm start`, eval and bench alike.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { chromium, type BrowserContext, type Worker } from 'playwright-core';

/** Where the Chrome build lands (LIUZHENG_OUT_DIR moves it, as in wxt.config.ts). */
export const EXTENSION_DIR = path.resolve(process.env.LIUZHENG_OUT_DIR ?? '.output', 'chrome-mv3');

/** The Chromium executable: CHROMIUM_PATH, else Debian's. */
export function chromiumPath(): string {
  return process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
}

/** A browser with the extension loaded. */
export interface ExtensionBrowser {
  context: BrowserContext;
  serviceWorker: Worker;
  extensionId: string;
  /** URL of an extension page, e.g. `extensionUrl('popup.html')`. */
  extensionUrl: (page: string) => string;
}

/** Options of a launch. */
export interface LaunchOptions {
  /** Profile folder; '' gives a fresh temporary profile. Reuse one to test restarts. */
  userDataDir?: string;
  headless?: boolean;
  extensionDir?: string;
  args?: string[];
  viewport?: { width: number; height: number } | null;
  /** false: the browser refuses every download (Playwright's "deny"), for the interrupted-download test. */
  acceptDownloads?: boolean;
}

/** Launches Chromium with the unpacked extension and waits for its service worker. */
export async function launchWithExtension(options: LaunchOptions = {}): Promise<ExtensionBrowser> {
  const extensionDir = options.extensionDir ?? EXTENSION_DIR;
  if (!existsSync(path.join(extensionDir, 'manifest.json'))) {
    throw new Error(`no extension build at ${extensionDir}: run the build first`);
  }
  const executablePath = chromiumPath();
  if (!existsSync(executablePath)) {
    throw new Error(`Chromium not found at ${executablePath}: install Debian's chromium (apt-get install chromium) or set CHROMIUM_PATH`);
  }
  const context = await chromium.launchPersistentContext(options.userDataDir ?? '', {
    executablePath,
    headless: options.headless ?? true,
    args: [
      `--disable-extensions-except=${extensionDir}`,
      `--load-extension=${extensionDir}`,
      '--disable-quic',
      // Fixture pages served at their real https addresses load frames from loopback (e2e-recipe.md addendum).
      '--disable-features=LocalNetworkAccessChecks',
      ...(options.args ?? []),
    ],
    viewport: options.viewport === undefined ? { width: 1280, height: 800 } : options.viewport,
    acceptDownloads: options.acceptDownloads ?? true,
  });
  const serviceWorker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 15_000 }));
  const extensionId = new URL(serviceWorker.url()).host;
  return { context, serviceWorker, extensionId, extensionUrl: (page) => `chrome-extension://${extensionId}/${page}` };
}

/** The current service worker (a restarted worker is a new Worker object). */
export async function currentServiceWorker(context: BrowserContext): Promise<Worker> {
  return context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 15_000 }));
}
