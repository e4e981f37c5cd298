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
}
