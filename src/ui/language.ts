/** @module The interface language as React context, so every component translates the same way. */
import { createContext, useContext } from 'react';
import { defaultLanguage, translator, type Language } from '@/src/ui/i18n';

/** Current language and its translator. */
export interface LanguageContextValue {
  language: Language;
  t: ReturnType<typeof translator>;
  setLanguage: (language: Language) => void;
}

const initial = defaultLanguage();

/** React context carrying the interface language. */
export const LanguageContext = createContext<LanguageContextValue>({ language: initial, t: translator(initial), setLanguage: () => undefined });

/** The current translator. */
export function useT(): LanguageContextValue {
  return useContext(LanguageContext);
}
