/**
 * The popup, the cases page and the options page in each interface language, with an order case that has a
 * capture: every page renders its own language's strings, none missing or left as a placeholder. With
 * DOCS_SCREENSHOTS=1 it also writes the README's screenshots to docs/.
 */
import type { Page } from '@playwright/test';
import { pressCapture, tabIdOf } from '../../scripts/lib/driver.ts';
import { LANGUAGES, messageTables, type Language, type MessageKey } from '../../src/ui/i18n.ts';
import { expect, test } from './fixtures.ts';

const HOUR = 3_600_000;
const tables = messageTables();
const shots = process.env.DOCS_SCREENSHOTS === '1';
/** File name part of each language's screenshots. */
const SHOT_NAME: Record<Language, string> = { 'zh-CN': 'zh', 'zh-TW': 'zh-TW', en: 'en' };
/** Texts the same in every language ('SHA-256'), and the event log's '#' column. */
const NEUTRAL = new Set(['#', ...Object.keys(tables.en).filter((key) => LANGUAGES.every((l) => tables[l][key as MessageKey] === tables.en[key as MessageKey])).map((key) => tables.en[key as MessageKey])]);
const CJK = /[\u3400-\u9fff]/;
/** Simplified-only characters of this interface (its traditional table uses none of them). */
const SIMPLIFIED_ONLY = /[证录页识别码储载辑览数据库设网络开关闭处务时间订单号状态费复删择认误续补们这对说话发货还为导读写链]/;

/**
 * The interface's own words on `page`: buttons (not the case list's, which show case titles), table headers,
 * legends and small headings, and labels without a select inside (a select lists case titles).
 */
async function chromeTexts(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    // button:not(.case-item): every button but the case list's; th, legend, h3: headers of tables, fieldsets, sections
    [...document.querySelectorAll('button:not(.case-item), th, legend, h3, label')]
      .filter((element) => element.querySelector('select') === null)
      .map((element) => (element.textContent ?? '').trim())
      .filter((text) => text !== ''),
  );
}

/** Every page's text: no missing string ("undefined"), no unfilled placeholder, the expected strings present. */
async function expectLanguage(page: Page, language: Language, keys: readonly MessageKey[]): Promise<void> {
  const text = await page.locator('body').innerText();
  expect(text).not.toContain('undefined');
  expect(text).not.toMatch(/\{[a-z]+\}/);
  for (const key of keys) {
    expect(text, `${language}: ${key}`).toContain(tables[language][key]);
  }
  expect(await page.evaluate(() => document.documentElement.lang)).toBe(language);
  for (const chrome of (await chromeTexts(page)).filter((text) => !NEUTRAL.has(text))) {
    if (language === 'en') {
      expect(CJK.test(chrome), `Chinese in the English interface: ${chrome}`).toBe(false);
    } else {
      expect(CJK.test(chrome), `no Chinese in the ${language} interface: ${chrome}`).toBe(true);
    }
    if (language === 'zh-TW') {
      expect(SIMPLIFIED_ONLY.test(chrome), `simplified text in the traditional interface: ${chrome}`).toBe(false);
    }
  }
}

test('popup, cases and options pages in every language, no string missing', async ({ ext, servers }) => {
  test.setTimeout(150_000);
  const page = await ext.context.newPage();
  await page.goto(`${servers.main.origin}/pages/order-relative.html?placedAgoMs=${6 * HOUR}`);
  // The order is recognised (its facts show in the popup), then captured so the cases page has evidence.
  expect((await pressCapture(ext, page)).ok).toBe(true);
  const tabId = await tabIdOf(ext.serviceWorker, page);

  for (const language of LANGUAGES) {
    const popup = await ext.context.newPage();
    await popup.setViewportSize({ width: 400, height: 820 });
    await popup.goto(ext.extensionUrl(`popup.html?tabId=${tabId}&lang=${language}`));
    await popup.getByTestId('capture-batch').first().waitFor({ timeout: 15_000 });
    await popup.getByTestId('site-state').waitFor();
    await expectLanguage(popup, language, ['capture', 'shortcutHint', 'latestCaptures', 'openCases', 'openOptions', 'siteActive', 'pauseSite', 'orderRecognised']);
    if (shots && language !== 'zh-TW') {
      await popup.screenshot({ path: `docs/popup-${SHOT_NAME[language]}.png` });
    }
    await popup.close();

    const cases = await ext.context.newPage();
    await cases.setViewportSize({ width: 1280, height: 900 });
    await cases.goto(ext.extensionUrl(`cases.html?lang=${language}`));
    await cases.getByTestId('capture-item').first().waitFor({ timeout: 15_000 });
    await expectLanguage(cases, language, ['casesTitle', 'exportPack', 'captures', 'events', 'eventType', 'eventTime', 'deadlines', 'recordAction', 'openOptions']);
    if (shots && language !== 'zh-TW') {
      await cases.screenshot({ path: `docs/cases-${SHOT_NAME[language]}.png` });
    }
    await cases.close();

    const options = await ext.context.newPage();
    await options.setViewportSize({ width: 900, height: 1000 });
    await options.goto(ext.extensionUrl(`options.html?lang=${language}`));
    await options.getByTestId('case-size').first().waitFor({ timeout: 15_000 });
    await options.getByTestId('storage-used').waitFor();
    await expectLanguage(options, language, ['optionsTitle', 'pausedSites', 'noPausedSites', 'autoSaveChats', 'exportDefaults', 'storageTitle', 'storageByCase', 'storageTotal']);
    if (shots && language === 'zh-CN') {
      await options.screenshot({ path: 'docs/options-zh.png', fullPage: true });
    }
    await options.close();
  }
});
