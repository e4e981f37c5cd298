/**
 * @module Firefox with the built add-on, driven over WebDriver BiDi (Firefox's own remote protocol; no driver
 * binary, no browser download): Debian's firefox-esr (or FIREFOX_PATH) is started headless with a fresh profile,
 * the add-on is installed as a temporary add-on (`webExtension.install`), pages are opened and scripts evaluated.
 * Needs a WebSocket client: Node ≥ 22 has one; Node 20 with `--experimental-websocket` (the npm script sets it).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Where the Firefox build lands (LIUZHENG_OUT_DIR moves it, as in wxt.config.ts). */
export const FIREFOX_EXTENSION_DIR = path.resolve(process.env.LIUZHENG_OUT_DIR ?? '.output', 'firefox-mv3');

/** The add-on id from wxt.config.ts (browser_specific_settings.gecko.id). */
export const ADDON_ID = 'liuzheng@liuzheng.local';

/** The Firefox executable: FIREFOX_PATH, else Debian's ESR. */
export function firefoxPath(): string {
  return process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
}

interface BidiResponse {
  id?: number;
  type: 'success' | 'error' | 'event';
  result?: unknown;
  error?: string;
  message?: string;
}

/** A running Firefox with the add-on installed. */
export interface FirefoxWithAddon {
  /** Sends one BiDi command and returns its result (throws on a BiDi error). */
  send: (method: string, params: Record<string, unknown>) => Promise<unknown>;
  /** The add-on's base URL (`moz-extension://<fixed uuid>/`), fixed through the profile's preferences. */
  extensionBase: string;
  /** Opens a new tab at `url` and waits for its load; returns the browsing context id. */
  openTab: (url: string) => Promise<string>;
  /** Evaluates `expression` in a tab and returns its value (strings, numbers and booleans only). */
  evaluate: (context: string, expression: string) => Promise<string | number | boolean | null>;
  close: () => Promise<void>;
}

/** Starts Firefox and installs the add-on from `extensionDir` as a temporary add-on. */
export async function launchFirefoxWithAddon(extensionDir: string = FIREFOX_EXTENSION_DIR): Promise<FirefoxWithAddon> {
  if (!existsSync(path.join(extensionDir, 'manifest.json'))) {
    throw new Error(`no Firefox build at ${extensionDir}: run npm run build:firefox first`);
  }
  if (!existsSync(firefoxPath())) {
    throw new Error(`Firefox not found at ${firefoxPath()}: apt-get install firefox-esr, or set FIREFOX_PATH`);
  }
  if (typeof WebSocket === 'undefined') {
    throw new Error('no WebSocket in this Node: use Node 22+, or Node 20 with --experimental-websocket');
  }
  const uuid = randomUUID();
  const profile = mkdtempSync(path.join(os.tmpdir(), 'liuzheng-firefox-'));
  // A fixed moz-extension:// UUID, so the test can open the add-on's pages; no first-run pages or updates.
  const prefs: Record<string, string | boolean> = {
    'extensions.webextensions.uuids': JSON.stringify({ [ADDON_ID]: uuid }),
    'browser.shell.checkDefaultBrowser': false,
    'app.update.enabled': false,
    'browser.startup.homepage_override.mstone': 'ignore',
    'datareporting.policy.dataSubmissionEnabled': false,
  };
  writeFileSync(path.join(profile, 'user.js'), Object.entries(prefs).map(([k, v]) => `user_pref(${JSON.stringify(k)}, ${JSON.stringify(v)});`).join('\n'));
  // --remote-allow-system-access: since Firefox 153, BiDi navigates to moz-extension:// pages only with it.
  const child: ChildProcess = spawn(firefoxPath(), ['--headless', '--remote-debugging-port=0', '--remote-allow-system-access', '--profile', profile, '--no-remote', 'about:blank'], { stdio: ['ignore', 'pipe', 'pipe'] });
  const endpoint = await new Promise<string>((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`Firefox did not announce WebDriver BiDi within 30 s:\n${output}`)), 30_000);
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      const match = /WebDriver BiDi listening on (ws:\/\/\S+)/.exec(output);
      if (match?.[1] !== undefined) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stderr?.on('data', onData);
    child.stdout?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`Firefox exited (${String(code)}):\n${output}`)));
  });
  const socket = new WebSocket(`${endpoint}/session`);
  await new Promise<void>((resolve, reject) => {
    socket.addEventListener('open', () => resolve(), { once: true });
    socket.addEventListener('error', () => reject(new Error(`cannot connect to ${endpoint}/session`)), { once: true });
  });
  let nextId = 0;
  const pending = new Map<number, (response: BidiResponse) => void>();
  socket.addEventListener('message', (event: MessageEvent<string>) => {
    const response = JSON.parse(event.data) as BidiResponse;
    if (response.id !== undefined) {
      pending.get(response.id)?.(response);
      pending.delete(response.id);
    }
  });
  const send = async (method: string, params: Record<string, unknown>): Promise<unknown> => {
    nextId += 1;
    const id = nextId;
    const response = await new Promise<BidiResponse>((resolve) => {
      pending.set(id, resolve);
      socket.send(JSON.stringify({ id, method, params }));
    });
    if (response.type === 'error') {
      throw new Error(`${method}: ${response.error ?? ''} ${response.message ?? ''}`);
    }
    return response.result;
  };

  await send('session.new', { capabilities: {} });
  await send('webExtension.install', { extensionData: { type: 'path', path: extensionDir } });

  return {
    send,
    extensionBase: `moz-extension://${uuid}/`,
    openTab: async (url) => {
      const created = (await send('browsingContext.create', { type: 'tab' })) as { context: string };
      // Extension pages may never report their load to BiDi: wait for web pages only, poll the others.
      await send('browsingContext.navigate', { context: created.context, url, wait: url.startsWith('moz-extension:') ? 'none' : 'complete' });
      return created.context;
    },
    evaluate: async (context, expression) => {
      const result = (await send('script.evaluate', { expression, target: { context }, awaitPromise: true })) as {
        type: 'success' | 'exception';
        result?: { type: string; value?: unknown };
        exceptionDetails?: { text?: string };
      };
      if (result.type === 'exception') {
        throw new Error(`script threw: ${result.exceptionDetails?.text ?? ''}`);
      }
      const value = result.result?.value;
      return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? value : null;
    },
    close: async () => {
      try {
        await send('browser.close', {});
      } catch {
        // Firefox may drop the connection while closing.
      }
      socket.close();
      await new Promise((resolve) => {
        const timer = setTimeout(() => {
          child.kill();
          resolve(undefined);
        }, 5_000);
        child.once('exit', () => {
          clearTimeout(timer);
          resolve(undefined);
        });
      });
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
