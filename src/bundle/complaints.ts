/**
 * @module Complaint drafts filled from a case (DOMAIN.md "What a complaint needs"): the shop, 支付宝 and 微信支付
 * transaction complaints, 12315 (市场监督管理投诉举报处理暂行办法 Art. 9) and 黑猫投诉. Always in Chinese, because
 * they are filed with Chinese bodies. Anything the pack cannot know is flagged 【待填写：…】, never invented.
 */
import { displayTime, formatYuan, tripleCompensation, type CaseFacts, type Demand } from '@/src/bundle/facts';
import { packLabels } from '@/src/bundle/labels';

/** The marker of a field the user must still fill in. */
export function placeholder(what: string): string {
  return `【待填写：${what}】`;
}

/** WeChat Pay's limit on a complaint description, in characters (DOMAIN.md). */
export const WECHAT_DESCRIPTION_LIMIT = 300;

/** One evidence file a draft may cite. */
export interface EvidenceRef {
  path: string;
  description: string;
}

/** What the drafts are built from. */
export interface ComplaintInput {
  facts: CaseFacts;
  demand: Demand;
  messageCount: number;
  evidence: readonly EvidenceRef[];
  deadlines: readonly { rule: string; dueAt: string; basis: string }[];
}

/** A generated draft: its file name under complaints/ and its text (CRLF, no BOM yet). */
export interface ComplaintDraft {
  fileName: string;
  title: string;
  text: string;
}

/** Complaint drafts are filed in Chinese: status words come from the pack's Chinese labels. */
const ZH_LABELS = packLabels('zh-CN');

function amountText(facts: CaseFacts): string {
  return facts.amount === null ? placeholder('订单金额（页面未采集到）') : formatYuan(facts.amount);
}

function shopText(facts: CaseFacts): string {
  return facts.shopName === null ? facts.shopHost : `「${facts.shopName}」（${facts.shopHost}）`;
}

function statusText(facts: CaseFacts): string | null {
  if (facts.statusText !== null) {
    return facts.statusText;
  }
  return facts.status === null ? null : (ZH_LABELS.statuses[facts.status] ?? facts.status);
}

/** The demand as one sentence, with its legal basis where it has one. */
export function demandText(facts: CaseFacts, demand: Demand): string {
  const amount = amountText(facts);
  switch (demand) {
    case 'refund':
      return `退还货款 ${amount}。`;
    case 'refund-interest-costs':
      return `退还预付款 ${amount}，并支付占用期间的利息、承担本人维权支出的合理费用（依据《中华人民共和国消费者权益保护法》第五十三条）。`;
    case 'triple-compensation': {
      const compensation =
        facts.amount === null ? placeholder('赔偿金额＝价款×3，不足500元按500元计') : formatYuan(tripleCompensation(facts.amount));
      return `退还货款 ${amount}，并支付价款三倍的赔偿 ${compensation}（依据《中华人民共和国消费者权益保护法》第五十五条第一款，增加赔偿的金额不足五百元的为五百元）。`;
    }
  }
}

/** The facts paragraph shared by every draft. */
function factSentences(input: ComplaintInput): string[] {
  const f = input.facts;
  const when = f.orderTime === null ? placeholder('购买时间（页面未采集到）') : displayTime(f.orderTime);
  const item = f.item === null ? placeholder('商品或服务名称') : `「${f.item}」${f.quantity !== null && f.quantity !== 1 ? ` ×${f.quantity}` : ''}`;
  const orderNo = f.orderNo === '' ? placeholder('订单号') : f.orderNo;
  const pay = f.paymentMethod === null ? '' : `（${f.paymentMethod}）`;
  const sentences = [`本人于 ${when} 在 ${shopText(f)} 购买${item}，订单号 ${orderNo}，支付 ${amountText(f)}${pay}。`];
  const status = statusText(f);
  if (status !== null) {
    sentences.push(`订单页面显示状态为「${status}」。`);
  }
  sentences.push(`${placeholder('问题经过，例如：付款后未发货 / 卡密无效或已被使用 / 会员提前失效 / 客服承诺退款后失联')}。`);
  if (input.messageCount > 0) {
    sentences.push(`本人已通过店铺在线客服沟通（聊天记录 ${input.messageCount} 条），问题至今未解决。`);
  }
  if (f.promisesNoReasonReturn) {
    const promise = f.refundPolicyText === null ? '无理由退货' : f.refundPolicyText.slice(0, 120);
    sentences.push(`店铺页面承诺「${promise}」，该承诺对经营者具有约束力（《最高人民法院关于审理网络消费纠纷案件适用法律若干问题的规定（一）》第二条）。`);
  }
  return sentences;
}

function respondentLines(f: CaseFacts): string[] {
  return [
    `名称：${f.companyName ?? placeholder('经营者全称（店铺页面未显示营业执照信息，可在国家企业信用信息公示系统查询）')}`,
    `统一社会信用代码：${f.creditCode ?? placeholder('统一社会信用代码（如能查到）')}`,
    `地址：${placeholder('被投诉人地址（可按名称或统一社会信用代码在国家企业信用信息公示系统查询）')}`,
    `网店名称及网址：${f.shopName ?? placeholder('网店名称')} ${f.shopOrigin}`,
    ...(f.icp === null ? [] : [`ICP 备案号：${f.icp}`]),
  ];
}

function complainantLines(): string[] {
  return [`姓名：${placeholder('投诉人姓名')}`, `联系电话：${placeholder('投诉人手机号')}`, `地址：${placeholder('投诉人地址')}`];
}

function evidenceLines(input: ComplaintInput, limit = 40): string[] {
  const lines = input.evidence.slice(0, limit).map((e, i) => `${i + 1}. ${e.description}：${e.path}`);
  if (input.evidence.length > limit) {
    lines.push(`……另有 ${input.evidence.length - limit} 个文件，见证据包 manifest.json。`);
  }
  lines.push('（以上文件均在证据包内，SHA-256 哈希值见 manifest.json 与 report.html，可用 verify.html 离线校验。）');
  return lines;
}

function fraudCaution(demand: Demand): string[] {
  return demand === 'triple-compensation'
    ? ['', '【请确认：主张三倍赔偿须能说明经营者存在欺诈行为（例如虚假宣传、收款后拒不发货并失联），否则请改为退款诉求。】']
    : [];
}

const HABIT_NOTE = '（以上为常见平台规则，以平台及店铺实际规则为准。本草稿不构成法律意见。）';

function shopDraft(input: ComplaintInput): ComplaintDraft {
  const f = input.facts;
  return {
    fileName: 'shop.txt',
    title: '致店铺：退款申请',
    text: [
      `致 ${shopText(f)} 经营者 / 售后客服：`,
      '',
      ...factSentences(input),
      '',
      `本人要求：${demandText(f, input.demand)}`,
      '请于收到本函后 3 个工作日内书面答复并办理退款。',
      '依据《中华人民共和国电子商务法》第六十二条，请保存并提供本订单的原始交易记录、发货记录与沟通记录。',
      '逾期未处理，本人将向支付平台发起交易投诉，并向市场监督管理部门（12315）投诉。',
      ...fraudCaution(input.demand),
      '',
      `投诉人：${placeholder('姓名')}`,
      `联系方式：${placeholder('手机号或邮箱')}`,
      `日期：${placeholder('日期')}`,
    ].join('\r\n'),
  };
}

function alipayDraft(input: ComplaintInput): ComplaintDraft {
  const f = input.facts;
  return {
    fileName: 'alipay.txt',
    title: '支付宝交易投诉',
    text: [
      '支付宝 · 交易投诉（入口：支付宝账单 → 该笔交易 → 对此订单有疑问 / 投诉）',
      '',
      `交易号：${placeholder('支付宝账单详情中的交易号')}`,
      `商家订单号：${f.orderNo === '' ? placeholder('订单号') : f.orderNo}`,
      `收款商户：${f.companyName ?? placeholder('账单中显示的收款方名称')}`,
      `投诉类型：${placeholder('选择，例如：未收到货 / 商家拒绝退款 / 描述不符')}`,
      `涉及金额：${amountText(f)}`,
      `诉求：${demandText(f, input.demand)}`,
      '',
      '问题描述：',
      ...factSentences(input),
      ...fraudCaution(input.demand),
      '',
      '凭证图片（从证据包中选取上传）：',
      ...evidenceLines(input, 9),
      '',
      HABIT_NOTE,
    ].join('\r\n'),
  };
}

/** Length as WeChat counts it, conservatively: UTF-16 units (≥ characters). */
function charCount(text: string): number {
  return text.length;
}

/** A description within `limit` characters: whole sentences in priority order, the last one cut with "…" if needed. */
export function fitDescription(sentences: readonly string[], limit: number): string {
  let out = '';
  for (const sentence of sentences) {
    if (charCount(out + sentence) <= limit) {
      out += sentence;
      continue;
    }
    const room = limit - charCount(out) - 1;
    if (room >= 20) {
      // Cut on a code-point boundary so no lone surrogate is left behind.
      let cut = '';
      for (const c of sentence) {
        if (charCount(cut + c) > room) {
          break;
        }
        cut += c;
      }
      out += `${cut}…`;
    }
    break;
  }
  return out;
}

function wechatDraft(input: ComplaintInput): ComplaintDraft {
  const f = input.facts;
  const sentences = [...factSentences(input), `诉求：${demandText(f, input.demand)}`];
  // The demand must survive truncation: put it right after the first fact sentence.
  const prioritised = [sentences[0] ?? '', sentences.at(-1) ?? '', ...sentences.slice(1, -1)];
  const description = fitDescription(prioritised, WECHAT_DESCRIPTION_LIMIT);
  return {
    fileName: 'wechat-pay.txt',
    title: '微信支付交易投诉',
    text: [
      '微信支付 · 交易投诉（入口：微信 → 我 → 服务 → 钱包 → 账单 → 该笔交易 → 对订单有疑惑 / 投诉）',
      '',
      `交易单号：${placeholder('微信支付账单中的交易单号')}`,
      `商户单号：${f.orderNo === '' ? placeholder('订单号') : f.orderNo}`,
      `商户名称：${f.companyName ?? placeholder('账单中显示的商户全称')}`,
      `问题类型：${placeholder('选择，例如：申请退款 / 未收到商品或服务')}`,
      `申请退款金额：${amountText(f)}`,
      '',
      `问题描述（微信限 ${WECHAT_DESCRIPTION_LIMIT} 字，本段 ${charCount(description)} 字，可直接粘贴）：`,
      description,
      ...fraudCaution(input.demand),
      '',
      '凭证图片（最多上传若干张，从证据包中选取）：',
      ...evidenceLines(input, 9),
      '',
      '提示：微信支付的交易一般可在支付后 365 天内申请退款；小程序投诉每个环节商户有 48 小时处理时间。',
      HABIT_NOTE,
    ].join('\r\n'),
  };
}

function draft12315(input: ComplaintInput): ComplaintDraft {
  const f = input.facts;
  const deadlineLines = input.deadlines.map((d) => `- ${d.rule}：${d.dueAt}（${d.basis}）`);
  return {
    fileName: '12315.txt',
    title: '12315 投诉',
    text: [
      '全国 12315 平台 · 投诉（《市场监督管理投诉举报处理暂行办法》第九条所列内容）',
      '提交渠道：全国12315平台（www.12315.cn）、12315 微信小程序或拨打 12315。',
      '',
      '一、投诉人',
      ...complainantLines(),
      '',
      '二、被投诉人',
      ...respondentLines(f),
      '',
      '三、消费信息',
      `购买时间：${f.orderTime === null ? placeholder('购买时间') : displayTime(f.orderTime)}`,
      `订单号：${f.orderNo === '' ? placeholder('订单号') : f.orderNo}`,
      `商品或服务：${f.item ?? placeholder('商品或服务名称')}${f.quantity === null ? '' : `，数量 ${f.quantity}`}`,
      `金额：${amountText(f)}`,
      `支付方式：${f.paymentMethod ?? placeholder('支付方式，例如 支付宝 / 微信支付')}`,
      '',
      '四、投诉诉求',
      demandText(f, input.demand),
      ...fraudCaution(input.demand),
      '',
      '五、事实与理由',
      ...factSentences(input),
      '',
      '六、证据材料',
      ...evidenceLines(input),
      ...(deadlineLines.length > 0 ? ['', '七、相关期限', ...deadlineLines] : []),
      '',
      '说明：',
      '- 对自建网站的经营者，投诉由经营者登记地（住所地）的市场监督管理部门处理；被投诉人名称和地址须准确。',
      '- 市场监督管理部门应自收到投诉之日起七个工作日内决定是否受理（第十四条）；调解 45 个工作日内未达成协议的终止调解；知道或应当知道权益受损害之日起超过三年的投诉不予受理（第十五条）。',
      '- 本草稿不构成法律意见。',
    ].join('\r\n'),
  };
}

function heimaoDraft(input: ComplaintInput): ComplaintDraft {
  const f = input.facts;
  return {
    fileName: 'heimao.txt',
    title: '黑猫投诉',
    text: [
      '黑猫投诉（tousu.sina.com.cn）· 发起投诉',
      '',
      `投诉对象：${f.companyName ?? f.shopName ?? placeholder('被投诉商家名称')}`,
      `投诉问题：${placeholder('一句话概括，例如：付款后未发货且拒绝退款')}`,
      `投诉要求：${demandText(f, input.demand)}`,
      `涉诉金额：${amountText(f)}`,
      '',
      '详细描述：',
      ...factSentences(input),
      ...fraudCaution(input.demand),
      '',
      '证据（上传图片，聊天记录可上传截图或 PDF）：',
      ...evidenceLines(input, 9),
      '',
      '提示：商家回复后请在平台上确认处理结果；公开内容中请勿填写身份证号、手机号等个人信息。',
    ].join('\r\n'),
  };
}

/** All five drafts for one case, in a fixed order. */
export function buildComplaints(input: ComplaintInput): ComplaintDraft[] {
  return [shopDraft(input), alipayDraft(input), wechatDraft(input), draft12315(input), heimaoDraft(input)];
}
