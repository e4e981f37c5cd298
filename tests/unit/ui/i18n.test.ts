import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { defaultLanguage, isLanguage, languageFromUiLanguage, LANGUAGE_NAMES, LANGUAGES, messageTables, translator } from '@/src/ui/i18n';

const tables = messageTables();
const keys = Object.keys(tables['zh-CN']);
const placeholders = (text: string): string[] => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? '').sort();

/** Characters whose simplified form differs from the traditional one, as they occur in this interface. */
const SIMPLIFIED_ONLY = /[证录页识别钥码储载辑览数据库设网络开关闭处务时间订单号状态费复删择认误续补们这对说话发货还为导读写链]/;

describe('interface strings', () => {
  it('every table has every key, with text, and the same placeholders', () => {
    expect(keys.length).toBeGreaterThan(100);
    for (const language of LANGUAGES) {
      const table = tables[language];
      expect(Object.keys(table).sort(), language).toEqual([...keys].sort());
      for (const key of keys) {
        const text = table[key as keyof typeof table];
        expect(text.trim(), `${language}.${key}`).not.toBe('');
        expect(placeholders(text), `${language}.${key}`).toEqual(placeholders(tables['zh-CN'][key as keyof typeof table]));
      }
    }
  });

  it('the traditional table is translated, not a copy of the simplified one', () => {
    for (const key of keys) {
      const text = tables['zh-TW'][key as keyof (typeof tables)['zh-TW']];
      expect(SIMPLIFIED_ONLY.test(text), `zh-TW.${key}: ${text}`).toBe(false);
    }
    // Regional wording, not just converted characters.
    expect(tables['zh-TW'].capture).toBe('蒐證');
    expect(tables['zh-TW'].kind_html).toBe('頁面原始碼');
    const same = keys.filter((key) => tables['zh-TW'][key as keyof (typeof tables)['zh-TW']] === tables['zh-CN'][key as keyof (typeof tables)['zh-CN']]);
    expect(same.length / keys.length).toBeLessThan(0.25);
  });

  it('the simplified table uses no traditional-only characters', () => {
    const traditionalOnly = /[證錄頁識別鑰碼儲載輯覽數據庫設網絡開關閉處務時間訂單號狀態費復刪擇認誤續補們這對說話發貨還為導讀寫鏈]/;
    for (const key of keys) {
      const text = tables['zh-CN'][key as keyof (typeof tables)['zh-CN']];
      expect(traditionalOnly.test(text), `zh-CN.${key}: ${text}`).toBe(false);
    }
  });

  it('fills placeholders', () => {
    expect(translator('zh-TW')('captureDone', { n: 5 })).toBe('已儲存 5 項證據');
    expect(translator('en')('captureDone', { n: 5 })).toBe('5 evidence items saved');
  });

  it('names each language in itself', () => {
    expect(LANGUAGE_NAMES).toEqual({ 'zh-CN': '简体中文', 'zh-TW': '繁體中文', en: 'English' });
    expect(LANGUAGES.every(isLanguage)).toBe(true);
    expect(isLanguage('zh')).toBe(false);
    expect(isLanguage(undefined)).toBe(false);
  });
});

describe('language from the browser', () => {
  it.each([
    ['zh-TW', 'zh-TW'],
    ['zh-HK', 'zh-TW'],
    ['zh-MO', 'zh-TW'],
    ['zh_TW', 'zh-TW'],
    ['zh-Hant', 'zh-TW'],
    ['zh-Hant-CN', 'zh-TW'],
    ['zh-CN', 'zh-CN'],
    ['zh', 'zh-CN'],
    ['zh-SG', 'zh-CN'],
    ['zh-Hans-HK', 'zh-CN'],
    ['', 'zh-CN'],
    ['en-US', 'en'],
    ['ja', 'en'],
    ['de-AT', 'en'],
  ] as const)('%s → %s', (ui, expected) => {
    expect(languageFromUiLanguage(ui)).toBe(expected);
  });

  it('reads the browser UI language', () => {
    const spy = fakeBrowser.i18n.getUILanguage;
    fakeBrowser.i18n.getUILanguage = () => 'zh-HK';
    expect(defaultLanguage()).toBe('zh-TW');
    fakeBrowser.i18n.getUILanguage = spy;
  });
});
