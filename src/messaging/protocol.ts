/**
 * @module The one typed message protocol between contexts. Names are verbNoun; data and return types
 * come from the Zod schemas in ./schemas, and every handler parses with them (see ./handle).
 */
import { defineExtensionMessaging } from '@webext-core/messaging';
import type {
  CaptureOutcome,
  CaptureProgress,
  ChatAck,
  RecordCaseEventRequest,
  ReportOrderPageRequest,
  ReportOrderPageResult,
  SaveChatBatchRequest,
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
}

/** Typed send/receive over runtime and tabs messaging. */
export const messenger = defineExtensionMessaging<ProtocolMap>();
