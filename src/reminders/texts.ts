/**
 * @module What each reminder asks the user to do and where its clock comes from, in Chinese and English.
 * Habits carry the label DOMAIN.md requires; laws carry the article; shop promises carry the shop's words.
 */
import type { DeadlineBasis } from '@/src/reminders/types';

/** A short instruction in both languages. */
export interface Bilingual {
  zh: string;
  en: string;
}

const HABIT_ZH = '常见平台规则，以店铺规则为准';
const HABIT_EN = 'Common platform practice; the shop’s own rules prevail';

function habit(zh: string, en: string): DeadlineBasis {
  return { kind: 'habit', zh: `${HABIT_ZH}（${zh}）`, en: `${HABIT_EN} (${en})` };
}

/** Texts of report-problem-48h. */
export const REPORT_PROBLEM = {
  action: {
    zh: '向店铺反馈问题（未到账／发货失败），并截图保存订单页和聊天记录',
    en: 'Report the problem to the shop (not delivered / delivery failed) and capture the order page and the chat',
  },
  basis: habit('多数店铺要求在问题发生后48小时内反馈', 'most shops ask for problems to be reported within 48 hours'),
} satisfies { action: Bilingual; basis: DeadlineBasis };

/** Texts of quality-return-7d. */
export const QUALITY_RETURN = {
  action: {
    zh: '如卡密或商品有质量问题（无效、已被使用、与描述不符），在此之前要求退货退款',
    en: 'If the card key or item is faulty (invalid, already used, not as described), demand a return and refund before this',
  },
  basis: {
    kind: 'law',
    article: '《消费者权益保护法》第二十四条',
    zh:
      '商品或服务不符合质量要求，没有国家规定和当事人约定的，可自收到之日起七日内退货；期间自次日起算（《民法典》第二百零一条）；' +
      '线上交付的，以卡密等进入您指定的系统并能检索识别时为收到（《电子商务法》第五十一条）',
    en:
      'Goods or services that do not meet quality requirements may be returned within 7 days of receipt when no other rule or ' +
      'agreement applies; the period starts the next day (Civil Code Art. 201); online delivery counts as received when it ' +
      'enters your designated system and can be retrieved (E-Commerce Law Art. 51)',
  },
} satisfies { action: Bilingual; basis: DeadlineBasis };

/** Texts of promised-no-reason-7d, without the quote (added from the captured page). */
export const PROMISED_NO_REASON = {
  action: {
    zh: '店铺承诺七天无理由退货：如需退货，在此之前提出并截图留证',
    en: 'The shop promised a 7-day no-reason return: if you want to return, ask before this and capture it',
  },
  basis: {
    kind: 'shop',
    article: '最高人民法院《关于审理网络消费纠纷案件适用法律若干问题的规定（一）》第二条',
    zh: '店铺自行承诺七天无理由退货；即使是在线下载的数字商品，经营者作出的这一承诺也应遵守',
    en: 'The shop itself promised a 7-day no-reason return; such a promise binds even for downloaded digital goods',
  },
} satisfies { action: Bilingual; basis: DeadlineBasis };

/** Texts of refund-follow-up-3wd. */
export const REFUND_FOLLOW_UP = {
  action: {
    zh: '退款申请已过3个工作日仍无结果：催促店铺给出书面答复，并截图留证',
    en: 'Three working days since the refund request without result: ask the shop for a written answer and capture it',
  },
  basis: habit('退款审核通常需要1–3个工作日', 'refund review usually takes 1–3 working days'),
} satisfies { action: Bilingual; basis: DeadlineBasis };

/** Texts of refund-escalate-7wd. */
export const REFUND_ESCALATE = {
  action: {
    zh: '退款申请已过7个工作日：向支付宝／微信支付发起交易投诉，或向12315投诉',
    en: 'Seven working days since the refund request: open a payment dispute (Alipay / WeChat Pay) or complain to 12315',
  },
  basis: habit('退款审核通常不超过1–7个工作日', 'refund review rarely takes more than 1–7 working days'),
} satisfies { action: Bilingual; basis: DeadlineBasis };

/** Texts of shop-promised-refund; the period is filled in from the policy. */
export function shopPromisedRefundTexts(period: Bilingual, quote: string | null): { action: Bilingual; basis: DeadlineBasis } {
  const basis: DeadlineBasis = {
    kind: 'shop',
    zh: `店铺自己承诺在申请后${period.zh}内退款`,
    en: `The shop itself promised a refund within ${period.en} of the request`,
  };
  if (quote !== null) {
    basis.quote = quote;
  }
  return {
    action: {
      zh: '店铺承诺的退款期限：到期仍未退款，截图留证并升级投诉（支付平台或12315）',
      en: 'The refund deadline the shop promised: if no refund by then, capture it and escalate (payment dispute or 12315)',
    },
    basis,
  };
}

/** Texts of refund-arrival-check for a payment channel (null when unknown). */
export function refundArrivalTexts(channel: 'alipay' | 'wechat' | 'bank' | null): { action: Bilingual; basis: DeadlineBasis } {
  const where: Record<'alipay' | 'wechat' | 'bank', Bilingual> = {
    alipay: { zh: '支付宝', en: 'Alipay' },
    wechat: { zh: '微信', en: 'WeChat Pay' },
    bank: { zh: '银行卡', en: 'the bank card' },
  };
  const target = channel === null ? { zh: '原支付账户', en: 'the original payment account' } : where[channel];
  return {
    action: {
      zh: `检查退款是否已到${target.zh}；未到账则联系店铺索要退款凭证，并保留截图`,
      en: `Check whether the refund has reached ${target.en}; if not, ask the shop for the refund record and keep screenshots`,
    },
    basis: habit(
      '退款到支付宝／微信通常1–5个工作日，到银行卡7–15个工作日',
      'refunds usually reach Alipay / WeChat Pay in 1–5 working days and a bank card in 7–15',
    ),
  };
}

/** Texts of 12315-acceptance-7wd. */
export const ACCEPTANCE_12315 = {
  action: {
    zh: '12315应已作出是否受理的决定：查看投诉进度，不予受理的，看清理由并补充材料',
    en: '12315 should have decided whether to accept the complaint: check its progress; if rejected, read the reason and add evidence',
  },
  basis: {
    kind: 'law',
    article: '《市场监督管理投诉举报处理暂行办法》第十四条',
    zh: '市场监督管理部门应当自收到投诉之日起七个工作日内作出受理或者不予受理的决定（此处按提交日计算，部门收到可能更晚）',
    en: 'The market regulator decides within 7 working days of receiving a complaint whether to accept it (counted here from submission; receipt may be later)',
  },
} satisfies { action: Bilingual; basis: DeadlineBasis };

/** Texts of wechat-merchant-48h. */
export const WECHAT_MERCHANT = {
  action: {
    zh: '商家在本阶段的48小时处理时间已到：查看微信支付投诉进度，商家未回应的在投诉页继续跟进',
    en: 'The merchant’s 48 hours for this stage are over: check the WeChat Pay complaint and follow up there if it has not answered',
  },
  basis: {
    kind: 'habit',
    zh: '常见平台规则，以平台页面为准（微信支付交易投诉中，商家每个处理阶段通常有48小时）',
    en: 'Common platform practice; the platform page prevails (in WeChat Pay complaints the merchant usually has 48 hours per stage)',
  },
} satisfies { action: Bilingual; basis: DeadlineBasis };

/** Texts of 12315-limit-3y. */
export const LIMIT_12315 = {
  action: {
    zh: '向12315投诉的最后期限：超过三年的投诉不予受理',
    en: 'Last day to complain to 12315: complaints after three years are not accepted',
  },
  basis: {
    kind: 'law',
    article: '《市场监督管理投诉举报处理暂行办法》第十五条',
    zh: '自知道或者应当知道权益受到侵害之日起超过三年的投诉不予受理；此处从下单日保守计算，到期月的对应日为最后一日（《民法典》第二百零二条）',
    en: 'Complaints more than three years after the consumer knew of the harm are rejected; counted conservatively from the order date, ending on the corresponding day (Civil Code Art. 202)',
  },
} satisfies { action: Bilingual; basis: DeadlineBasis };

/** Texts of exit-deletion-check-15d. */
export const EXIT_DELETION = {
  action: {
    zh: '注销冷静期应已结束：确认账号已注销、个人信息已删除；否则可依《个人信息保护法》第四十七条要求删除，拒绝或拖延的可向网信部门投诉',
    en: 'The exit cooling-off period should be over: check that the account and your personal data are deleted; if not, request deletion (PIPL Art. 47) and complain to the cyberspace administration if refused',
  },
  basis: habit('注销冷静期通常为7–15天', 'the cooling-off period before deletion is usually 7–15 days'),
} satisfies { action: Bilingual; basis: DeadlineBasis };

/** Texts of exit-cooling-period-7d. */
export const EXIT_COOLING = {
  action: {
    zh: '注销冷静期最早在今天结束：此前仍可登录撤回注销；结束后账号和订单记录可能被删除，请确认已先全部取证',
    en: 'The exit cooling-off period may end today: until then you can still log in and withdraw; afterwards the account and its order history may be gone, so make sure everything is captured',
  },
  basis: habit('注销冷静期通常为7–15天，以店铺公示为准', 'the cooling-off period before deletion is usually 7–15 days; the shop’s own terms prevail'),
} satisfies { action: Bilingual; basis: DeadlineBasis };

/** Texts of auto-renew-switch-off. */
export const AUTO_RENEW_OFF = {
  action: {
    zh: '会员页面显示已开通自动续费 / 连续包月：请在下次扣费前关闭，并对关闭后的页面取证',
    en: 'The membership page shows auto-renew switched on: switch it off before the next charge and capture the page showing it off',
  },
  basis: habit('自动续费 / 连续包月常默认开启，退款后不关闭仍会扣费', 'auto-renew is often on by default and keeps charging after a refund'),
} satisfies { action: Bilingual; basis: DeadlineBasis };
