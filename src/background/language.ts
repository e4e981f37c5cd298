/** @module The language of what the background itself shows (notifications, the toolbar title): the user's choice in the options, else the browser's. */
import { readSettings } from '@/src/settings/store';
import { defaultLanguage, type Language } from '@/src/ui/i18n';

/** The interface language for texts the background writes. */
export async function backgroundLanguage(): Promise<Language> {
  const { language } = await readSettings();
  return language === 'auto' ? defaultLanguage() : language;
}
