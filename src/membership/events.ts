/**
 * @module The event types this feature appends to a case's chain, their data schemas, and the reading of a
 * shop's cases + events into the checklists' input. Pure: records in, plain data out.
 */
import * as z from 'zod';
import { effectiveOrder, reminderInputFor } from '@/src/cases/reminder-input';
import { MembershipReadingSchema } from '@/src/membership/page-reading';
import type { ChecklistInput, ChecklistItemId, MembershipSighting } from '@/src/membership/checklist';
import { CHECKLIST_ITEM_IDS } from '@/src/membership/checklist';
import type { CaseRecord, EventRecord } from '@/src/store/records';

/** Event types written by this feature. */
export const MEMBERSHIP_EVENT = {
  /** An account / membership page was read (by the content script, or from a capture when `batchId` is set). */
  seen: 'membership-seen',
  /** The user ticked or unticked a checklist item. */
  ticked: 'membership-check-ticked',
  /** "Save everything first" finished: which pages of the order history were captured. */
  historySaved: 'order-history-saved',
  /** The shop's licence block / ICP number, copied from another case of the same shop. */
  licenceCopied: 'shop-licence-copied',
} as const;

/** Data of a `membership-seen` event. */
export const MembershipSeenDataSchema = z.object({
  url: z.string().max(10_000),
  /** The capture batch the reading was taken from, or null when the page was only seen. */
  batchId: z.string().max(100).nullable(),
  reading: MembershipReadingSchema,
});
export type MembershipSeenData = z.infer<typeof MembershipSeenDataSchema>;

/** Data of a `membership-check-ticked` event. */
export const ChecklistTickDataSchema = z.object({ item: z.enum(CHECKLIST_ITEM_IDS), checked: z.boolean() });

/** Data of an `order-history-saved` event. */
export const HistorySavedDataSchema = z.object({
  startUrl: z.string().max(10_000),
  pages: z.array(z.object({ url: z.string().max(10_000), batchId: z.string().max(100).nullable() })).max(500),
  /** Why it stopped: the last page had no next link, the page limit, a loop, or an error. */
  stoppedBecause: z.enum(['last-page', 'page-limit', 'repeated-page', 'error']),
});
export type HistorySavedData = z.infer<typeof HistorySavedDataSchema>;

/** One case of the shop with its events, as the checklist input is built from. */
export interface ShopCase {
  record: CaseRecord;
  events: readonly EventRecord[];
}

/** Builds the checklists' input from every case of one shop (all events of all its cases count). */
export function checklistInputFor(shopCases: readonly ShopCase[], now: Date): ChecklistInput {
  const sightings: MembershipSighting[] = [];
  const ticks: { at: string; item: ChecklistItemId; checked: boolean }[] = [];
  const historySaves: { at: string; pages: number; complete: boolean }[] = [];
  const cases: ChecklistInput['cases'] = [];
  for (const { record, events } of shopCases) {
    if (record.deleted || record.mergedInto !== null) {
      continue;
    }
    const order = effectiveOrder(record);
    cases.push({ caseId: record.id, orderNo: record.orderNo, status: order?.status ?? record.status, actions: reminderInputFor(record, events, now).actions });
    for (const event of events) {
      if (event.type === MEMBERSHIP_EVENT.seen) {
        const parsed = MembershipSeenDataSchema.safeParse(event.data);
        if (parsed.success) {
          sightings.push({ at: event.at, caseId: record.id, url: parsed.data.url, batchId: parsed.data.batchId, reading: parsed.data.reading });
        }
      } else if (event.type === MEMBERSHIP_EVENT.ticked) {
        const parsed = ChecklistTickDataSchema.safeParse(event.data);
        if (parsed.success) {
          ticks.push({ at: event.at, item: parsed.data.item satisfies ChecklistItemId, checked: parsed.data.checked });
        }
      } else if (event.type === MEMBERSHIP_EVENT.historySaved) {
        const parsed = HistorySavedDataSchema.safeParse(event.data);
        if (parsed.success) {
          historySaves.push({ at: event.at, pages: parsed.data.pages.filter((p) => p.batchId !== null).length, complete: parsed.data.stoppedBecause === 'last-page' });
        }
      }
    }
  }
  return { cases, sightings, ticks, historySaves, now };
}
