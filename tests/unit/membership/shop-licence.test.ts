import { describe, expect, it } from 'vitest';
import { licenceCopies, licenceOf } from '@/src/membership/shop-licence';
import { shopCase } from './records';

const LICENCE = { companyName: '演示网络科技有限公司', creditCode: '91330100MA2H3K7Q1Q', icp: '演ICP备00000000号' };

describe('shop licence kept with every case of the shop', () => {
  it('copies the licence seen on one case to the others, filling only what they lack', () => {
    const source = shopCase('a', 'A1', 'paid', LICENCE, '2026-11-01T10:00:00+08:00');
    const partial = shopCase('b', 'B1', 'paid', { icp: '另ICP备11111111号', refundPolicyText: '7天无理由' });
    const none = shopCase('c', '', null);
    const copies = licenceCopies([partial, source, none]);
    expect(copies.map((c) => [c.caseId, c.fromCaseId])).toEqual([
      ['b', 'a'],
      ['c', 'a'],
    ]);
    expect(copies[0]?.copied).toEqual({ companyName: LICENCE.companyName, creditCode: LICENCE.creditCode, icp: null });
    expect(copies[0]?.extras).toMatchObject({ ...LICENCE, icp: '另ICP备11111111号', refundPolicyText: '7天无理由' });
    expect(copies[1]?.extras).toMatchObject({ ...LICENCE, cardKeys: [], promisesNoReasonReturn: false });
  });

  it('is idempotent once every case holds the licence, and does nothing without one', () => {
    expect(licenceCopies([shopCase('a', 'A1', 'paid', LICENCE), shopCase('b', 'B1', 'paid', LICENCE)])).toEqual([]);
    expect(licenceCopies([shopCase('a', 'A1', 'paid', { refundPolicyText: '包退' }), shopCase('b', '', null)])).toEqual([]);
    expect(licenceOf(null)).toBeNull();
  });

  it('takes the most complete licence, then the oldest, and skips deleted cases', () => {
    const older = shopCase('old', 'O1', 'paid', { icp: 'ICP-old' }, '2026-10-01T10:00:00+08:00');
    const fuller = shopCase('full', 'F1', 'paid', LICENCE, '2026-11-10T10:00:00+08:00');
    const deleted = { ...shopCase('gone', 'G1', 'paid'), deleted: true };
    const copies = licenceCopies([older, fuller, deleted]);
    expect(copies.map((c) => [c.caseId, c.fromCaseId])).toEqual([['old', 'full']]);
  });
});
