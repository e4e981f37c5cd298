/**
 * @module Recognises auto-renew wording (自动续费 / 连续包月 / 自动续订 and close variants, zh-CN, zh-TW, English)
 * in a membership page's text, and tells a switched-on subscription from a switched-off one. Pure: text in,
 * reading out. DOMAIN.md: auto-renew is often on by default and keeps charging after a refund.
 */

/** What the page says about auto-renew. */
export type AutoRenewState = 'on' | 'off' | 'none';

/** One place the page mentions auto-renew, with a short quote around it. */
export interface AutoRenewMention {
  quote: string;
  /** The sentence says it is off (已关闭自动续费, 自动续费：未开通 …). */
  negated: boolean;
  /** The sentence says it is on (已开通, 开启中, 生效中, 下次扣费 …). */
  explicitOn: boolean;
}

/** The page's auto-renew state with the quotes it rests on. */
export interface AutoRenewReading {
  state: AutoRenewState;
  mentions: AutoRenewMention[];
}

/**
 * The renewal words. 连续包月/包季/包年 are the video-VIP wording; 自动扣费/自动续期 the payment wording;
 * traditional forms for Taiwan / Hong Kong shops; English for international themes.
 */
const KEYWORD = /自[动動](?:续|續)(?:费|費|订|訂|期)|自[动動]扣[费費款]|[连連][续續]包(?:月|季|年)|auto[-\s]?renew(?:al|s|ed)?|recurring\s+billing/gi;

/** Words right before the keyword that turn it off: 已关闭自动续费, 未开通连续包月, 取消了自动续费. */
const NEGATION_BEFORE = /(?:已|已经|已經)\s*(?:关闭|關閉|取消|解约|解約|停止|退订|退訂)\s*(?:了\s*)?$|(?:未|没有|沒有|尚未)\s*(?:开通|開通|开启|開啟|订阅|訂閱|签约|簽約)\s*(?:了\s*)?$|(?:关闭|關閉|取消|解约|解約)了\s*$|(?:turned|switched)\s+off\s+$|(?:cancell?ed|disabled)\s+$|\bno\s+$/i;
/** Words right after the keyword that turn it off: 自动续费：已关闭, 自动续费已取消, 自动续费 未开通, Auto-renew: Off. */
const NEGATION_AFTER = /^\s*(?:[:：]|状态|狀態|功能|服务|服務)?\s*[:：]?\s*(?:已|已经|已經)?\s*(?:关闭|關閉|取消|解约|解約|停止|未开通|未開通|未开启|未開啟|未签约|未簽約|(?:已)?失效)(?![^\s，。,；;]*(?:自[动動](?:续|續)|后|後))|^\s*[:：]?\s*(?:off|disabled|cancell?ed)\b/i;
/** Words that say it is running: 自动续费：已开通, 连续包月 生效中, 下次扣费, next billing. */
const ON_NEAR = /已\s*(?:开通|開通|开启|開啟|签约|簽約|订阅|訂閱)|开启中|開啟中|生效中|续费中|續費中|下次扣[费費款]|下次续费|下次續費|到期(?:后|後)?自[动動]|将自动|將自動|\bon\b|\benabled\b|next\s+(?:billing|charge|renewal)/i;
/** A button that switches it off (关闭自动续费 / 取消连续包月) is a sign it is on, not off. */
const OFF_ACTION_BEFORE = /(?:关闭|關閉|取消|解约|解約|停止|退订|退訂)\s*$|(?:turn|switch)\s+off\s+$|cancel\s+$/i;

/** Characters of context kept on each side of a mention. */
const CONTEXT = 16;

/** The auto-renew state a page's text shows. */
export function recogniseAutoRenew(text: string): AutoRenewReading {
  const flat = text.replace(/\s+/g, ' ');
  const mentions: AutoRenewMention[] = [];
  for (const match of flat.matchAll(KEYWORD)) {
    const start = match.index;
    const end = start + match[0].length;
    // Context stops at a sentence or line end, so one sentence's 已关闭 never negates the next one.
    const before = lastClause(flat.slice(Math.max(0, start - CONTEXT), start));
    const after = firstClause(flat.slice(end, end + CONTEXT));
    const negated = NEGATION_BEFORE.test(before) || NEGATION_AFTER.test(after);
    const offButton = !negated && OFF_ACTION_BEFORE.test(before);
    const explicitOn = !negated && (offButton || ON_NEAR.test(before.slice(-6)) || ON_NEAR.test(after));
    mentions.push({ quote: `${before}${match[0]}${after}`.trim(), negated, explicitOn });
    if (mentions.length >= 20) {
      break;
    }
  }
  return { state: stateOf(mentions), mentions };
}

/**
 * A negation wins over bare mentions (a page saying 已关闭自动续费 may still explain what 自动续费 is), but not
 * over an explicit "on" (已开通 / 下次扣费 / a 关闭 button): then the user should look, so the state is on.
 */
function stateOf(mentions: readonly AutoRenewMention[]): AutoRenewState {
  if (mentions.length === 0) {
    return 'none';
  }
  if (mentions.some((m) => m.explicitOn)) {
    return 'on';
  }
  if (mentions.some((m) => m.negated)) {
    return 'off';
  }
  return 'on';
}

/** Sentence and clause ends that bound a mention's context. */
const CLAUSE_END = /[。！？!?；;\n|｜]/;

function lastClause(text: string): string {
  let cut = -1;
  for (let i = text.length - 1; i >= 0; i--) {
    if (CLAUSE_END.test(text[i] ?? '')) {
      cut = i;
      break;
    }
  }
  return text.slice(cut + 1);
}

function firstClause(text: string): string {
  for (let i = 0; i < text.length; i++) {
    if (CLAUSE_END.test(text[i] ?? '')) {
      return text.slice(0, i);
    }
  }
  return text;
}
