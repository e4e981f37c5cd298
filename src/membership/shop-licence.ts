/**
 * @module The shop's licence block (经营者名称, 统一社会信用代码) and ICP number, kept once per shop: when one case
 * of a shop has seen them, every other case of that shop (also those opened later) gets a copy, recorded as a
 * `shop-licence-copied` event naming the case it came from. Pure: which copies to make.
 */
import type { ShopExtras } from '@/src/cases/order';
import type { CaseRecord } from '@/src/store/records';

/** The licence fields of the extras. */
export interface ShopLicence {
  companyName: string | null;
  creditCode: string | null;
  icp: string | null;
}

const FIELDS = ['companyName', 'creditCode', 'icp'] as const;

/** The licence fields a case holds, or null when it holds none. */
export function licenceOf(extras: ShopExtras | null): ShopLicence | null {
  if (extras === null || FIELDS.every((f) => extras[f] === null)) {
    return null;
  }
  return { companyName: extras.companyName, creditCode: extras.creditCode, icp: extras.icp };
}

/** One copy to make: the case, where the licence came from, the fields it gains and its extras afterwards. */
export interface LicenceCopy {
  caseId: string;
  fromCaseId: string;
  copied: ShopLicence;
  extras: ShopExtras;
}

const EMPTY_EXTRAS: ShopExtras = { companyName: null, creditCode: null, icp: null, refundPolicyText: null, promisesNoReasonReturn: false, cardKeys: [] };

/**
 * The copies that give every case of one shop the licence fields another case saw. The source is the case
 * with the most fields (then the oldest); only missing fields are filled, a case's own reading is never replaced.
 */
export function licenceCopies(shopCases: readonly CaseRecord[]): LicenceCopy[] {
  // Deleted cases and cases merged into another one take no part.
  const live = shopCases.filter((c) => !c.deleted && c.mergedInto === null);
  const sources = live
    .map((c) => ({ record: c, licence: licenceOf(c.extras) }))
    .filter((s): s is { record: CaseRecord; licence: ShopLicence } => s.licence !== null)
    .sort((a, b) => fieldCount(b.licence) - fieldCount(a.licence) || a.record.createdAt.localeCompare(b.record.createdAt));
  const source = sources[0];
  if (source === undefined) {
    return [];
  }
  const copies: LicenceCopy[] = [];
  for (const record of live) {
    if (record.id === source.record.id) {
      continue;
    }
    const extras = record.extras ?? EMPTY_EXTRAS;
    const copied: ShopLicence = { companyName: null, creditCode: null, icp: null };
    let gains = false;
    for (const field of FIELDS) {
      if (extras[field] === null && source.licence[field] !== null) {
        copied[field] = source.licence[field];
        gains = true;
      }
    }
    if (gains) {
      copies.push({
        caseId: record.id,
        fromCaseId: source.record.id,
        copied,
        extras: {
          ...extras,
          cardKeys: [...extras.cardKeys],
          companyName: extras.companyName ?? copied.companyName,
          creditCode: extras.creditCode ?? copied.creditCode,
          icp: extras.icp ?? copied.icp,
        },
      });
    }
  }
  return copies;
}

function fieldCount(licence: ShopLicence): number {
  return FIELDS.filter((f) => licence[f] !== null).length;
}
