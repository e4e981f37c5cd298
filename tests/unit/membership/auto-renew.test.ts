import { describe, expect, it } from 'vitest';
import { recogniseAutoRenew } from '@/src/membership/auto-renew';
import { isMembershipReadingUseful, mightBeMembershipPage, readMembershipText } from '@/src/membership/page-reading';

describe('auto-renew wording', () => {
  it.each([
    ['连续包月（自动续费）：已开通，下次扣费日期 2026-12-20'],
    ['自动续费 已开启'],
    ['您已开通自动续订，到期后将自动扣费'],
    ['当前套餐：连续包季 ¥45'],
    ['自動續費：已開通'],
    ['連續包月 生效中'],
    ['开通自动扣费，享首月6元'],
    ['Auto-renew: On. Next billing 2026-12-20'],
    // A switch-off button is shown only while it is on.
    ['黄金会员  关闭自动续费'],
    ['取消连续包月'],
  ])('recognises %s as on', (text) => {
    const reading = recogniseAutoRenew(text);
    expect(reading.state).toBe('on');
    expect(reading.mentions.length).toBeGreaterThan(0);
  });

  it.each([
    ['已关闭自动续费，到期后不再扣费。'],
    ['自动续费：已关闭'],
    ['自动续费已取消'],
    ['自动续费 未开通'],
    ['您未开通连续包月'],
    ['已取消连续包月服务'],
    ['自動續費：已關閉'],
    ['尚未開通自動續訂'],
    ['Auto-renew: off'],
    ['You have turned off auto-renew.'],
  ])('recognises %s as off', (text) => {
    expect(recogniseAutoRenew(text).state).toBe('off');
  });

  it.each([['会员中心 我的订单 账户余额 ¥0.00'], ['本店承诺7天无理由退款'], ['']])('finds no wording in %s', (text) => {
    expect(recogniseAutoRenew(text)).toEqual({ state: 'none', mentions: [] });
  });

  it('keeps one sentence from negating the next', () => {
    expect(recogniseAutoRenew('爱奇艺连续包月已关闭。优酷连续包月：已开通，下次扣费 12-20').state).toBe('on');
  });

  it('an explanation of the word next to a switched-off status stays off', () => {
    expect(recogniseAutoRenew('自动续费说明：到期前一天扣款。当前状态：已关闭自动续费').state).toBe('off');
  });

  it('quotes each mention with its context', () => {
    const { mentions } = recogniseAutoRenew('会员信息｜连续包月（自动续费）：已开通');
    expect(mentions.map((m) => m.quote)).toContain('会员信息｜连续包月（自动续费）：已开通'.split('｜')[1]);
  });
});

describe('membership page reading', () => {
  const now = new Date('2026-11-22T02:00:00Z');

  it('reads balance, member state, expiry and auto-renew of the demo membership page', () => {
    const text = '会员中心 会员状态：黄金会员 已开通，到期时间：2027-11-20 账户余额：¥ 0.00 连续包月（自动续费）：已开通，下次扣费日期 2026-12-20 关闭自动续费';
    expect(readMembershipText(text, now)).toMatchObject({ autoRenew: 'on', balance: 0, memberState: 'member', benefitsUntil: '2027-11-20', refundArrived: false });
  });

  it('reads a non-member page after the refund, with a balance left', () => {
    const reading = readMembershipText('会员中心 您当前为非会员 开通会员 可用余额：12.50元 已关闭自动续费', now);
    expect(reading).toMatchObject({ autoRenew: 'off', balance: 12.5, memberState: 'non-member', benefitsUntil: null });
  });

  it('an expiry in the past is no running membership', () => {
    expect(readMembershipText('VIP 到期日：2026-01-02', now).memberState).toBeNull();
    expect(readMembershipText('VIP 到期日：2027-01-02', now).memberState).toBe('member');
  });

  it('recognises refund-arrival wording and ignores pages without any of it', () => {
    expect(readMembershipText('退款成功 ¥128.00 已原路退回', now).refundArrived).toBe(true);
    expect(isMembershipReadingUseful(readMembershipText('欢迎光临 本店所有商品自动发货', now))).toBe(false);
  });

  it('pre-filters by route and title only', () => {
    expect(mightBeMembershipPage(new URL('https://shop.example/user/vip.html'), '')).toBe(true);
    expect(mightBeMembershipPage(new URL('https://shop.example/item/3'), '会员中心 - 某店')).toBe(true);
    expect(mightBeMembershipPage(new URL('https://news.example/2026/11/story'), '新闻')).toBe(false);
    expect(mightBeMembershipPage(new URL('chrome://settings/'), '会员')).toBe(false);
  });
});
