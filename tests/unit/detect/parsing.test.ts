// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { promisesNoReasonReturn } from '@/src/detect/extras';
import { detectOrderPage, mightBeOrderPage } from '@/src/detect/index';
import { labelOnly, matchLabel, splitLabelRuns } from '@/src/detect/labels';
import { cleanLabelledOrderNo, findOrderNosInSentence, isStrongOrderNo } from '@/src/detect/order-no';
import { parseMoney } from '@/src/detect/parse-money';
import { laterStatus, normalizeStatus } from '@/src/detect/parse-status';
import { fromUnix, parseDateTime } from '@/src/detect/parse-time';
import { shopNameFromTitle } from '@/src/detect/shop-name';
import { readLines } from '@/src/detect/text';

const html = (body: string, title = ''): Document => new DOMParser().parseFromString(`<!doctype html><html><head><title>${title}</title></head><body>${body}</body></html>`, 'text/html');

describe('parseMoney', () => {
  it.each([
    ['52.80', 52.8, null],
    ['￥39.90', 39.9, 'CNY'],
    ['¥ 12.50 元', 12.5, 'CNY'],
    ['12.50元', 12.5, 'CNY'],
    ['¥15', 15, 'CNY'],
    ['29.90 CNY', 29.9, 'CNY'],
    ['-1.00 CNY', -1, 'CNY'],
    ['$17.99', 17.99, 'USD'],
    ['HK$ 598.00', 598, 'HKD'],
    ['1,280.00 元', 1280, 'CNY'],
    ['10 USDT', 10, 'USDT'],
  ])('%s', (text, amount, currency) => {
    expect(parseMoney(text)).toEqual({ amount, currency });
  });

  it('rejects ids and dates', () => {
    expect(parseMoney('无')).toBeNull();
    expect(parseMoney('SKU10245')).toBeNull();
    expect(parseMoney('2026-11-02')).toBeNull();
  });
});

describe('parseDateTime', () => {
  it.each([
    ['2026-11-02 21:05:33', '2026-11-02T21:05:33+08:00'],
    ['2026-11-02 21:05', '2026-11-02T21:05:00+08:00'],
    ['2026/11/02 21:05', '2026-11-02T21:05:00+08:00'],
    ['2026/11/2 21:05:33', '2026-11-02T21:05:33+08:00'],
    ['2026年11月2日 21:05:33', '2026-11-02T21:05:33+08:00'],
    ['11/2/2026, 9:30:12 AM', '2026-11-02T09:30:12+08:00'],
    ['11/2/2026, 9:30:12 PM', '2026-11-02T21:30:12+08:00'],
    ['2026年11月2日 下午9:05', '2026-11-02T21:05:00+08:00'],
    ['2026-11-02T13:05:33Z', '2026-11-02T13:05:33+00:00'],
    ['2026-11-02 21:05:33 +09:00', '2026-11-02T21:05:33+09:00'],
    ['2026-11-02', '2026-11-02'],
    ['1793624698512', '2026-11-02T21:04:58+08:00'],
    ['1793624698', '2026-11-02T21:04:58+08:00'],
  ])('%s', (text, iso) => {
    expect(parseDateTime(text)).toBe(iso);
  });

  it('needs a year for 11月2日 and never guesses one', () => {
    expect(parseDateTime('11月2日 21:05')).toBeNull();
    expect(parseDateTime('11月2日 21:05', { referenceYear: 2026 })).toBe('2026-11-02T21:05:00+08:00');
    expect(parseDateTime('11月2日', { referenceYear: 2026 })).toBe('2026-11-02');
  });

  it('rejects impossible dates and order numbers', () => {
    expect(parseDateTime('2026-02-30 10:00')).toBeNull();
    expect(parseDateTime('zlkb2026110221053348213')).toBeNull();
    expect(parseDateTime('417261102204517839')).toBeNull();
    expect(fromUnix(1793624698512)).toBe('2026-11-02T21:04:58+08:00');
    expect(fromUnix(0)).toBeNull();
  });
});

describe('normalizeStatus', () => {
  it.each([
    ['待支付', 'unpaid'], ['未付款', 'unpaid'], ['Pending Payment', 'unpaid'],
    ['已支付', 'paid'], ['待处理', 'paid'], ['處理中', 'paid'], ['等待发货', 'paid'],
    ['已发货', 'delivered'], ['已交付', 'delivered'], ['部分交付', 'delivered'], ['Delivered', 'delivered'],
    ['已完成', 'completed'], ['已收货', 'completed'], ['Completed', 'completed'],
    ['正在维权', 'refunding'], ['部分退款', 'refunded'], ['Refunded', 'refunded'],
    ['处理失败', 'failed'], ['状态异常', 'failed'], ['平台发货失败', 'failed'],
    ['已过期', 'cancelled'], ['已逾期', 'cancelled'], ['已关闭', 'cancelled'], ['Canceled', 'cancelled'],
  ] as const)('%s → %s', (text, status) => {
    expect(normalizeStatus(text)).toBe(status);
  });

  it('ignores unknown words and ranks payment + delivery badges', () => {
    expect(normalizeStatus('自动发货')).toBeNull();
    expect(normalizeStatus('未发货')).toBeNull();
    expect(laterStatus('paid', 'delivered')).toBe('delivered');
    expect(laterStatus('completed', 'paid')).toBe('completed');
    expect(laterStatus(null, 'unpaid')).toBe('unpaid');
  });
});

describe('labels', () => {
  it('recognises simplified, traditional and English labels followed by a colon or nothing', () => {
    expect(matchLabel('订单号：R7KQ2M9XW4PLT8ZB')).toMatchObject({ field: 'orderNo', rest: 'R7KQ2M9XW4PLT8ZB' });
    expect(matchLabel('訂單編號:')).toMatchObject({ field: 'orderNo', rest: '' });
    expect(matchLabel('實際支付價格: ￥88.00')).toMatchObject({ field: 'amount', priority: 3 });
    expect(matchLabel('Order No.：DJ20261102093012481736')).toMatchObject({ field: 'orderNo' });
    expect(matchLabel('商品单价：128.00')).toMatchObject({ field: 'ignored' });
    expect(labelOnly('订单名称')).toMatchObject({ field: 'item' });
  });

  it('treats prose as prose', () => {
    expect(matchLabel('订单号在哪里看？')).toBeNull();
    expect(matchLabel('订单查询')).toBeNull();
  });

  it('splits semicolon-joined runs', () => {
    expect(splitLabelRuns('订单金额：39.00；购买数量：1；支付方式：支付宝')).toEqual(['订单金额：39.00', '购买数量：1', '支付方式：支付宝']);
    expect(matchLabel('订单金额：39.00；购买数量：1')?.rest).toBe('39.00');
  });
});

describe('order numbers', () => {
  it('accepts labelled numbers and rejects examples, phones and short ids', () => {
    expect(cleanLabelledOrderNo('#716261103101522904')).toBe('716261103101522904');
    expect(cleanLabelledOrderNo('ABCD1234EFGH5678（示例）')).toBeNull();
    expect(cleanLabelledOrderNo('13812345678')).toBeNull();
    expect(cleanLabelledOrderNo('10245')).toBeNull();
    expect(cleanLabelledOrderNo('请输入订单号')).toBeNull();
  });

  it('knows the real systems’ shapes', () => {
    for (const no of ['R7KQ2M9XW4PLT8ZB', '417261102204517839', 'DJ20261102093012481736', 'zlkb2026110221053348213', 'Order_1793624698512k3x9q2ma', '20261102210533Xk7Qp', '261102815373920468135702']) {
      expect(isStrongOrderNo(no), no).toBe(true);
    }
    for (const no of ['2853316047', '13812345678', 'MIAO05', 'STEAMCARD']) {
      expect(isStrongOrderNo(no), no).toBe(false);
    }
  });

  it('finds numbers inside sentences', () => {
    expect(findOrderNosInSentence('订单#20261102210533Xk7Qp 已支付，您购买的内容如下：')).toEqual(['20261102210533Xk7Qp']);
    expect(findOrderNosInSentence('订单 2026110221053388XYZ 支付成功')).toEqual(['2026110221053388XYZ']);
    expect(findOrderNosInSentence('售后请加客服 QQ：2853316047')).toEqual([]);
  });
});

describe('text and shop name helpers', () => {
  it('reads input values and keeps block boundaries', () => {
    const doc = html('<div><label>订单</label><div><input value="zlkb2026110221053348213" readonly></div></div><p>a<span>b</span></p>');
    expect(readLines(doc.body)).toEqual(['订单', 'zlkb2026110221053348213', 'ab']);
  });

  it('takes the shop segment of a title', () => {
    expect(shopNameFromTitle('订单详情 | 星河数卡 - 游戏点卡 会员卡密')).toBe('星河数卡');
    expect(shopNameFromTitle('订单查询_云点卡铺')).toBe('云点卡铺');
    expect(shopNameFromTitle('支付结果')).toBeNull();
  });

  it('detects negated no-reason-return promises', () => {
    expect(promisesNoReasonReturn('支持7天无理由退货')).toBe(true);
    expect(promisesNoReasonReturn('虚拟商品不支持7天无理由退货')).toBe(false);
    expect(promisesNoReasonReturn('本店不包退')).toBe(false);
  });
});

describe('mightBeOrderPage and layouts', () => {
  it('bails out on ordinary pages', () => {
    const doc = html('<h1>Weather</h1><p>Sunny, 21°C</p>'.repeat(50), 'Weather today');
    expect(mightBeOrderPage(new URL('https://weather.example/today'), doc)).toBe(false);
    expect(detectOrderPage(new URL('https://weather.example/today'), doc)).toBeNull();
  });

  it('passes on route hints or order words', () => {
    expect(mightBeOrderPage(new URL('https://x.example/user/index/query'), html('<p>x</p>'))).toBe(true);
    expect(mightBeOrderPage(new URL('https://x.example/a'), html('<p>订单号：1</p>'))).toBe(true);
  });

  it('reads big pages only in part, small pages whole, and words split over nodes', () => {
    const url = new URL('https://x.example/a');
    const filler = '<p><span>新闻</span></p>'.repeat(4500); // 9,000 elements, 4,500 text nodes
    expect(mightBeOrderPage(url, html(`<p>订单查询</p>${filler}`))).toBe(true);
    expect(mightBeOrderPage(url, html(`${filler}<p>订单查询</p>`))).toBe(false);
    expect(mightBeOrderPage(url, html(`${'<p><span>新闻</span></p>'.repeat(3000)}<p>订单查询</p>`))).toBe(true);
    // A word the page splits over two elements still passes (the pre-filter may say yes, never no wrongly).
    expect(mightBeOrderPage(url, html('<p><b>订</b>单</p>'))).toBe(true);
  });

  it('merges a desktop table and a mobile card of the same order', () => {
    const doc = html(`
      <table><thead><tr><th>订单号</th><th>商品名称</th><th>金额</th><th>状态</th></tr></thead>
      <tbody><tr><td>SN2026110301020304050</td><td>会员月卡</td><td>9.90</td><td>已支付</td></tr></tbody></table>
      <div class="mobile"><p>订单号：SN2026110301020304050</p><p>下单时间：2026-11-03 01:02:03</p><p>支付方式：微信支付</p></div>`);
    const match = detectOrderPage(new URL('https://shop.example/order/list'), doc);
    expect(match?.orders).toHaveLength(1);
    expect(match?.orders[0]).toMatchObject({ amount: 9.9, item: '会员月卡', status: 'paid', orderTime: '2026-11-03T01:02:03+08:00', paymentMethod: '微信支付' });
  });

  it('reads values from textareas and ignores empty order forms', () => {
    const form = html('<form><label>订单号</label><input value=""><label>联系方式</label><input value=""><label>购买数量</label><input value="1"></form>');
    expect(detectOrderPage(new URL('https://shop.example/order/create'), form)).toBeNull();
    const filled = html('<div><label>订单号</label><textarea readonly>KM2026110312000099</textarea></div><div><label>实付金额</label><span>¥20</span></div>');
    expect(detectOrderPage(new URL('https://shop.example/x'), filled)?.orders[0]).toMatchObject({ orderNo: 'KM2026110312000099', amount: 20 });
  });
});
