/**
 * @module The personal-information deletion request (个人信息保护法 Art. 47) sent to the shop after leaving it,
 * with the route when it is refused (网信 complaint via 12377, Art. 65; court, Art. 50). Filed in Chinese, in
 * the style of src/bundle/complaints.ts: filled from the case, anything unknown is 【待填写：…】, never invented.
 */
import type { CaseFacts } from '@/src/bundle/facts';
import { shanghaiDate } from '@/src/membership/page-reading';
import type { EventRecord } from '@/src/store/records';

/** The draft's file name under complaints/. */
export const DELETION_REQUEST_FILE = 'personal-info-deletion.txt';

/** The marker of a field the user must fill in (the same marker as complaints.ts `placeholder`; a test holds them equal). */
export function pending(what: string): string {
  return `【待填写：${what}】`;
}

/** What the draft is built from. */
export interface DeletionRequestInput {
  facts: CaseFacts;
  /** When the user recorded applying to close the account (ISO), if they did. */
  exitAppliedAt: string | null;
  /** Evidence files of the pack the draft may cite (path + description). */
  evidence: readonly { path: string; description: string }[];
}

function shopText(f: CaseFacts): string {
  return f.shopName === null ? f.shopHost : `「${f.shopName}」（${f.shopHost}）`;
}

/** The deletion request as `{ fileName, title, text }` (CRLF lines, like the complaint drafts). */
export function buildDeletionRequest(input: DeletionRequestInput): { fileName: string; title: string; text: string } {
  const f = input.facts;
  const applied = input.exitAppliedAt === null ? pending('申请注销账号的日期（如尚未申请，可删去本句）') : shanghaiDate(new Date(input.exitAppliedAt));
  const orderSentence = f.orderNo === '' ? '' : `，并下单（订单号 ${f.orderNo}）`;
  const cited = input.evidence.slice(0, 10).map((e, i) => `${i + 1}. ${e.description}：${e.path}`);
  return {
    fileName: DELETION_REQUEST_FILE,
    title: '个人信息删除申请（个人信息保护法第四十七条）',
    text: [
      '个人信息删除申请',
      '（依据《中华人民共和国个人信息保护法》第四十七条）',
      '',
      `致 ${shopText(f)} 个人信息处理者 / 客服：`,
      '',
      `申请人：${pending('姓名或账号昵称')}`,
      `账号：${pending('在该店铺注册的账号（用户名 / 手机号 / 邮箱）')}`,
      `接收答复的联系方式：${pending('邮箱或电话')}`,
      '',
      `本人曾在贵店（${f.shopOrigin}）注册账号${orderSentence}。本人已于 ${applied} 申请注销账号，不再使用贵店的服务。`,
      '依据《个人信息保护法》第四十七条第一款，有下列情形之一的，个人信息处理者应当主动删除个人信息；未删除的，个人有权请求删除：',
      '（一）处理目的已实现、无法实现或者为实现处理目的不再必要；',
      '（二）个人信息处理者停止提供产品或者服务，或者保存期限已届满；',
      '（三）个人撤回同意；',
      '（四）个人信息处理者违反法律、行政法规或者违反约定处理个人信息；',
      '（五）法律、行政法规规定的其他情形。',
      '',
      `本人在此撤回对贵店处理本人个人信息的同意，请求删除本人的账号及以下个人信息：${pending('需删除的信息，例如手机号、邮箱、QQ号、实名信息、收货信息、登录记录')}。`,
      '法律、行政法规规定的保存期限未届满，或者删除从技术上难以实现的，请停止除存储和采取必要的安全保护措施之外的处理（第四十七条第二款），并书面说明理由及保存期限。',
      `请于 ${pending('答复期限，例如收到本申请后15个工作日内')} 书面答复处理结果；拒绝的，请说明理由（第五十条）。`,
      '',
      '说明：与本人维权有关的订单、付款和沟通记录，本人已自行取证保存；删除申请不影响贵店依《电子商务法》第三十一条保存交易信息的义务，也不影响本人就上述订单继续主张权利。',
      '',
      '被申请人信息：',
      `名称：${f.companyName ?? pending('经营者全称（店铺页面未显示营业执照信息，可在国家企业信用信息公示系统查询）')}`,
      `统一社会信用代码：${f.creditCode ?? pending('统一社会信用代码（如能查到）')}`,
      `ICP 备案号：${f.icp ?? pending('ICP 备案号（可在工业和信息化部政务服务平台 beian.miit.gov.cn 按网址查询）')}`,
      '',
      ...(cited.length === 0 ? [] : ['本人已保存的证据（证据包内，SHA-256 见 manifest.json）：', ...cited, '']),
      '如被拒绝或逾期不答复：',
      '1. 向网信部门投诉、举报（《个人信息保护法》第六十五条）：中央网信办违法和不良信息举报中心，网址 www.12377.cn，电话 12377；投诉时附上本申请、发送记录和店铺的答复。',
      '2. 个人信息处理者拒绝个人行使权利的请求的，个人可以依法向人民法院提起诉讼（第五十条第二款）。',
      '',
      `申请人：${pending('签名')}    日期：${pending('发送日期')}`,
      '发送方式：请通过店铺客服、工单或页面公示的个人信息保护联系方式发送，并对发送过程取证。',
      '（本草稿不构成法律意见。）',
    ].join('\r\n'),
  };
}

/** The draft for a case of the pack: the exit date comes from the case's recorded `exit-applied` action. */
export function deletionRequestFor(
  facts: CaseFacts,
  events: readonly EventRecord[],
  evidence: readonly { path: string; description: string }[],
): { fileName: string; title: string; text: string } {
  let exitAppliedAt: string | null = null;
  for (const event of events) {
    const data = event.data;
    if (event.type === 'action-recorded' && data !== null && typeof data === 'object' && !Array.isArray(data) && data.type === 'exit-applied' && typeof data.at === 'string') {
      exitAppliedAt = data.at;
    }
  }
  return buildDeletionRequest({ facts, exitAppliedAt, evidence });
}
