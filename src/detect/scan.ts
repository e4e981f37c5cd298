/**
 * @module The one cheap scan the full detector starts with: the text nodes that name an order-number
 * label or an order / payment word. The expensive steps (label–value pairing, sentence parsing) only
 * look at these nodes and their surroundings, so an ordinary page that merely says 我的订单 in its
 * header costs one native `textContent` read, one regex pass over it, and a walk that stops at the last
 * text node an order word touches.
 */
import { ORDER_NO_WORD } from '@/src/detect/labels';
import { isTextNode } from '@/src/detect/text';

/** Words of the sentences and pay prompts the generic detector reads when a page has no labels. */
export const ORDER_OR_PAY = /订单|訂單|单号|單號|order|付款|支付|扫码|掃碼|扫一扫/i;

/** Either kind of word: one test per kept text node decides whether the node is kept. */
const ANY_ORDER_WORD = new RegExp(`${ORDER_NO_WORD.source}|${ORDER_OR_PAY.source}`, 'i');
/** The same words, found all at once in the root's whole text. */
const ANY_ORDER_WORD_ALL = new RegExp(ANY_ORDER_WORD.source, 'gi');

/** Longest raw text kept: label texts are read up to 600 characters, sentences up to 300. */
const MAX_RAW = 600;
/** NodeFilter.SHOW_TEXT | NodeFilter.SHOW_CDATA_SECTION (literals: NodeFilter is not a global everywhere). */
const SHOW_TEXT_AND_CDATA = 4 | 8;
/** NodeFilter.SHOW_TEXT. */
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
 *
 * Why not one regex test per text node: on a 5,000-node page that passes the pre-filter (a shop portal
 * with 我的订单 in its header) the per-node string reads and regex calls were most of the detector's time.
 * The root's `textContent` is exactly its Text and CDATA nodes' data in tree order (DOM standard), so one
 * regex pass over it finds where the words are, and the walk only reads node lengths (no strings) up to
 * the last word. Every node holding a match is touched by one of the global matches (leftmost-first
 * scanning cannot skip past a position where a match starts without covering it), and each touched node
 * is tested on its own text, so the result is the per-node test's, node for node. `rootText` is the root's
 * `textContent` when the caller already has it.
 */
export function scanOrderWords(root: Node, maxNodes = 50000, rootText?: string): OrderWordNode[] {
  const doc = root.ownerDocument ?? (root.nodeType === 9 ? root : null);
  if (doc === null || !('createTreeWalker' in doc)) {
    return [];
  }
  const all = rootText ?? (root.nodeType === 9 ? (root as Document).documentElement?.textContent : root.textContent) ?? '';
  // Start and end offsets of every match, flattened: [start0, end0, start1, end1, …].
  const hits: number[] = [];
  ANY_ORDER_WORD_ALL.lastIndex = 0;
  for (let m = ANY_ORDER_WORD_ALL.exec(all); m !== null; m = ANY_ORDER_WORD_ALL.exec(all)) {
    hits.push(m.index, m.index + m[0].length);
  }
  if (hits.length === 0) {
    return [];
  }
  const found: OrderWordNode[] = [];
  const walker = doc.createTreeWalker(root, SHOW_TEXT_AND_CDATA);
  let offset = 0;
  let hit = 0;
  let seen = 0;
  for (let n = walker.nextNode(); n !== null && seen < maxNodes; n = walker.nextNode()) {
    // `length` of character data is a number read, no string is made for nodes no word touches.
    const end = offset + (n as CharacterData).length;
    while (hit < hits.length && (hits[hit + 1] ?? 0) <= offset) {
      hit += 2;
    }
    if (hit >= hits.length) {
      break;
    }
    if (isTextNode(n)) {
      seen++;
      if ((hits[hit] ?? end) < end) {
        const raw = n.nodeValue ?? '';
        if (!all.startsWith(raw, offset)) {
          // The text did not line up with the nodes (a DOM that is not the standard's): test every node.
          return scanEachNode(root, doc, maxNodes);
        }
        if (raw.length <= MAX_RAW && ANY_ORDER_WORD.test(raw)) {
          found.push({ node: n, raw, orderNoLabel: ORDER_NO_WORD.test(raw) });
        }
      }
    }
    offset = end;
  }
  return found;
}

/** The plain per-node test: the reference the fast scan must equal, and its fallback. */
export function scanEachNode(root: Node, doc: Document = root.ownerDocument ?? (root as Document), maxNodes = 50000): OrderWordNode[] {
  const found: OrderWordNode[] = [];
  const walker = doc.createTreeWalker(root, SHOW_TEXT);
  let seen = 0;
  for (let n = walker.nextNode(); n !== null && seen < maxNodes; n = walker.nextNode(), seen++) {
    const raw = n.nodeValue ?? '';
    if (raw.length <= MAX_RAW && ANY_ORDER_WORD.test(raw) && isTextNode(n)) {
      found.push({ node: n, raw, orderNoLabel: ORDER_NO_WORD.test(raw) });
    }
  }
  return found;
}
