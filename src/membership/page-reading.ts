/**
 * @module Reads what a shop's account / membership page says that matters when leaving or after a refund:
 * auto-renew, the balance, member or non-member, benefits still running, and refund-arrival wording. Pure:
 * (url, text, now) in, a plain reading out; unknown stays null, never a guess.
 */
import * as z from 'zod';
import { recogniseAutoRenew } from '@/src/membership/auto-renew';

/** What one page said, as stored in a `membership-seen` event. */
export const MembershipReadingSchema = z.object({
  autoRenew: z.enum(['on', 'off', 'none']),
  /** Short quotes around each auto-renew mention, as shown. */
  autoRenewQuotes: z.array(z.string().max(200)).max(20),
  /** Account balance in yuan when the page labels one (余额 / 账户余额 / 可用余额). */
  balance: z.number().nullable(),
  /** 'member' when the page shows a running membership, 'non-member' when it says there is none. */
  memberState: z.enum(['member', 'non-member']).nullable(),
  /** Expiry of the membership or benefits as shown (YYYY-MM-DD). */
  benefitsUntil: z.string().max(10).nullable(),
  /** The page says a refund succeeded / arrived (退款成功 / 退款已到账 / 已退款). */
  refundArrived: z.boolean(),
});
export type MembershipReading = z.infer<typeof MembershipReadingSchema>;

/** URL paths of account, membership and VIP pages (user centres of the card-shop systems and video-VIP shops). */
const MEMBERSHIP_ROUTE = /\/(?:vip|member(?:ship)?|huiyuan|user(?:\/|$|\.)|account|personal|my(?:\/|$)|ucenter|usercenter|balance|wallet|subscription)/i;
/** Words in a page title that name an account or membership page. */
const MEMBERSHIP_TITLE = /会员|會員|VIP|个人中心|個人中心|用户中心|用戶中心|我的账户|我的帳戶|账户|帳戶|余额|餘額|自动续费|自動續費|连续包月|連續包月|membership|subscription|my\s+account/i;

/** Cheap: might this page be an account or membership page? (URL and title only, no text walk.) */
export function mightBeMembershipPage(url: URL, title: string): boolean {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return false;
  }
  return MEMBERSHIP_ROUTE.test(url.pathname) || MEMBERSHIP_TITLE.test(title);
}

/** 余额 / 账户余额 / 可用余额 / 餘額 followed by an amount (¥ / ￥ / 元 optional). */
const BALANCE = /(?:账户余额|賬戶餘額|帳戶餘額|可用余额|可用餘額|我的余额|我的餘額|余额|餘額|balance)\s*[:：]?\s*(?:[￥¥]|CNY|RMB)?\s*(-?\d{1,9}(?:,\d{3})*(?:\.\d{1,2})?)\s*(?:元)?/i;
/** Non-member wording (after an exit or a refund the page should say so). */
const NON_MEMBER = /非会员|非會員|未开通会员|未開通會員|尚未开通|尚未開通|开通会员|開通會員|会员已过期|會員已過期|会员已失效|會員已失效|普通用户|普通用戶|not\s+a\s+member|no\s+active\s+(?:membership|subscription)/i;
/** Member wording: a running membership (an expiry date alone decides by the date, see UNTIL). */
const MEMBER = /会员(?:状态)?\s*[:：]?\s*(?:已开通|生效中|有效)|會員(?:狀態)?\s*[:：]?\s*(?:已開通|生效中|有效)|active\s+membership/i;
/** An expiry date: 到期时间 / 有效期至 / 到期日 / 权益有效期 followed by a date. */
const UNTIL = /(?:到期时间|到期時間|到期日|有效期至|有效期|权益有效期|權益有效期|expires?(?:\s+on)?)\s*[:：]?\s*(\d{4})[-/年.](\d{1,2})[-/月.](\d{1,2})/i;
/** The refund arrived: 退款成功, 退款已到账, 已退款 with an amount, refund completed. */
const REFUND_ARRIVED = /退款成功|退款已到[账賬]|退款到[账賬]成功|已退款\s*[￥¥]?\s*\d|已退回|refund\s+(?:completed|succeeded|received)/i;

/** Reads a membership or account page's text. `now` decides whether a shown expiry is still running. */
export function readMembershipText(text: string, now: Date): MembershipReading {
  const flat = text.replace(/\s+/g, ' ');
  const autoRenew = recogniseAutoRenew(flat);
  const balanceMatch = BALANCE.exec(flat);
  const balance = balanceMatch?.[1] === undefined ? null : Number(balanceMatch[1].replace(/,/g, ''));
  const untilMatch = UNTIL.exec(flat);
  const benefitsUntil =
    untilMatch === null ? null : `${untilMatch[1] ?? ''}-${(untilMatch[2] ?? '').padStart(2, '0')}-${(untilMatch[3] ?? '').padStart(2, '0')}`;
  let memberState: MembershipReading['memberState'] = null;
  if (NON_MEMBER.test(flat) && !MEMBER.test(flat)) {
    memberState = 'non-member';
  } else if (MEMBER.test(flat) || (benefitsUntil !== null && benefitsUntil >= shanghaiDate(now))) {
    memberState = 'member';
  } else if (NON_MEMBER.test(flat)) {
    memberState = 'non-member';
  }
  return {
    autoRenew: autoRenew.state,
    autoRenewQuotes: autoRenew.mentions.map((m) => m.quote.slice(0, 200)),
    balance: balance !== null && Number.isFinite(balance) ? balance : null,
    memberState,
    benefitsUntil,
    refundArrived: REFUND_ARRIVED.test(flat),
  };
}

/** True when the reading says anything this feature uses (so ordinary pages record nothing). */
export function isMembershipReadingUseful(reading: MembershipReading): boolean {
  return reading.autoRenew !== 'none' || reading.balance !== null || reading.memberState !== null || reading.benefitsUntil !== null || reading.refundArrived;
}

/** The Shanghai calendar date (YYYY-MM-DD) of an instant: expiry dates on Chinese shops are local dates. */
export function shanghaiDate(now: Date): string {
  return new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}
