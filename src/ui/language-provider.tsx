/** @module Provides the interface language, following the browser until the user switches. */
import { useMemo, useState, type ReactNode } from 'react';
import { defaultLanguage, translator, type Language } from '@/src/ui/i18n';
import { LanguageContext } from '@/src/ui/language';

/** Wraps a page so every component below can translate. */
export function LanguageProvider({ children }: { children: ReactNode }): ReactNode {
  const [language, setLanguage] = useState<Language>(() => {
    const fromQuery = new URLSearchParams(location.search).get('lang');
    return fromQuery === 'en' || fromQuery === 'zh-CN' ? fromQuery : defaultLanguage();
  });
  const value = useMemo(() => ({ language, t: translator(language), setLanguage }), [language]);
  document.documentElement.lang = language;
  return <LanguageContext.Provider value={value}>{children}</LanguageContext.Provider>;
}
