/**
 * @module Dispute extras from the page: business-licence company name and credit code, ICP filing,
 * refund-policy / no-reason-return promises, and delivered card keys.
 */
import type { ShopExtras } from '@/src/cases/order';
import { anyMatch, controlValue, isSkipped, normalizeSpace, rawText, readLines } from '@/src/detect/text';

const ICP = /[京津沪滬渝冀豫云雲辽遼黑湘皖鲁魯新苏蘇浙赣贛鄂桂甘晋晉蒙陕陝吉闽閩贵貴粤粵青藏川宁寧琼瓊]ICP[备備证證]\s*\d{6,10}号?(?:-\d+)?/;
const CREDIT_CODE = /(?:统一社会信用代码|統一社會信用代碼|信用代码|社会信用代码)\s*[:：]?\s*([0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10})/;
// Labels naming the company behind a shop: licence and operator labels, and 主办单位 — the ICP filing's
// "sponsoring organisation", printed in the footer of Chinese sites next to the filing number.
const COMPANY =
  /(?:公司名称|公司名稱|企业名称|企業名稱|主体名称|经营主体|運營主體|运营主体|经营者|主办单位|主辦單位|网站主办者|網站主辦者|營業執照[^：:\n]{0,8}|营业执照[^：:\n]{0,8})\s*[:：]\s*([\p{Script=Han}A-Za-z0-9（）()·]{2,60}?(?:有限责任公司|股份有限公司|有限公司|有限責任公司|工作室|经营部|商行|个体工商户|網絡科技有限公司))/u;
const COMPANY_BARE = /([\p{Script=Han}（）()]{2,40}?(?:有限责任公司|股份有限公司|有限公司|有限責任公司))/u;
const POLICY = /7\s*天无理由|七天无理由|7\s*天無理由|七天無理由|无理由退|無理由退|包退|包换|包換|退款政策|退换政策|退換政策|售后政策|售後政策|退款规则|退款說明|退款说明|不退不换|不退不換|不支持退款|概不退/;
const PROMISE = /(7\s*天|七天)\s*无理由|(7\s*天|七天)\s*無理由|无理由退|無理由退|包退/g;
const NEGATION = /(?:不|非|无|無|拒|禁止)\s*(?:支持|适用|適用|享受|提供|接受)?\s*$/;

/** Sentences (bounded) of the page's visible text. */
function pageSentences(doc: Document, maxChars: number): string[] {
  const body = doc.body;
  if (body === null) {
    return [];
  }
  return readLines(body, maxChars)
    .join('\n')
    .split(/[。！!？?\n；;]+/)
    .map(normalizeSpace)
    .filter((s) => s !== '');
}

/** True when the text promises a no-reason return and the promise is not negated ("不支持7天无理由"). */
export function promisesNoReasonReturn(text: string): boolean {
  PROMISE.lastIndex = 0;
  for (let m = PROMISE.exec(text); m !== null; m = PROMISE.exec(text)) {
    if (!NEGATION.test(text.slice(Math.max(0, m.index - 6), m.index))) {
      return true;
    }
  }
  return false;
}

const CARD_KEY_SELECTORS = [
  'textarea', // dujiaoka (form-control / textarea-kami / order-info), acg-faka cardInfo, card-system #card-txt
  '.card-display', // acg-faka 3.x delivered card
  '.kami, .kami-content, .card-key, .card-keys, .keys, .delivery-content', // common theme hooks for delivered keys
];
/** Words near a block that say it holds delivered goods. */
const KEY_CONTEXT = /卡密|卡號|卡号|密钥|密鑰|激活码|兌換碼|兑换码|发货内容|發貨內容|交付|宝贝内容|card|key|kami|code/i;

function looksLikeKeyBlock(el: Element): boolean {
  const own = `${el.className} ${el.id} ${el.getAttribute('title') ?? ''} ${el.getAttribute('name') ?? ''}`;
  if (KEY_CONTEXT.test(own)) {
    return true;
  }
  const parent = el.parentElement;
  const context = parent?.parentElement ?? parent;
  return context !== null && context !== undefined && KEY_CONTEXT.test(rawText(context).slice(0, 200));
}

/** True when the page shows delivered card keys (same answer as `findCardKeys(doc).length > 0`, cheaper when none). */
export function hasCardKeys(doc: Document): boolean {
  // Existence first, one fast-path selector at a time: most pages have no key block at all.
  return anyMatch(doc, CARD_KEY_SELECTORS.join(',')) && findCardKeys(doc).length > 0;
}

/** Delivered card keys shown on the page (lines of key blocks; empty blocks give nothing). */
export function findCardKeys(doc: Document): string[] {
  const keys: string[] = [];
  const seen = new Set<Element>();
  for (const sel of CARD_KEY_SELECTORS) {
    for (const el of doc.querySelectorAll(sel)) {
      if (seen.has(el) || [...seen].some((s) => s.contains(el)) || isSkipped(el)) {
        continue;
      }
      seen.add(el);
      if (!looksLikeKeyBlock(el)) {
        continue;
      }
      const text = controlValue(el) ?? el.textContent ?? '';
      for (const line of text.split('\n')) {
        const l = normalizeSpace(line);
        if (l !== '' && keys.length < 500) {
          keys.push(l.slice(0, 2000));
        }
      }
    }
  }
  return keys;
}

/** All extras of a page. */
export function extractExtras(doc: Document): ShopExtras {
  const sentences = pageSentences(doc, 200000);
  const all = sentences.join('\n');
  const policy = sentences.filter((s) => POLICY.test(s) && s.length <= 300).slice(0, 20);
  const company = COMPANY.exec(all)?.[1] ?? (/(?:营业执照|營業執照|©|版权所有|版權所有|Copyright)/i.test(all) ? (COMPANY_BARE.exec(all)?.[1] ?? null) : null);
  const policyText = policy.length > 0 ? policy.join('\n').slice(0, 5000) : null;
  return {
    companyName: company,
    creditCode: CREDIT_CODE.exec(all)?.[1] ?? null,
    icp: ICP.exec(all)?.[0] ?? null,
    refundPolicyText: policyText,
    promisesNoReasonReturn: policyText !== null && promisesNoReasonReturn(policyText),
    cardKeys: findCardKeys(doc),
  };
}
