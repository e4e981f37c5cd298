import { Dexie } from 'dexie';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { ShopExtras } from '@/src/cases/order';
import { readMembershipText } from '@/src/membership/page-reading';
import { evidenceTime } from '@/src/shared/time';
import { verifyEventChain } from '@/src/store/chain';
import { getDb } from '@/src/store/db';
import { caseEvents, recordOrderSighting } from '@/src/store/repo';

vi.mock('@/src/background/capture', () => ({ captureTab: vi.fn() }));
const { recordCapturedMembership, reportMembershipPage, shareShopLicence, tabMembershipKey } = await import('@/src/background/membership');

const SHOP = 'https://shop.example';
const VIP = `${SHOP}/user/vip.html`;
const SENDER = { id: 'ext', tab: { id: 5, url: VIP }, frameId: 0 };
const NOW = new Date('2026-11-22T02:00:00Z');
const LICENCE: ShopExtras = { companyName: '演示网络科技有限公司', creditCode: '91330100MA2H3K7Q1Q', icp: '浙ICP备00000000号', refundPolicyText: null, promisesNoReasonReturn: false, cardKeys: [] };
const NO_LICENCE: ShopExtras = { ...LICENCE, companyName: null, creditCode: null, icp: null };

function order(orderNo: string): Parameters<typeof recordOrderSighting>[2] {
  return { orderNo, amount: 19, currency: 'CNY', item: '月卡', quantity: 1, orderTime: null, status: 'completed', statusText: null, shopName: null, paymentMethod: null, contact: null };
}

async function shopCase(): Promise<{ id: string; events: Awaited<ReturnType<typeof caseEvents>> }> {
  const record = await getDb().cases.where('[shopOrigin+orderNo]').equals([SHOP, '']).first();
  if (record === undefined) {
    throw new Error('no shop case');
  }
  return { id: record.id, events: await caseEvents(getDb(), record.id) };
}

beforeEach(async () => {
  fakeBrowser.reset();
  // fake-browser leaves the action badge unimplemented: the badge is not what these tests look at.
  Object.assign(fakeBrowser.action, { setBadgeText: vi.fn(), setBadgeBackgroundColor: vi.fn(), setTitle: vi.fn() });
  getDb().close();
  await Dexie.delete('liuzheng');
  await getDb().open();
});

describe('membership pages in the background', () => {
  it('a site without a case records nothing, but the popup gets the reading of the tab', async () => {
    const reading = readMembershipText('连续包月（自动续费）：已开通', NOW);
    expect(await reportMembershipPage({ url: VIP, reading }, SENDER)).toEqual({ caseId: null });
    expect(await getDb().cases.count()).toBe(0);
    const stored: Record<string, unknown> = await fakeBrowser.storage.session.get(tabMembershipKey(5));
    expect(stored[tabMembershipKey(5)]).toEqual({ url: VIP, reading });
  });

  it('a known shop: the reading goes to the shop case once per change, with the licence copied in', async () => {
    await recordOrderSighting(getDb(), { shopOrigin: SHOP, orderNo: 'A1' }, order('A1'), LICENCE, `${SHOP}/user/order.html`, evidenceTime());
    const on = readMembershipText('连续包月（自动续费）：已开通', NOW);
    const first = await reportMembershipPage({ url: VIP, reading: on }, SENDER);
    await reportMembershipPage({ url: VIP, reading: on }, SENDER);
    await reportMembershipPage({ url: VIP, reading: readMembershipText('已关闭自动续费', NOW) }, SENDER);
    const { id, events } = await shopCase();
    expect(first.caseId).toBe(id);
    const seen = events.filter((e) => e.type === 'membership-seen').map((e) => (e.data as { reading: { autoRenew: string } }).reading.autoRenew);
    expect(seen).toEqual(['on', 'off']);
    expect(events.filter((e) => e.type === 'shop-licence-copied')).toHaveLength(1);
    expect((await getDb().cases.get(id))?.extras).toMatchObject({ creditCode: '91330100MA2H3K7Q1Q', icp: '浙ICP备00000000号' });
    expect(await verifyEventChain(events)).toEqual([]);
  });

  it('a captured page that says something records its reading with the batch; an ordinary one records nothing', async () => {
    await recordCapturedMembership(SHOP, 'batch-1', `${SHOP}/item/1`, '欢迎光临 自动发货', evidenceTime());
    expect(await getDb().cases.count()).toBe(0);
    await recordCapturedMembership(SHOP, 'batch-2', VIP, '会员中心 已关闭自动续费，到期后不再扣费。', evidenceTime());
    const { events } = await shopCase();
    expect(events.filter((e) => e.type === 'membership-seen').map((e) => e.data)).toEqual([
      expect.objectContaining({ url: VIP, batchId: 'batch-2', reading: expect.objectContaining({ autoRenew: 'off' }) as unknown }),
    ]);
  });
});

describe('the shop licence, once per shop', () => {
  it('reaches cases opened later; a later page without the footer does not erase it; copies are not repeated', async () => {
    await recordOrderSighting(getDb(), { shopOrigin: SHOP, orderNo: 'A1' }, order('A1'), LICENCE, `${SHOP}/user/order.html`, evidenceTime());
    const later = await recordOrderSighting(getDb(), { shopOrigin: SHOP, orderNo: 'B2' }, order('B2'), NO_LICENCE, `${SHOP}/detail/B2`, evidenceTime());
    await shareShopLicence(SHOP);
    await shareShopLicence(SHOP);
    expect((await getDb().cases.get(later.record.id))?.extras).toMatchObject({ companyName: '演示网络科技有限公司', creditCode: '91330100MA2H3K7Q1Q' });
    // The same page again (no footer): nothing changes, no new event, the copied licence stays.
    const again = await recordOrderSighting(getDb(), { shopOrigin: SHOP, orderNo: 'B2' }, order('B2'), NO_LICENCE, `${SHOP}/detail/B2`, evidenceTime());
    expect(again.changed).toBe(false);
    const events = await caseEvents(getDb(), later.record.id);
    expect(events.map((e) => e.type)).toEqual(['case-opened', 'order-seen', 'shop-info-seen', 'shop-licence-copied']);
    expect(events.at(-1)?.data).toMatchObject({ fromCaseId: expect.any(String) as unknown, companyName: '演示网络科技有限公司', icp: '浙ICP备00000000号' });
  });
});
