/**
 * @module Every shipped IndexedDB schema version, append-only (style-anchors.md §5.6). A version that
 * transforms records has its upgrade in store/migrations/, tested from the previous version's fixture.
 */
import type Dexie from 'dexie';
import { upgradeV1ToV2 } from '@/src/store/migrations/002-order-index-and-flags';
import { upgradeV3ToV4 } from '@/src/store/migrations/004-case-merge-and-notes';

/** Name of the extension's evidence database. */
export const DB_NAME = 'liuzheng';

/** The latest schema version. */
export const LATEST_DB_VERSION = 5;

/** Version 1: the first evidence layout (cases, captures, content-addressed blobs, chat messages, events). */
export const SCHEMA_V1 = {
  cases: 'id, &[shopOrigin+orderNo], shopOrigin',
  captures: 'id, caseId, batchId, sha256',
  blobs: 'sha256',
  messages: 'id, caseId, chatKey',
  events: '++id, &[caseId+seq], caseId',
};

/**
 * Version 2: indexes that keep the popup and the case list fast at 10,000 captures and 100,000 messages
 * (newest captures, recently updated cases, a chat in conversation order), and explicit `deleted`/`note`
 * fields so readers never meet a missing property.
 */
export const SCHEMA_V2 = {
  cases: 'id, &[shopOrigin+orderNo], shopOrigin, updatedAtMs',
  captures: 'id, caseId, batchId, sha256, capturedAtMs, [caseId+capturedAtMs]',
  blobs: 'sha256',
  messages: 'id, caseId, chatKey, [caseId+position], [chatKey+position]',
  events: '++id, &[caseId+seq], caseId',
};

/** Version 3: chat messages indexed by the page they were seen on (the popup's transcript of the current tab). */
export const SCHEMA_V3 = {
  ...SCHEMA_V2,
  messages: 'id, caseId, chatKey, pageUrl, [caseId+position], [chatKey+position]',
};

/**
 * Version 4: same indexes; cases gain `mergedInto` (a merged case is read-only and hidden) and `notesText`
 * (the user's notes, denormalised so the case list searches them without reading any event).
 */
export const SCHEMA_V4 = SCHEMA_V3;

/**
 * Version 5: same records; chat messages lose the single-field `caseId` and `chatKey` indexes, which the
 * compound `[caseId+position]` and `[chatKey+position]` indexes already answer (a range over one case or chat).
 * Every stored message wrote six index entries; now four — a third less storage work per message saved while a
 * chat is busy, when that work competes with the shop's page for the CPU.
 */
export const SCHEMA_V5 = {
  ...SCHEMA_V4,
  messages: 'id, pageUrl, [caseId+position], [chatKey+position]',
};

/** Declares every version on a Dexie instance, oldest first. */
export function declareSchema(db: Dexie): void {
  db.version(1).stores(SCHEMA_V1);
  db.version(2).stores(SCHEMA_V2).upgrade(upgradeV1ToV2);
  db.version(3).stores(SCHEMA_V3);
  db.version(4).stores(SCHEMA_V4).upgrade(upgradeV3ToV4);
  db.version(5).stores(SCHEMA_V5);
}
