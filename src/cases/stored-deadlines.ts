/**
 * @module The computed deadlines as the background keeps them in storage.local for the interface, parsed
 * on read (storage is a boundary like any other).
 */
import { browser } from 'wxt/browser';
import * as z from 'zod';

/** storage.local key of the computed deadlines. */
export const DEADLINES_KEY = 'reminders:deadlines';

/** One deadline of one case, as shown to the user. */
export const StoredDeadlineSchema = z.object({
  id: z.string(),
  rule: z.string(),
  orderNo: z.string().nullable(),
  dueAt: z.string(),
  dueAtMs: z.number(),
  approximate: z.boolean(),
  action: z.object({ zh: z.string(), en: z.string() }),
  basis: z.object({ kind: z.enum(['law', 'shop', 'habit']), zh: z.string(), en: z.string(), article: z.string().optional(), quote: z.string().optional() }),
  state: z.enum(['upcoming', 'due-soon', 'overdue', 'dismissed', 'snoozed']),
  snoozedUntilMs: z.number().nullable(),
  caseId: z.string(),
  caseTitle: z.string(),
});
export type StoredDeadline = z.infer<typeof StoredDeadlineSchema>;

/** Reads the stored deadlines; entries that do not parse are left out. */
export async function readStoredDeadlines(): Promise<StoredDeadline[]> {
  const stored: Record<string, unknown> = await browser.storage.local.get(DEADLINES_KEY);
  const value = stored[DEADLINES_KEY];
  if (!Array.isArray(value)) {
    return [];
  }
  return value.flatMap((entry: unknown) => {
    const parsed = StoredDeadlineSchema.safeParse(entry);
    return parsed.success ? [parsed.data] : [];
  });
}
