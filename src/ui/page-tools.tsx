/**
 * @module Controls every extension page shares in its header: the language picker (stored in the settings,
 * so all pages follow) and the link to the options page.
 */
import { useEffect, useId, useState, type ReactNode } from 'react';
import { browser } from 'wxt/browser';
import type { LanguageChoice } from '@/src/settings/schema';
import { LanguageChoiceSchema } from '@/src/settings/schema';
import { readSettings, updateSettings } from '@/src/settings/store';
import { LANGUAGE_NAMES, LANGUAGES } from '@/src/ui/i18n';
import { useT } from '@/src/ui/language';

/** A labelled select of the interface language: follow the browser, or one of the three tables. */
export function LanguagePicker(): ReactNode {
  const { t, setLanguage } = useT();
  const id = useId();
  const [choice, setChoice] = useState<LanguageChoice | null>(null);
  useEffect(() => {
    void readSettings().then((settings) => setChoice(settings.language));
  }, []);
  async function pick(value: string): Promise<void> {
    const parsed = LanguageChoiceSchema.safeParse(value);
    if (!parsed.success) {
      return;
    }
    setChoice(parsed.data);
    if (parsed.data !== 'auto') {
      // At once on this page, even when its address fixes a language (?lang=); the setting reaches the others.
      setLanguage(parsed.data);
    }
    await updateSettings((current) => ({ ...current, language: parsed.data }));
  }
  return (
    <span className="page-tool">
      <label htmlFor={id} className="muted">
        {t('language')}
      </label>{' '}
      <select id={id} value={choice ?? 'auto'} disabled={choice === null} onChange={(e) => void pick(e.target.value)} data-testid="language-picker">
        <option value="auto">{t('languageAuto')}</option>
        {LANGUAGES.map((language) => (
          <option key={language} value={language} lang={language}>
            {LANGUAGE_NAMES[language]}
          </option>
        ))}
      </select>
    </span>
  );
}

/** Opens the options page in a tab (the popup closes; the options page outlives it). */
export function OptionsLink(): ReactNode {
  const { t } = useT();
  return (
    <button type="button" className="link-button" onClick={() => void browser.runtime.openOptionsPage()} data-testid="open-options">
      {t('openOptions')}
    </button>
  );
}
