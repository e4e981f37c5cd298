/**
 * @module The one place settings are read and written: browser.storage.local under SETTINGS_KEY. Extension
 * pages, the background and content scripts all read through here (storage.local is open to content scripts).
 */
import { browser } from 'wxt/browser';
import { DEFAULT_SETTINGS, parseSettings, SETTINGS_KEY, type Settings } from '@/src/settings/schema';

/** The current settings (defaults when none are stored yet). */
export async function readSettings(): Promise<Settings> {
  const stored: Record<string, unknown> = await browser.storage.local.get(SETTINGS_KEY);
  return parseSettings(stored[SETTINGS_KEY] ?? DEFAULT_SETTINGS);
}

/** Applies `change` to the current settings and stores the result; returns it. */
export async function updateSettings(change: (current: Settings) => Settings): Promise<Settings> {
  const next = parseSettings(change(await readSettings()));
  await browser.storage.local.set({ [SETTINGS_KEY]: next });
  return next;
}

/** Calls `listener` with the new settings whenever they change (any context); returns the unsubscribe. */
export function watchSettings(listener: (settings: Settings) => void): () => void {
  const onChanged = (changes: Record<string, { newValue?: unknown }>, area: string): void => {
    const change = changes[SETTINGS_KEY];
    if (area === 'local' && change !== undefined) {
      listener(parseSettings(change.newValue ?? DEFAULT_SETTINGS));
    }
  };
  browser.storage.onChanged.addListener(onChanged);
  return () => browser.storage.onChanged.removeListener(onChanged);
}
