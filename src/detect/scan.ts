/**
 * @module The one cheap walk the full detector starts with: the text nodes that name an order-number
 * label or an order / payment word. The expensive steps (label–value pairing, sentence parsing) only
 * look at these nodes and their surroundings, so an ordinary page that merely says 我的订单 in its
 * header costs one native TreeWalker pass with a single regex test per text node.
 */
import { ORDER_NO_WORD } from '@/src/detect/labels';
import { isTextNode } from '@/src/detect/text';

/** Words of the sentences and pay prompts the generic detector reads when a page has no labels. */
export const ORDER_OR_PAY = /订单|訂單|单号|單號|order|付款|支付|扫码|掃碼|扫一扫/i;

/** Either kind of word: one test per text node decides whether the node is kept. */
const ANY_ORDER_WORD = new RegExp(`${ORDER_NO_WORD.source}|${ORDER_OR_PAY.source}`, 'i');

/** Longest raw text kept: label texts are read up to 600 characters, sentences up to 300. */
const MAX_RAW = 600;
/** NodeFilter.SHOW_TEXT (literal: NodeFilter is not a global in every environment). */
const SHOW_TEXT = 4;

/** A text node that mentions an order word, with its raw value. */
export interface OrderWordNode {
  node: Text;
  raw: string;
  /** True when the text names an order-number label ({@link ORDER_NO_WORD}): a possible order-number pair. */
  orderNoLabel: boolean;
}

/**
 * Text nodes under `root` (document order, at most `maxNodes` text nodes visited) whose raw text has
 * an order-number label or an order / pay word. Hidden and script text is included: callers check
 * visibility on the few nodes they use.
 */
export function scanOrderWords(root: Node, maxNodes = 50000): OrderWordNode[] {
  const doc = root.ownerDocument ?? (root.nodeType === 9 ? root : null);
  if (doc === null || !('createTreeWalker' in doc)) {
    return [];
  }
  const found: OrderWordNode[] = [];
  const walker = doc.createTreeWalker(root, SHOW_TEXT);
  // Kept deliberately bare (no callback, no normalisation): this loop runs on every text node of the page.
  let seen = 0;
  for (let n = walker.nextNode(); n !== null && seen < maxNodes; n = walker.nextNode(), seen++) {
    const raw = n.nodeValue ?? '';
    if (raw.length <= MAX_RAW && ANY_ORDER_WORD.test(raw) && isTextNode(n)) {
      found.push({ node: n, raw, orderNoLabel: ORDER_NO_WORD.test(raw) });
    }
  }
  return found;
}
