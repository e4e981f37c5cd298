/**
 * @module Generic order-page detector for shop systems without an adapter: labels (订单号, 实付金额,
 * 下单时间 … in simplified and traditional Chinese and English) in any label–value layout, value
 * shapes, and, as a last resort, an order number named inside a sentence next to a status word.
 *
 * What separates an order page from a page that talks about orders: a real order number (not an
 * example) bound by a label to at least one more order fact, outside article prose and comments.
 */
import type { OrderFacts } from '@/src/cases/order';
import { conversationTest } from '@/src/detect/conversation';
import { hasCardKeys } from '@/src/detect/extras';
import { findOrderNosInSentence, isExampleText, isStrongOrderNo, orderNoShapedTokens } from '@/src/detect/order-no';
import { parseMoney } from '@/src/detect/parse-money';
import { findStatusWord } from '@/src/detect/parse-status';
import { collectPairs } from '@/src/detect/pairs';
import { emptyOrder, fillFromLeaves, finishMatch, findLabelledOrders } from '@/src/detect/pipeline';
import { evidenceCount, factsFromPairs, mergeFacts } from '@/src/detect/records';
import { hasOrderRouteHint, orderNosInUrl } from '@/src/detect/routes';
import { ORDER_OR_PAY, scanOrderWords, type OrderWordNode } from '@/src/detect/scan';
import { anyMatch, isShownText, normalizeSpace, rawText } from '@/src/detect/text';
import type { OrderPageMatch } from '@/src/detect/types';

/** Where order-shaped text is quoted, not shown as a record: code samples, quotes, reader comments. */
const QUOTED = 'code, pre, blockquote, .comment, .comments, #comments, .comment-list, .reply, .post-comments';

/** Payment prompts of a pay page that is waiting for the buyer. */
const PAY_PROMPT = /请付款|请支付|扫码支付|掃碼支付|请扫码|請掃碼|打开.{0,6}扫一扫|支付金额|付款金额/;

/** Blog/news/forum pages: article markup with a byline or comments (how-to articles about refunds). */
export function isArticlePage(doc: Document): boolean {
  // The Open Graph type a CMS sets on article pages.
  if (doc.querySelector('meta[property="og:type"][content="article"]') !== null) {
    return true;
  }
  // Article bodies of HTML5 markup and the common blog / forum themes (asked one by one: see anyMatch).
  if (!anyMatch(doc, 'article, .post-content, .entry-content, .article-content, .topic-content, .thread')) {
    return false;
  }
  // Comment sections, bylines and publication dates that come with an article.
  if (anyMatch(doc, '.comments, #comments, .comment-list, .post-comments, .byline, .author, [rel=author], time[datetime]')) {
    return true;
  }
  const head = doc.querySelector('article .meta, .post-meta, .entry-meta, .article-meta');
  return head !== null && /作者|发布|發佈|发表|發表|阅读|閱讀|author|posted|published/i.test(rawText(head));
}

/** Orders given as "订单#… 已支付" sentences next to a status word (no labels on the page). */
function sentenceOrders(url: URL, doc: Document, body: HTMLElement, scanned: readonly OrderWordNode[], inConversation: (node: Node) => boolean): OrderFacts[] {
  const candidates: { no: string; text: string; node: Text }[] = [];
  // A scan-to-pay prompt ("请付款12.00元", "扫码支付") makes a named number an unpaid order.
  const prompt: { seen: boolean; amount: number | null } = { seen: false, amount: null };
  // The scan kept every text node with an order or pay word, in document order: the sentences that can count.
  for (const { node, raw } of scanned) {
    if (raw.length > 300 || !ORDER_OR_PAY.test(raw)) {
      continue;
    }
    const text = normalizeSpace(raw);
    if (PAY_PROMPT.test(text) && isShownText(node, body) && !inConversation(node)) {
      const m = /(?:请付款|请支付|应付|支付金额|付款金额)\s*[:：]?\s*([￥¥]?\s*[\d.,]+\s*元?)/.exec(text);
      prompt.seen = true;
      prompt.amount ??= m === null ? null : (parseMoney(m[1] ?? '')?.amount ?? null);
    }
    if (candidates.length < 20 && /订单|訂單|单号|單號|order/i.test(text) && isShownText(node, body) && node.parentElement?.closest(QUOTED) == null) {
      for (const no of findOrderNosInSentence(text)) {
        candidates.push({ no, text, node });
      }
    }
  }
  if (candidates.length === 0) {
    return [];
  }
  const urlNos = new Set(orderNosInUrl(url));
  // Card keys are looked up only for a number that neither a status word nor the URL confirms (selector queries).
  let hasKeys: boolean | null = null;
  const out: OrderFacts[] = [];
  const single = new Set(candidates.map((c) => c.no)).size === 1;
  for (const { no, text, node } of candidates) {
    const status = findStatusWord(text);
    const confirmed = status !== null || urlNos.has(no) || (hasKeys ??= hasCardKeys(doc));
    // Asked last, of numbers that would become orders: a number said in a chat message is no order.
    if ((!confirmed && !prompt.seen) || inConversation(node)) {
      continue;
    }
    const named: OrderFacts = confirmed
      ? { ...emptyOrder(no), status: status?.status ?? null, statusText: status?.word ?? null }
      : { ...emptyOrder(no), status: 'unpaid', amount: prompt.amount };
    out.push(single ? mergeFacts(named, factsOfBox(no, node, body, inConversation)) : named);
  }
  return out;
}

/**
 * Numbers the page itself presents as examples ("本站订单号由…组成，例如 BL2024…（仅为格式示例）"): a help page may then
 * lay the same number out as a sample record, labelled like a real one. Read from the paragraph around each scanned
 * text that says so.
 */
function exampleOrderNos(scanned: readonly OrderWordNode[]): Set<string> {
  const out = new Set<string>();
  for (const { node, raw } of scanned) {
    if (raw.length <= 300 && isExampleText(raw)) {
      const block = node.parentElement?.closest('p, li, dd, td, div') ?? node.parentElement;
      for (const token of orderNoShapedTokens(rawText(block ?? node).slice(0, 600))) {
        out.add(token);
      }
    }
  }
  return out;
}

/** How far up from the sentence naming an order its box is looked for. */
const BOX_CLIMB = 4;

/**
 * The facts labelled in the box around the one order a page names in a heading or sentence ("订单 XY…" over a
 * grid of 商品 / 实付 / 下单 …, the number itself unlabelled): the nearest ancestor, a few levels up at most, with
 * at least two label–value pairs outside conversations. Only for a page naming a single order number.
 */
function factsOfBox(no: string, node: Text, body: HTMLElement, inConversation: (node: Node) => boolean): OrderFacts {
  let box = node.parentElement;
  for (let depth = 0; box !== null && box !== body && depth < BOX_CLIMB; depth += 1, box = box.parentElement) {
    const pairs = collectPairs(box).filter((p) => !inConversation(p.el) && p.el.closest(QUOTED) === null);
    if (pairs.length >= 2) {
      return factsFromPairs(no, pairs);
    }
  }
  return emptyOrder(no);
}

/**
 * Detect an order page of an unknown system; null for every other page. `bodyText` is the body's
 * `textContent` when the caller already read it (the same synchronous call, so the same DOM).
 */
export function detectGenericOrderPage(url: URL, doc: Document, bodyText?: string): OrderPageMatch | null {
  const body = doc.body;
  if (body === null) {
    return null;
  }
  const routeHint = hasOrderRouteHint(url);
  // Checked only once something order-like was found: the selector queries cost more than the walk.
  const isArticle = (): boolean => !routeHint && isArticlePage(doc);
  // One scan finds every text node with an order or pay word; both passes below look only at those.
  const scanned = scanOrderWords(body, undefined, bodyText);
  // Text of support chats, ticket threads, comment threads and composers is what people say about an
  // order, never the order record: no pair, leaf or sentence from there counts (checked on evidence only).
  const inConversation = conversationTest(body);
  // Read only once there is an order to drop: most pages reach neither filter below.
  let examples: Set<string> | undefined;
  const notAnExample = (o: OrderFacts): boolean => !(examples ??= exampleOrderNos(scanned)).has(o.orderNo);
  const labelled = findLabelledOrders(body, scanned, inConversation)
    .filter(({ group }) => group.anchors.some((a) => a.closest(QUOTED) === null))
    .map(({ facts, group }) => fillFromLeaves(facts, group, body, inConversation))
    // A lone labelled number needs more facts beside it; real system shapes or an order route need fewer.
    .filter((o) => evidenceCount(o) >= (isStrongOrderNo(o.orderNo) || routeHint ? 1 : 2))
    .filter(notAnExample);
  if (labelled.length > 0) {
    return isArticle() ? null : finishMatch('generic', doc, labelled);
  }
  const named = sentenceOrders(url, doc, body, scanned, inConversation).filter(notAnExample);
  return named.length === 0 || isArticle() ? null : finishMatch('generic', doc, named);
}
