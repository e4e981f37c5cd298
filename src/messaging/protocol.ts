/**
 * @module The one typed message protocol between contexts. Names are verbNoun; data and return types
 * come from the Zod schemas in ./schemas, and every handler parses with them (see ./handle).
 */
import { defineExtensionMessaging } from '@webext-core/messaging';
import type {
  CaptureOutcome,
  CaptureProgress,
  CaptureAreaRequest,
  CasesChangedRequest,
  ChatAck,
  MarkOrderPageRequest,
  MarkOrderPageResult,
  DescribeHistoryPageRequest,
  HistoryPageDescription,
  ReportMembershipPageRequest,
  ReportMembershipPageResult,
  SaveHistoryOutcome,
  GetSitePolicyRequest,
  RecordCaseEventRequest,
  ReportOrderPageRequest,
  ReportOrderPageResult,
  SaveChatBatchRequest,
  SitePolicy,
  TabIdRequest,
  TabState,
} from '@/src/messaging/schemas';

/** Every message: `(data) => return`. */
export interface ProtocolMap {
  /** Popup → background: what can be done on this tab. */
  getTabState(data: TabIdRequest): TabState;
  /** Popup, shortcut → background: capture the tab now. */
  captureTab(data: TabIdRequest): CaptureOutcome;
  /** Extension page → background: record a user action on a case; deadlines are recomputed. */
  recordCaseEvent(data: RecordCaseEventRequest): { ok: true };
  /** Background → extension pages: a capture advanced. */
  captureProgress(data: CaptureProgress): void;
  /** Content script (top frame) → background: an order page was recognised; open or update its cases. */
  reportOrderPage(data: ReportOrderPageRequest): ReportOrderPageResult;
  /** Content script (any frame) → background: store chat messages; answers once they are in IndexedDB. */
  saveChatBatch(data: SaveChatBatchRequest): ChatAck;
  /** Popup → background: the user marks the tab's page as an order page with facts typed by hand (the detector missed it). */
  markOrderPage(data: MarkOrderPageRequest): MarkOrderPageResult;
  /** Popup → background: let the user pick an element or drag a region on the tab, then capture that area. */
  captureArea(data: CaptureAreaRequest): CaptureOutcome;
  /** Cases page → background: the page changed cases (merge, split, delete, notes, files); deadlines are recomputed. */
  casesChanged(data: CasesChangedRequest): { ok: true };
  /** Popup, cases page → background: capture the shop's order history page by page from this tab (先全部取证). */
  saveOrderHistory(data: TabIdRequest): SaveHistoryOutcome;
  /** Background → content script (top frame): is this page the order history, and where is its next page? */
  describeHistoryPage(data: DescribeHistoryPageRequest): HistoryPageDescription;
  /** Content script (top frame) → background: an account / membership page's auto-renew, balance, member state. */
  reportMembershipPage(data: ReportMembershipPageRequest): ReportMembershipPageResult;
  /** Content script (any frame) → background: may this page detect orders and save chats (per-site pause, chat saving on/off)? */
  getSitePolicy(data: GetSitePolicyRequest): SitePolicy;
}

/** Typed send/receive over runtime and tabs messaging. */
export const messenger = defineExtensionMessaging<ProtocolMap>();
