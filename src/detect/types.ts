/**
 * @module Types shared by the detector core and its site adapters.
 */
import type { OrderPageMatch } from '@/src/detect/index';

export type { OrderPageMatch };

/** One shop system: a cheap route/marker test and an extractor for its buyer-facing order pages. */
export interface SiteAdapter {
  /** Stable system id (file name of the adapter). */
  id: string;
  /** Cheap: route patterns and a few marker lookups, never a full-DOM walk. */
  matches(url: URL, doc: Document): boolean;
  /** The orders the page shows, or null when this page of the system shows none. */
  extract(url: URL, doc: Document): OrderPageMatch | null;
  /** Where the system lists a logged-in buyer's past orders and how those pages link on (src/membership). */
  orderHistory?: OrderHistoryPages;
}

/** A system's order-history (order list) pages, for "save everything first" before leaving a shop. */
export interface OrderHistoryPages {
  /** True for the system's order-history / order-list pages. */
  isHistoryPage(url: URL): boolean;
  /** Paths (from the shop origin) of the history pages a buyer opens, for guidance when not on one. */
  entryPaths: readonly string[];
  /** The "next page" link of server-rendered lists; null where the list pages by script (then guided). */
  nextPageSelector: string | null;
  /** Said to the user when pages cannot be followed automatically (zh-CN; shown as text). */
  guidance: string;
}
