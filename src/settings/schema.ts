/**
 * @module The user's settings: their Zod schema and defaults. Parsing never fails: a missing or invalid field
 * (an older version, a hand-edited profile) falls back to its default, so a bad value cannot disable the extension.
 */
import * as z from 'zod';

/** storage.local key of the settings object. */
export const SETTINGS_KEY = 'settings';

/** The interface language the user picked; 'auto' follows the browser's UI language. */
export const LanguageChoiceSchema = z.enum(['auto', 'zh-CN', 'zh-TW', 'en']);
export type LanguageChoice = z.infer<typeof LanguageChoiceSchema>;

/** What the evidence pack's drafts ask for (the same values as the bundle's Demand). */
export const DemandSchema = z.enum(['refund', 'refund-interest-costs', 'triple-compensation']);

/** A web origin as `URL#origin` writes it: scheme, host and a non-default port, nothing else. */
export const OriginSchema = z
  .string()
  .max(300)
  .regex(/^https?:\/\/[^/?#\s]+$/);

/** Every setting. */
export const SettingsSchema = z.object({
  /** Sites (origins) where the extension neither detects orders nor saves chats. */
  pausedOrigins: z.array(OriginSchema).max(10_000).catch([]),
  /** Save support chats automatically (off: nothing is saved from any chat). */
  autoSaveChats: z.boolean().catch(true),
  /** Preselected demand on the export page. */
  defaultDemand: DemandSchema.catch('refund'),
  /** Preselected privacy masking on the export page. */
  maskPrivacy: z.boolean().catch(true),
  language: LanguageChoiceSchema.catch('auto'),
});
export type Settings = z.infer<typeof SettingsSchema>;

/** The settings of a fresh install. */
export const DEFAULT_SETTINGS: Settings = Object.freeze({
  pausedOrigins: [],
  autoSaveChats: true,
  defaultDemand: 'refund',
  maskPrivacy: true,
  language: 'auto',
});

/** Reads a stored value as settings: defaults for whatever is missing or invalid; unknown fields dropped. */
export function parseSettings(stored: unknown): Settings {
  const object: Record<string, unknown> = typeof stored === 'object' && stored !== null && !Array.isArray(stored) ? { ...stored } : {};
  // One bad origin drops only itself, not the user's whole pause list.
  if (Array.isArray(object.pausedOrigins)) {
    object.pausedOrigins = object.pausedOrigins.filter((origin) => OriginSchema.safeParse(origin).success);
  }
  const parsed = SettingsSchema.parse({ ...DEFAULT_SETTINGS, ...object });
  // Origins are compared as sets; duplicates from two quick toggles are dropped.
  return { ...parsed, pausedOrigins: [...new Set(parsed.pausedOrigins)] };
}
