// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { OrderFactsSchema, ShopExtrasSchema } from '@/src/cases/order';
import { extractExtras } from '@/src/detect/extras';
import { detectOrderPage, mightBeOrderPage } from '@/src/detect/index';
import { loadShopFixtures, parseFixture } from './fixture-loader';

const fixtures = loadShopFixtures();

describe('detectOrderPage on the project fixtures', () => {
  it('has enough fixtures', () => {
    expect(fixtures.filter((f) => f.expected.length > 0).length).toBeGreaterThanOrEqual(12);
    expect(fixtures.filter((f) => f.expected.length === 0).length).toBeGreaterThanOrEqual(6);
  });

  for (const fixture of fixtures.filter((f) => f.expected.length > 0)) {
    it(`${fixture.name}: finds every order with every field`, () => {
      const doc = parseFixture(fixture);
      expect(mightBeOrderPage(fixture.url, doc)).toBe(true);
      const match = detectOrderPage(fixture.url, doc);
      expect(match).not.toBeNull();
      if (match === null) {
        return;
      }
      if (!fixture.system.startsWith('none')) {
        expect(match.system).toBe(fixture.system);
      }
      expect(ShopExtrasSchema.parse(match.extras)).toEqual(match.extras);
      expect(match.orders.map((o) => o.orderNo)).toEqual(fixture.expected.map((o) => o.orderNo));
      for (const [i, want] of fixture.expected.entries()) {
        expect(OrderFactsSchema.parse(match.orders[i])).toEqual(want);
      }
    });
  }

  for (const fixture of fixtures.filter((f) => f.expected.length === 0)) {
    it(`${fixture.name}: is not an order page`, () => {
      expect(detectOrderPage(fixture.url, parseFixture(fixture))).toBeNull();
    });
  }
});

describe('extras on the project fixtures', () => {
  const byName = (name: string) => {
    const f = fixtures.find((x) => x.name === name);
    if (f === undefined) {
      throw new Error(`missing fixture ${name}`);
    }
    return detectOrderPage(f.url, parseFixture(f));
  };

  it('reads the licence block, credit code and ICP', () => {
    expect(byName('shopxo-order-detail')?.extras).toMatchObject({
      companyName: '苏州拾光网络科技有限公司',
      creditCode: '91320505MA27XK8Q3B',
      icp: '苏ICP备2026055501号',
      cardKeys: ['JB-ALL-2026-QX8M-44KD-PL0Z'],
    });
  });

  it('keeps a no-reason-return promise (traditional Chinese) and a no-refund rule', () => {
    const luna = byName('dujiaoka-luna-detail-zhtw')?.extras;
    expect(luna?.promisesNoReasonReturn).toBe(true);
    expect(luna?.refundPolicyText).toContain('7天無理由退款');
    const acg = byName('acgfaka-3x-query-tradeno')?.extras;
    expect(acg?.promisesNoReasonReturn).toBe(false);
    expect(acg?.refundPolicyText).toContain('不退不换');
    expect(acg?.cardKeys).toEqual(['SPF-1M-7QK2-ZX81', 'SPF-1M-9LMB-4TRE', 'SPF-1M-3WQP-8HJN']);
  });

  it('takes the company from a footer naming the sponsoring organisation of the ICP filing (主办单位)', () => {
    const doc = new DOMParser().parseFromString(
      '<html><body><main><h1>订单详情</h1><p>订单号 DEMO7Q2M9XW4PLT8</p></main><footer>演示卡铺 · 主办单位：杭州演示网络科技有限公司 · 统一社会信用代码 91330100MA2H3K7Q1Q · 浙ICP备12345678号</footer></body></html>',
      'text/html',
    );
    expect(extractExtras(doc)).toMatchObject({ companyName: '杭州演示网络科技有限公司', creditCode: '91330100MA2H3K7Q1Q', icp: '浙ICP备12345678号' });
    const zhTw = new DOMParser().parseFromString('<html><body><footer>主辦單位：臺北示範網路有限公司</footer></body></html>', 'text/html');
    expect(extractExtras(zhTw).companyName).toBe('臺北示範網路有限公司');
  });
});

describe('one order named in a heading over a grid of short labels', () => {
  const page = (grid: string): Document =>
    new DOMParser().parseFromString(`<!doctype html><html><head><title>订单详情</title></head><body><div class="box"><h2>订单 XY24061220014726</h2><dl>${grid}</dl></div><p>客服微信 xiaoyu</p></body></html>`, 'text/html');
  const cell = (label: string, value: string): string => `<div><dt>${label}</dt><dd>${value}</dd></div>`;

  it('takes the facts of the box around it', () => {
    const doc = page(cell('商品', '爱奇艺月卡') + cell('实付', '￥ 19.90 元') + cell('下单', '2024/06/12 20:01') + cell('支付', '微信支付') + cell('联系', '138****6621'));
    const match = detectOrderPage(new URL('https://shop.example/order.php?act=view&no=XY24061220014726'), doc);
    expect(match?.orders).toEqual([
      expect.objectContaining({ orderNo: 'XY24061220014726', item: '爱奇艺月卡', amount: 19.9, orderTime: '2024-06-12T20:01:00+08:00', paymentMethod: '微信支付', contact: '138****6621' }),
    ]);
  });

  it('does not take a sum under a bare 支付 label for the way it was paid', () => {
    const doc = page(cell('商品', '爱奇艺月卡') + cell('支付', '￥ 19.90 元'));
    expect(detectOrderPage(new URL('https://shop.example/order.php?act=view&no=XY24061220014726'), doc)?.orders[0]?.paymentMethod).toBeNull();
  });
});
