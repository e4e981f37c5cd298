/**
 * @module Per-site pause, by origin (scheme + host + port): a card shop is one origin, and the same host over
 * http and https is the same shop only if the user pauses both. Pure: takes the settings and the URL.
 */
import type { SitePolicy } from '@/src/messaging/schemas';
import type { Settings } from '@/src/settings/schema';

/** The origin of an http(s) URL, or null for anything else (browser pages, files, invalid text). */
export function siteOrigin(url: string | undefined): string | null {
  if (url === undefined) {
    return null;
  }
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.origin : null;
  } catch {
    return null;
  }
}

/** True when the site of `url` is paused. Non-web URLs are never paused (nothing runs there anyway). */
export function isPausedUrl(settings: Pick<Settings, 'pausedOrigins'>, url: string | undefined): boolean {
  const origin = siteOrigin(url);
  return origin !== null && settings.pausedOrigins.includes(origin);
}

/** The settings with the site of `url` paused (`paused`) or resumed; unchanged for non-web URLs. */
export function withSitePaused<S extends Pick<Settings, 'pausedOrigins'>>(settings: S, url: string, paused: boolean): S {
  const origin = siteOrigin(url);
  if (origin === null) {
    return settings;
  }
  const others = settings.pausedOrigins.filter((o) => o !== origin);
  return { ...settings, pausedOrigins: paused ? [...others, origin] : others };
}

export type { SitePolicy };

/** The policy for a page whose top-level URL is `topUrl`. */
export function sitePolicy(settings: Settings, topUrl: string | undefined): SitePolicy {
  const paused = isPausedUrl(settings, topUrl);
  return { paused, detectOrders: !paused, saveChats: !paused && settings.autoSaveChats };
}
