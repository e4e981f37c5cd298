/**
 * @module Background side of leaving a shop (src/membership): membership-page readings into the shop's case,
 * readings of captured pages (the evidence that ticks checklist items), the shop's licence copied to every case
 * of the shop, and "save everything first" — the order history captured page by page through the normal
 * capture pipeline (one capture at a time, so the captureVisibleTab quota holds).
 */
import { browser } from 'wxt/browser';
import { describeHistoryPageInTab } from '@/src/background/history-tab';
import { captureTab } from '@/src/background/capture';
import { getTabCases } from '@/src/background/tab-cases';
import type { SenderInfo } from '@/src/messaging/handle';
import type { HistoryPageDescription, ReportMembershipPageRequest, ReportMembershipPageResult, SaveHistoryOutcome } from '@/src/messaging/schemas';
import { MEMBERSHIP_EVENT, MembershipSeenDataSchema, type HistorySavedData, type MembershipSeenData } from '@/src/membership/events';
import { MAX_HISTORY_PAGES } from '@/src/membership/history';
import { isMembershipReadingUseful, readMembershipText, type MembershipReading } from '@/src/membership/page-reading';
import { licenceCopies } from '@/src/membership/shop-licence';
import { evidenceTime, type EvidenceTime } from '@/src/shared/time';
import type { EvidenceDb } from '@/src/store/db';
import { getDb } from '@/src/store/db';
import { appendEvents, caseEvents, commitWithEvents, ensureCase } from '@/src/store/repo';

/** The shop's case without an order: it carries the shop-level readings, clocks and the history summary. */
async function shopCaseId(db: EvidenceDb, shopOrigin: string, now: EvidenceTime): Promise<string> {
  const id = (await ensureCase(db, { shopOrigin, orderNo: '' }, now)).id;
  // A shop case opened just now gets the licence the shop's other cases saw.
  await shareShopLicence(shopOrigin);
  return id;
}

/** Appends a `membership-seen` event unless the shop case's last page-only reading of this URL said the same. */
async function recordReading(db: EvidenceDb, caseId: string, data: MembershipSeenData, now: EvidenceTime): Promise<void> {
  if (data.batchId === null) {
    const events = await caseEvents(db, caseId);
    for (let i = events.length - 1; i >= 0; i--) {
      const parsed = events[i]?.type === MEMBERSHIP_EVENT.seen ? MembershipSeenDataSchema.safeParse(events[i]?.data) : null;
      if (parsed?.success === true && parsed.data.url === data.url && parsed.data.batchId === null) {
        if (JSON.stringify(parsed.data.reading) === JSON.stringify(data.reading)) {
          return; // the same page reloaded: nothing new to record
        }
        break;
      }
    }
  }
  await appendEvents(db, caseId, [{ type: MEMBERSHIP_EVENT.seen, data: { url: data.url, batchId: data.batchId, reading: { ...data.reading, autoRenewQuotes: [...data.reading.autoRenewQuotes] } } }], now.iso);
}

/**
 * A content script read an account / membership page. Recorded only for shops that already have a case (an
 * ordinary site mentioning 余额 or 自动续费 opens nothing); the popup shows the reading for the tab either way.
 */
export async function reportMembershipPage(report: ReportMembershipPageRequest, sender: SenderInfo): Promise<ReportMembershipPageResult> {
  const tabId = sender.tab?.id;
  const tabUrl = sender.tab?.url;
  if (tabId === undefined || tabUrl === undefined || sender.frameId !== 0) {
    throw new Error('membership pages are reported by the top frame of a tab');
  }
  await browser.storage.session.set({ [tabMembershipKey(tabId)]: { url: tabUrl, reading: report.reading } });
  if (report.reading.autoRenew === 'on') {
    await browser.action.setBadgeText({ tabId, text: '续' });
    await browser.action.setBadgeBackgroundColor({ tabId, color: '#b3261e' });
    await browser.action.setTitle({ tabId, title: '留证：此页面显示已开通自动续费，请关闭后取证' });
  }
  const db = getDb();
  const shopOrigin = new URL(tabUrl).origin;
  if ((await db.cases.where('shopOrigin').equals(shopOrigin).count()) === 0) {
    return { caseId: null };
  }
  const now = evidenceTime();
  const caseId = await shopCaseId(db, shopOrigin, now);
  await recordReading(db, caseId, { url: tabUrl, batchId: null, reading: report.reading }, now);
  return { caseId };
}

/** storage.session key of the membership reading of a tab's current page (read by the popup). */
export function tabMembershipKey(tabId: number): string {
  return `tab-membership:${tabId}`;
}

/**
 * After a capture: read the captured page text like a membership page; when it says something this feature
 * uses, record it with the batch id, so a captured "已关闭自动续费" or "非会员" ticks its checklist item.
 */
export async function recordCapturedMembership(shopOrigin: string, batchId: string, url: string, text: string | null, capturedAt: EvidenceTime): Promise<void> {
  if (text === null) {
    return;
  }
  const reading: MembershipReading = readMembershipText(text, new Date(capturedAt.epochMs));
  if (!isMembershipReadingUseful(reading)) {
    return;
  }
  const db = getDb();
  await recordReading(db, await shopCaseId(db, shopOrigin, capturedAt), { url, batchId, reading }, capturedAt);
}

/** Gives every case of the shop the licence block / ICP number another case of it saw (one event per copy). */
export async function shareShopLicence(shopOrigin: string): Promise<void> {
  const db = getDb();
  const now = evidenceTime();
  const copies = licenceCopies(await db.cases.where('shopOrigin').equals(shopOrigin).toArray());
  for (const copy of copies) {
    await commitWithEvents(
      db,
      copy.caseId,
      [{ type: MEMBERSHIP_EVENT.licenceCopied, data: { fromCaseId: copy.fromCaseId, ...copy.copied } }],
      now.iso,
      ['cases'],
      async () => {
        const current = await db.cases.get(copy.caseId);
        if (current !== undefined) {
          // Re-read inside the transaction: only fields still missing are filled.
          const base = current.extras ?? copy.extras;
          await db.cases.put({
            ...current,
            extras: {
              ...base,
              companyName: base.companyName ?? copy.copied.companyName,
              creditCode: base.creditCode ?? copy.copied.creditCode,
              icp: base.icp ?? copy.copied.icp,
            },
          });
        }
      },
    );
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Waits until the tab shows `url` fully loaded and its content script answers (bounded). */
async function waitForPage(tabId: number, url: string, timeoutMs = 20_000): Promise<HistoryPageDescription> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const tab = await browser.tabs.get(tabId);
    if (tab.status === 'complete' && tab.url === url) {
      const description = await describeHistoryPageInTab(tabId).catch(() => null);
      if (description !== null) {
        return description;
      }
    }
    if (Date.now() > until) {
      throw new Error(`the page ${url} did not finish loading`);
    }
    await sleep(200);
  }
}

/** Waits (briefly) until the order detector reported the page's orders, so the capture lands in their cases. */
async function waitForTabCases(tabId: number, url: string, timeoutMs = 4000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while ((await getTabCases(tabId, url)).length === 0 && Date.now() < until) {
    await sleep(150);
  }
}

/**
 * 先全部取证: from the history page the tab shows, captures each page and follows its next link until the last
 * page (or a loop, or the page limit). Not on a history page: nothing is captured and the answer says where to go.
 */
export async function saveOrderHistory(tabId: number): Promise<SaveHistoryOutcome> {
  const tab = await browser.tabs.get(tabId);
  const startUrl = tab.url ?? '';
  const base: SaveHistoryOutcome = { ok: false, system: null, pages: [], stoppedBecause: 'not-history', guidance: null, entryUrls: [], error: null };
  let description: HistoryPageDescription;
  try {
    description = await describeHistoryPageInTab(tabId);
  } catch (error) {
    return { ...base, stoppedBecause: 'error', error: error instanceof Error ? error.message : String(error) };
  }
  if (!description.isHistoryPage) {
    return { ...base, system: description.system, guidance: description.guidance, entryUrls: description.entryUrls };
  }
  const pages: SaveHistoryOutcome['pages'] = [];
  const visited = new Set<string>();
  let url = startUrl;
  let stoppedBecause: HistorySavedData['stoppedBecause'] = 'last-page';
  let error: string | null = null;
  for (;;) {
    visited.add(url);
    await waitForTabCases(tabId, url);
    const outcome = await captureTab(tabId);
    pages.push({ url, batchId: outcome.batchId, ok: outcome.ok });
    const next = description.nextUrl;
    if (next === null) {
      break;
    }
    if (visited.has(next)) {
      stoppedBecause = 'repeated-page';
      break;
    }
    if (pages.length >= MAX_HISTORY_PAGES) {
      stoppedBecause = 'page-limit';
      break;
    }
    try {
      await browser.tabs.update(tabId, { url: next });
      description = await waitForPage(tabId, next);
    } catch (e) {
      stoppedBecause = 'error';
      error = e instanceof Error ? e.message : String(e);
      break;
    }
    url = next;
  }
  const db = getDb();
  const now = evidenceTime();
  const summary: HistorySavedData = { startUrl, pages: pages.map((p) => ({ url: p.url, batchId: p.batchId })), stoppedBecause };
  await appendEvents(db, await shopCaseId(db, new URL(startUrl).origin, now), [{ type: MEMBERSHIP_EVENT.historySaved, data: { ...summary, pages: summary.pages.map((p) => ({ ...p })) } }], now.iso);
  return {
    ok: pages.length > 0 && pages.every((p) => p.ok) && stoppedBecause === 'last-page',
    system: description.system,
    pages,
    stoppedBecause,
    guidance: description.guidance,
    entryUrls: [],
    error,
  };
}
