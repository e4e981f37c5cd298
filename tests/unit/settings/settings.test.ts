import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { recordBytes, sumCaseSizes } from '@/src/settings/case-sizes';
import { isPausedUrl, siteOrigin, sitePolicy, withSitePaused } from '@/src/settings/origins';
import { DEFAULT_SETTINGS, parseSettings, SETTINGS_KEY } from '@/src/settings/schema';
import { assessStorage, formatBytes, WARN_FREE_BYTES } from '@/src/settings/storage-usage';
import { readSettings, updateSettings, watchSettings } from '@/src/settings/store';

const MB = 1024 * 1024;
const GB = 1024 * MB;

describe('settings schema', () => {
  it('gives the defaults for nothing stored, or for something that is not an object', () => {
    expect(parseSettings(undefined)).toEqual(DEFAULT_SETTINGS);
    expect(parseSettings(null)).toEqual(DEFAULT_SETTINGS);
    expect(parseSettings('settings')).toEqual(DEFAULT_SETTINGS);
    expect(parseSettings([1, 2])).toEqual(DEFAULT_SETTINGS);
    expect(DEFAULT_SETTINGS).toEqual({ pausedOrigins: [], autoSaveChats: true, defaultDemand: 'refund', maskPrivacy: true, language: 'auto' });
  });

  it('keeps valid values and replaces each invalid one by its default only', () => {
    const parsed = parseSettings({ autoSaveChats: false, defaultDemand: 'triple-compensation', maskPrivacy: 'no', language: 'fr', pausedOrigins: ['https://shop.example'] });
    expect(parsed).toEqual({ pausedOrigins: ['https://shop.example'], autoSaveChats: false, defaultDemand: 'triple-compensation', maskPrivacy: true, language: 'auto' });
    expect(parseSettings({ language: 'zh-TW' }).language).toBe('zh-TW');
  });

  it('drops unknown fields', () => {
    expect(parseSettings({ extra: 1, language: 'en' })).toEqual({ ...DEFAULT_SETTINGS, language: 'en' });
  });

  it('keeps only well-formed http(s) origins in the pause list, once each', () => {
    const parsed = parseSettings({
      pausedOrigins: ['https://shop.example', 'https://shop.example', 'https://shop.example/order', 'javascript:alert(1)', 'file:///etc', 42, 'http://127.0.0.1:8080', 'https://a b.example'],
    });
    expect(parsed.pausedOrigins).toEqual(['https://shop.example', 'http://127.0.0.1:8080']);
    expect(parseSettings({ pausedOrigins: 'https://shop.example' }).pausedOrigins).toEqual([]);
  });
});

describe('per-site pause', () => {
  const paused = { ...DEFAULT_SETTINGS, pausedOrigins: ['https://shop.example', 'http://127.0.0.1:8080'] };

  it('reads the origin of web addresses only', () => {
    expect(siteOrigin('https://shop.example/user/order?no=1#x')).toBe('https://shop.example');
    expect(siteOrigin('https://SHOP.example:443/')).toBe('https://shop.example');
    expect(siteOrigin('chrome://extensions')).toBeNull();
    expect(siteOrigin('about:blank')).toBeNull();
    expect(siteOrigin('not a url')).toBeNull();
    expect(siteOrigin(undefined)).toBeNull();
  });

  it('matches every page of a paused origin, and nothing else', () => {
    expect(isPausedUrl(paused, 'https://shop.example/orders/123')).toBe(true);
    expect(isPausedUrl(paused, 'https://shop.example:443/')).toBe(true);
    expect(isPausedUrl(paused, 'http://127.0.0.1:8080/chat')).toBe(true);
    // Another scheme, port or host is another site.
    expect(isPausedUrl(paused, 'http://shop.example/orders/123')).toBe(false);
    expect(isPausedUrl(paused, 'http://127.0.0.1:8081/chat')).toBe(false);
    expect(isPausedUrl(paused, 'https://www.shop.example/')).toBe(false);
    expect(isPausedUrl(paused, 'https://shop.example.evil.test/')).toBe(false);
    expect(isPausedUrl(paused, undefined)).toBe(false);
  });

  it('pauses and resumes a site by any of its addresses, idempotently', () => {
    const once = withSitePaused(DEFAULT_SETTINGS, 'https://shop.example/a', true);
    expect(once.pausedOrigins).toEqual(['https://shop.example']);
    expect(withSitePaused(once, 'https://shop.example/b?c', true).pausedOrigins).toEqual(['https://shop.example']);
    expect(withSitePaused(once, 'https://shop.example/', false).pausedOrigins).toEqual([]);
    expect(withSitePaused(once, 'chrome://newtab', true)).toBe(once);
  });

  it('turns the settings into what a page may do', () => {
    expect(sitePolicy(paused, 'https://shop.example/x')).toEqual({ paused: true, detectOrders: false, saveChats: false });
    expect(sitePolicy(DEFAULT_SETTINGS, 'https://shop.example/x')).toEqual({ paused: false, detectOrders: true, saveChats: true });
    expect(sitePolicy({ ...DEFAULT_SETTINGS, autoSaveChats: false }, 'https://shop.example/x')).toEqual({ paused: false, detectOrders: true, saveChats: false });
  });
});

describe('storage assessment', () => {
  it('warns at 80 % of the quota', () => {
    expect(assessStorage({ usage: 7.9 * GB, quota: 10 * GB }).warn).toBe(false);
    expect(assessStorage({ usage: 8 * GB, quota: 10 * GB }).warn).toBe(true);
  });

  it('warns when less than 500 MB are left, even far below 80 %', () => {
    expect(assessStorage({ usage: 100 * MB, quota: 100 * MB + WARN_FREE_BYTES - 1 }).warn).toBe(true);
    expect(assessStorage({ usage: 100 * MB, quota: 100 * MB + WARN_FREE_BYTES }).warn).toBe(false);
  });

  it('reports the figures and does not warn without a quota', () => {
    expect(assessStorage({ usage: 1 * GB, quota: 4 * GB })).toEqual({ usedBytes: GB, quotaBytes: 4 * GB, freeBytes: 3 * GB, usedRatio: 0.25, warn: false });
    expect(assessStorage({})).toEqual({ usedBytes: 0, quotaBytes: null, freeBytes: null, usedRatio: null, warn: false });
    expect(assessStorage({ usage: 10, quota: 0 }).warn).toBe(false);
  });

  it('formats sizes', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(1023)).toBe('1023 B');
    expect(formatBytes(1536)).toBe('2 KB');
    expect(formatBytes(5 * MB + MB / 2)).toBe('5.5 MB');
    expect(formatBytes(3 * GB)).toBe('3.0 GB');
  });

  it('sums sizes per case, largest first', () => {
    const sizes = sumCaseSizes([
      { caseId: 'b', bytes: 10 },
      { caseId: 'a', bytes: 5 },
      { caseId: 'b', bytes: 1 },
      { caseId: 'c', bytes: 5 },
    ]);
    expect(sizes).toEqual([
      { caseId: 'b', bytes: 11 },
      { caseId: 'a', bytes: 5 },
      { caseId: 'c', bytes: 5 },
    ]);
    expect(recordBytes({ text: '留证' })).toBe(JSON.stringify({ text: '留证' }).length * 2);
  });
});

describe('settings store', () => {
  it('reads defaults, stores changes and tells watchers', async () => {
    fakeBrowser.reset();
    expect(await readSettings()).toEqual(DEFAULT_SETTINGS);
    const seen: string[] = [];
    const unwatch = watchSettings((settings) => seen.push(settings.language));
    const next = await updateSettings((current) => withSitePaused({ ...current, language: 'zh-TW' }, 'https://shop.example/1', true));
    expect(next.pausedOrigins).toEqual(['https://shop.example']);
    expect(await readSettings()).toEqual(next);
    expect(seen).toEqual(['zh-TW']);
    unwatch();
    await updateSettings((current) => ({ ...current, language: 'en' }));
    expect(seen).toEqual(['zh-TW']);
  });

  it('repairs a damaged stored value instead of failing', async () => {
    fakeBrowser.reset();
    await fakeBrowser.storage.local.set({ [SETTINGS_KEY]: { autoSaveChats: 'yes', pausedOrigins: ['<script>'] } });
    expect(await readSettings()).toEqual(DEFAULT_SETTINGS);
  });
});
