/**
 * @module Zod schemas of every payload that crosses a context boundary (popup/pages ↔ background ↔
 * content scripts). Handlers parse with these; nothing is cast.
 */
import * as z from 'zod';
import { ChatBatchSchema } from '@/src/chat/types';
import { OrderFactsSchema, ShopExtrasSchema } from '@/src/cases/order';
import { CaptureKindSchema } from '@/src/store/records';
import { CHECKLIST_ITEM_IDS } from '@/src/membership/checklist';
import { MembershipReadingSchema } from '@/src/membership/page-reading';

/** A browser tab id. */
export const TabIdSchema = z.object({ tabId: z.number().int().nonnegative() });
export type TabIdRequest = z.infer<typeof TabIdSchema>;

/** Where a page stands for capture. */
export const TabStateSchema = z.object({
  tabId: z.number().int(),
  url: z.string(),
  title: z.string(),
  capturable: z.boolean(),
  /** Why the page cannot be captured, as a message id of the UI dictionary. */
  reason: z.string().nullable(),
  /** Cases of orders recognised on this tab. */
  caseIds: z.array(z.string()),
});
export type TabState = z.infer<typeof TabStateSchema>;

/** One stored item of a finished capture. */
export const CapturedItemSummarySchema = z.object({
  kind: CaptureKindSchema,
  sha256: z.string(),
  bytes: z.number().int(),
  frameUrl: z.string().nullable(),
});

/** The answer to a capture request. */
export const CaptureOutcomeSchema = z.object({
  ok: z.boolean(),
  batchId: z.string().nullable(),
  caseId: z.string().nullable(),
  capturedAt: z.string().nullable(),
  items: z.array(CapturedItemSummarySchema),
  /** Items that could not be taken, each with a plain reason (the rest were still stored). */
  problems: z.array(z.object({ kind: z.string(), message: z.string() })),
  /** Set when nothing could be stored at all. */
  error: z.string().nullable(),
  durationMs: z.number(),
});
export type CaptureOutcome = z.infer<typeof CaptureOutcomeSchema>;

/** Steps of a capture, broadcast to extension pages for the progress bar. */
export const CaptureStepSchema = z.enum(['visible', 'text', 'fullpage', 'hash', 'store', 'done']);
export type CaptureStep = z.infer<typeof CaptureStepSchema>;

/** Progress notice of a running capture. */
export const CaptureProgressSchema = z.object({ tabId: z.number().int(), step: CaptureStepSchema, done: z.number().int(), total: z.number().int() });
export type CaptureProgress = z.infer<typeof CaptureProgressSchema>;

/** Text and HTML of one frame, as the injected collector returns it. */
export const FrameSnapshotSchema = z.object({
  url: z.string().max(10_000),
  title: z.string().max(10_000),
  text: z.string(),
  html: z.string(),
  viewport: z.object({ width: z.number(), height: z.number(), devicePixelRatio: z.number() }),
  page: z.object({ width: z.number(), height: z.number(), scrollX: z.number(), scrollY: z.number() }),
  formFields: z.array(z.object({ label: z.string().max(2000), value: z.string().max(100_000) })).max(2000),
});
export type FrameSnapshot = z.infer<typeof FrameSnapshotSchema>;

/**
 * PNG bytes as the renderer returns them. executeScript hands results over by structured clone (Chrome turns
 * any typed array into an ArrayBuffer of the receiving worker): raw bytes, no base64 on either side.
 */
const PngBytesSchema = z.instanceof(ArrayBuffer).refine((bytes) => bytes.byteLength > 0, 'empty PNG');

/** One image of the full page: the whole page, or one vertical part of a very tall page. */
export const RenderedPartSchema = z.object({
  png: PngBytesSchema,
  width: z.number().int(),
  height: z.number().int(),
  /** Top of this part in CSS pixels of the page. */
  top: z.number(),
  scale: z.number(),
  /** Set when the image is one part of a tall page, scaled down, or cut (the limits say why). */
  note: z.string().nullable(),
});
export type RenderedPart = z.infer<typeof RenderedPartSchema>;

/** The full-page images rendered in the page, PNG bytes. */
export const RenderResultSchema = z.union([
  z.object({ ok: z.literal(true), parts: z.array(RenderedPartSchema).min(1).max(16), renderMs: z.number() }),
  z.object({ ok: z.literal(false), error: z.string() }),
]);
export type RenderResult = z.infer<typeof RenderResultSchema>;

/** Content script → background: new or changed chat messages of one chat. */
export const SaveChatBatchSchema = z.object({ batch: ChatBatchSchema });
export type SaveChatBatchRequest = z.infer<typeof SaveChatBatchSchema>;

/** The background's acknowledgement: every message of the batch is in IndexedDB. */
export const ChatAckSchema = z.object({ stored: z.number().int(), caseId: z.string() });
export type ChatAck = z.infer<typeof ChatAckSchema>;

/** Content script (top frame) → background: the orders an order page shows. */
export const ReportOrderPageSchema = z.object({
  url: z.string().max(10_000),
  system: z.string().max(100),
  orders: z.array(OrderFactsSchema).min(1).max(200),
  extras: ShopExtrasSchema,
});
export type ReportOrderPageRequest = z.infer<typeof ReportOrderPageSchema>;

/** The cases the orders of a page belong to. */
export const ReportOrderPageResultSchema = z.object({ caseIds: z.array(z.string()) });
export type ReportOrderPageResult = z.infer<typeof ReportOrderPageResultSchema>;

/** Extension page → background: the user recorded something on a case (an action, the shop's refund promise, a dismissed or snoozed reminder). */
export const RecordCaseEventSchema = z.discriminatedUnion('type', [
  z.object({
    caseId: z.string().min(1).max(100),
    type: z.literal('action-recorded'),
    data: z.object({ type: z.string().min(1).max(60), at: z.string().min(10).max(64), channel: z.enum(['alipay', 'wechat', 'bank']).nullable() }),
  }),
  z.object({
    caseId: z.string().min(1).max(100),
    type: z.literal('policy-changed'),
    data: z.object({ shopRefundDays: z.number().min(0).max(365).nullable(), shopRefundWorkingDays: z.boolean(), shopRefundQuote: z.string().max(2000).nullable() }),
  }),
  z.object({ caseId: z.string().min(1).max(100), type: z.literal('reminder-dismissed'), data: z.object({ deadlineId: z.string().min(1).max(300) }) }),
  z.object({ caseId: z.string().min(1).max(100), type: z.literal('reminder-snoozed'), data: z.object({ deadlineId: z.string().min(1).max(300), until: z.string().min(10).max(64) }) }),
  // A before-exit / after-refund checklist item ticked or unticked by the user (src/membership).
  z.object({ caseId: z.string().min(1).max(100), type: z.literal('membership-check-ticked'), data: z.object({ item: z.enum(CHECKLIST_ITEM_IDS), checked: z.boolean() }) }),
]);
export type RecordCaseEventRequest = z.infer<typeof RecordCaseEventSchema>;

/** Content script → background: no data; the background answers for the sender's tab (its top-level page). */
export const GetSitePolicySchema = z.object({}).strict();
export type GetSitePolicyRequest = z.infer<typeof GetSitePolicySchema>;

/** What the extension may do on a site: the user can pause a site or turn automatic chat saving off. */
export const SitePolicySchema = z.object({ paused: z.boolean(), detectOrders: z.boolean(), saveChats: z.boolean() });
export type SitePolicy = z.infer<typeof SitePolicySchema>;

/** Content script (top frame) → background: what an account / membership page says (src/membership). */
export const ReportMembershipPageSchema = z.object({ url: z.string().max(10_000), reading: MembershipReadingSchema });
export type ReportMembershipPageRequest = z.infer<typeof ReportMembershipPageSchema>;

/** The shop case the reading was recorded in, or null when the site is no shop 留证 knows (nothing stored). */
export const ReportMembershipPageResultSchema = z.object({ caseId: z.string().nullable() });
export type ReportMembershipPageResult = z.infer<typeof ReportMembershipPageResultSchema>;

/** Background → content script (top frame): describe this page for "save everything first"; no data. */
export const DescribeHistoryPageSchema = z.object({}).strict();
export type DescribeHistoryPageRequest = z.infer<typeof DescribeHistoryPageSchema>;

/** The content script's answer: is this the order history, its next page, where to go otherwise. */
export const HistoryPageDescriptionSchema = z.object({
  system: z.string().max(100).nullable(),
  isHistoryPage: z.boolean(),
  nextUrl: z.string().max(10_000).nullable(),
  entryUrls: z.array(z.string().max(10_000)).max(20),
  guidance: z.string().max(1000).nullable(),
});
export type HistoryPageDescription = z.infer<typeof HistoryPageDescriptionSchema>;

/** The answer to saveOrderHistory: every page visited and whether its capture was stored. */
export const SaveHistoryOutcomeSchema = z.object({
  ok: z.boolean(),
  system: z.string().nullable(),
  pages: z.array(z.object({ url: z.string(), batchId: z.string().nullable(), ok: z.boolean() })),
  /** 'not-history': the tab is not on a history page (see guidance / entryUrls); the others as in order-history-saved. */
  stoppedBecause: z.enum(['last-page', 'page-limit', 'repeated-page', 'error', 'not-history']),
  guidance: z.string().nullable(),
  entryUrls: z.array(z.string()),
  error: z.string().nullable(),
});
export type SaveHistoryOutcome = z.infer<typeof SaveHistoryOutcomeSchema>;

/** Popup → background: facts the user typed for the tab's page, into a new case or an existing one of the same shop. */
export const MarkOrderPageSchema = z.object({
  tabId: z.number().int().nonnegative(),
  target: z.discriminatedUnion('kind', [z.object({ kind: z.literal('new') }), z.object({ kind: z.literal('existing'), caseId: z.string().min(1).max(100) })]),
  order: OrderFactsSchema,
});
export type MarkOrderPageRequest = z.infer<typeof MarkOrderPageSchema>;

/** The case the typed facts went into. */
export const MarkOrderPageResultSchema = z.object({ caseId: z.string() });
export type MarkOrderPageResult = z.infer<typeof MarkOrderPageResultSchema>;

/** How the user picks the area to capture: click an element, or drag a rectangle. */
export const AreaModeSchema = z.enum(['element', 'region']);
export type AreaMode = z.infer<typeof AreaModeSchema>;

/** Popup → background: capture an element or region of the tab; `hint` is the banner shown on the page (the user's language). */
export const CaptureAreaSchema = z.object({ tabId: z.number().int().nonnegative(), mode: AreaModeSchema, hint: z.string().max(300) });
export type CaptureAreaRequest = z.infer<typeof CaptureAreaSchema>;

/**
 * What the injected picker returns (executeScript result, parsed like any boundary): the area in CSS pixels of
 * the viewport, the viewport itself, and for an element a short description and its text. Null = cancelled.
 */
export const PickedAreaSchema = z
  .object({
    mode: AreaModeSchema,
    rect: z.object({ x: z.number(), y: z.number(), width: z.number().positive(), height: z.number().positive() }),
    viewport: z.object({ width: z.number().positive(), height: z.number().positive(), devicePixelRatio: z.number().positive() }),
    page: z.object({ width: z.number(), height: z.number(), scrollX: z.number(), scrollY: z.number() }),
    element: z.string().max(500).nullable(),
    text: z.string().max(200_000).nullable(),
  })
  .nullable();
export type PickedArea = z.infer<typeof PickedAreaSchema>;

/** Cases page → background: which cases changed. */
export const CasesChangedSchema = z.object({ caseIds: z.array(z.string().min(1).max(100)).max(10) });
export type CasesChangedRequest = z.infer<typeof CasesChangedSchema>;
