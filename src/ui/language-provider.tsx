/**
 * @module Provides the interface language: `?lang=` in the page address (tests, links between pages) first,
 * then the language picked in the settings, else the browser's UI language. Follows later changes of the
 * setting live, so switching it in the options page switches every open page.
 */
import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { defaultLanguage, isLanguage, translator, type Language } from '@/src/ui/i18n';
import { LanguageContext } from '@/src/ui/language';
import type { LanguageChoice } from '@/src/settings/schema';
import { readSettings, watchSettings } from '@/src/settings/store';

/** The language for a settings choice ('auto' follows the browser). */
export function languageOfChoice(choice: LanguageChoice): Language {
  return choice === 'auto' ? defaultLanguage() : choice;
}

/** Wraps a page so every component below can translate. */
export function LanguageProvider({ children }: { children: ReactNode }): ReactNode {
  const [fromQuery] = useState(() => {
    const value = new URLSearchParams(location.search).get('lang');
    return isLanguage(value) ? value : null;
  });
  const [language, setLanguage] = useState<Language>(() => fromQuery ?? defaultLanguage());
  useEffect(() => {
    let live = true;
    // Only a change of the language setting switches the page (not a pause toggled elsewhere).
    let lastChoice: LanguageChoice | null = null;
    void readSettings().then((settings) => {
      if (!live) {
        return;
      }
      lastChoice ??= settings.language;
      if (fromQuery === null) {
        setLanguage(languageOfChoice(settings.language));
      }
    });
    const unwatch = watchSettings((settings) => {
      if (settings.language !== lastChoice) {
        lastChoice = settings.language;
        setLanguage(languageOfChoice(settings.language));
      }
    });
    return () => {
      live = false;
      unwatch();
    };
  }, [fromQuery]);
  const value = useMemo(() => ({ language, t: translator(language), setLanguage }), [language]);
  document.documentElement.lang = language;
  return <LanguageContext.Provider value={value}>{children}</LanguageContext.Provider>;
}
