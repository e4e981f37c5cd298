// @vitest-environment happy-dom
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectOrderPage, SITE_ADAPTERS } from '@/src/detect/index';
import { describeHistoryPage, findNextPageUrl, GENERIC_GUIDANCE } from '@/src/membership/history';

const DEMO = path.resolve('tests/fixtures/demo-shop');
const ORIGIN = 'http://127.0.0.1:8080';

function page(html: string): Document {
  return new DOMParser().parseFromString(html, 'text/html');
}

function demo(file: string): Document {
  return page(readFileSync(path.join(DEMO, file), 'utf8'));
}

describe('order history pages of the demo shop (hmyk user centre, ThinkPHP paginator)', () => {
  const pages = [
    ['user/order.html', '/user/order.html', `${ORIGIN}/user/order/page/2.html`],
    ['user/order/page/2.html', '/user/order/page/2.html', `${ORIGIN}/user/order/page/3.html`],
    ['user/order/page/3.html', '/user/order/page/3.html', null],
  ] as const;

  it.each(pages)('%s: a history page whose » link leads to the next page', (file, route, next) => {
    const url = new URL(route, ORIGIN);
    const doc = demo(file);
    expect(describeHistoryPage(url, doc)).toEqual({ system: 'hmyk', isHistoryPage: true, nextUrl: next, entryUrls: [], guidance: null });
    // The same pages are order pages: three orders each, recognised by the hmyk adapter.
    const match = detectOrderPage(url, doc);
    expect(match?.system).toBe('hmyk');
    expect(match?.orders).toHaveLength(3);
    expect(match?.extras).toMatchObject({ companyName: '演示网络科技有限公司', creditCode: '91330100MA2H3K7Q1Q', icp: '浙ICP备00000000号' });
  });

  it('the membership page is no history page', () => {
    expect(describeHistoryPage(new URL('/user/vip.html', ORIGIN), demo('user/vip.html')).isHistoryPage).toBe(false);
  });
});

describe('guidance where pages are not followed automatically', () => {
  it('an order detail page of a system with known history pages names where to go', () => {
    const url = new URL('/detail-order-sn/DEMO7Q2M9XW4PLT8', ORIGIN);
    const description = describeHistoryPage(url, demo('detail-order-sn/DEMO7Q2M9XW4PLT8.html'));
    expect(description).toMatchObject({ system: 'dujiaoka', isHistoryPage: false, nextUrl: null, entryUrls: [`${ORIGIN}/order-search`] });
    expect(description.guidance).toContain('订单查询');
  });

  it('a script-paged history list (acg-faka 购买记录) is a history page without a next link, with guidance', () => {
    const url = new URL('/user/personal/purchaseRecord', ORIGIN);
    const description = describeHistoryPage(url, page('<table id="table"><tr><td>订单号</td></tr></table><ul class="pagination"><li class="page-next"><a href="javascript:void(0)">›</a></li></ul>'));
    expect(description).toMatchObject({ system: 'acg-faka', isHistoryPage: true, nextUrl: null });
    expect(description.guidance).toContain('购买记录');
  });

  it('an unknown page says generally where order lists live', () => {
    expect(describeHistoryPage(new URL('/blog/post', ORIGIN), page('<p>hello</p>'))).toEqual({ system: null, isHistoryPage: false, nextUrl: null, entryUrls: [], guidance: GENERIC_GUIDANCE });
  });

  it('every adapter with history knowledge has entry paths and guidance', () => {
    const known = SITE_ADAPTERS.filter((a) => a.orderHistory !== undefined);
    expect(known.map((a) => a.id).sort()).toEqual(['acg-faka', 'dujiao-next', 'dujiaoka', 'hmyk', 'mcy-shop', 'shopxo', 'zfaka']);
    for (const adapter of known) {
      expect(adapter.orderHistory?.entryPaths.length).toBeGreaterThan(0);
      expect(adapter.orderHistory?.guidance).not.toBe('');
      for (const entry of adapter.orderHistory?.entryPaths ?? []) {
        const url = new URL(entry, ORIGIN);
        // Each entry is a page of the system itself (its adapter or its history route knows it).
        expect(adapter.orderHistory?.isHistoryPage(url) === true || adapter.matches(url, page('<div class="theme-panel"></div>')) || entry === '/order-search').toBe(true);
      }
    }
  });
});

describe('next-page links on unknown systems', () => {
  const base = new URL('https://shop.example/orders?page=2');
  it('rel=next first, then a link worded 下一页, never another origin or a script link', () => {
    expect(findNextPageUrl(base, page('<a rel="next" href="?page=3">3</a><a href="?page=9">下一页</a>'), null)).toBe('https://shop.example/orders?page=3');
    expect(findNextPageUrl(base, page('<a href="?page=1">上一页</a><a href="?page=3">下一页</a>'), null)).toBe('https://shop.example/orders?page=3');
    expect(findNextPageUrl(base, page('<a href="https://evil.example/orders?page=3">下一页</a>'), null)).toBeNull();
    expect(findNextPageUrl(base, page('<a href="javascript:next()">下一页</a>'), null)).toBeNull();
    expect(findNextPageUrl(base, page('<a href="?page=2#top">下一页</a>'), null)).toBeNull();
    expect(findNextPageUrl(base, page('<li class="disabled"><a href="?page=3">»</a></li>'), null)).toBeNull();
  });

  it('an unknown page listing several orders with a next link is followed', () => {
    const html = `<h2>我的订单</h2>
      <table><tr><th>订单号</th><th>商品名称</th><th>金额</th><th>下单时间</th><th>状态</th></tr>
      <tr><td>KM202611010001</td><td>月卡</td><td>¥19.00</td><td>2026-11-01 10:00:00</td><td>已完成</td></tr>
      <tr><td>KM202611020002</td><td>季卡</td><td>¥49.00</td><td>2026-11-02 10:00:00</td><td>已完成</td></tr></table>
      <a href="/orders?page=3">下一页</a>`;
    expect(describeHistoryPage(base, page(html))).toMatchObject({ system: 'generic', isHistoryPage: true, nextUrl: 'https://shop.example/orders?page=3' });
  });
});
