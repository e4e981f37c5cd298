/**
 * @module Label–value pairs from any layout: "label：value" in one text node, label and value in
 * sibling elements (label+span, strong+text, dt/dd, th/td, label+readonly input), and column tables
 * whose header row names the fields (one record per body row).
 */
import { isEditableBox } from '@/src/detect/conversation';
import { cutAtNextLabel, labelOnly, matchLabel, mayStartWithLabel, splitLabelRuns, type FieldKey, type LabelInfo } from '@/src/detect/labels';
import { cleanLabelledOrderNo } from '@/src/detect/order-no';
import { scanOrderWords, type OrderWordNode } from '@/src/detect/scan';
import { forEachTextNode, isElement, isShownText, isSkipped, normalizeSpace, rawText, readLines, readText, textLongerThan } from '@/src/detect/text';

/** One labelled value found on the page. */
export interface Pair {
  field: FieldKey;
  priority: number;
  label: string;
  value: string;
  /** The element holding the pair (a row, a cell, a list item): used to group pairs into orders. */
  el: Element;
}

/** Form fields whose value can be a displayed order value. */
const FIELD_SELECTOR = 'input,textarea,select';
/** Labels inside links, buttons, navigation and footers are menu items or shop contacts, not order fields. */
const NOT_A_LABEL = 'a, button, nav, footer, option, .navbar, .nav, .menu, .breadcrumb';

/** Limits that keep the walk cheap on huge pages. */
const MAX_LABEL_TEXT = 300;
const MAX_ROW_TEXT = 400;

/** Column tables: a header row of labels, one order per body row (ZFAKA, mcy-shop, acg-faka records). */
function collectTablePairs(root: Element, out: Pair[], handled: Set<Element>): void {
  for (const table of root.querySelectorAll('table')) {
    if (isSkipped(table)) {
      continue;
    }
    const rows = [...table.querySelectorAll('tr')].filter((tr) => tr.closest('table') === table);
    const headerRow = rows.find((tr) => tr.querySelector('th') !== null) ?? rows[0];
    if (headerRow === undefined) {
      continue;
    }
    const columns: (LabelInfo & { label: string } | null)[] = [...headerRow.children].map((cell) => {
      const text = rawText(cell);
      const info = text.length <= 30 ? labelOnly(text) : null;
      return info === null ? null : { ...info, label: text };
    });
    const named = columns.filter((c) => c !== null && c.field !== 'ignored');
    const hasOrderNo = named.some((c) => c?.field === 'orderNo');
    // Two-column "label | value" tables are left to the text pass; a column table needs a real header.
    if (named.length < 2 || (!hasOrderNo && named.length < 3)) {
      continue;
    }
    handled.add(table);
    for (const tr of rows) {
      if (tr === headerRow || tr.querySelector('th') !== null) {
        continue;
      }
      [...tr.children].forEach((cell, i) => {
        const col = columns[i];
        if (col === null || col === undefined || col.field === 'ignored') {
          return;
        }
        const value = readText(cell, 600);
        if (value !== '') {
          out.push({ field: col.field, priority: col.priority, label: col.label, value, el: cell });
        }
      });
    }
  }
}

/** True when `line` (the first line read from `el`) is the value of an editable textarea in `el`. */
function isTypedText(el: Element, line: string): boolean {
  // One tag query first: almost no value box holds a textarea.
  const boxes = el.localName === 'textarea' ? [el] : el.querySelector('textarea') === null ? [] : [...el.querySelectorAll('textarea')];
  return boxes.some((box) => isEditableBox(box) && readLines(box, MAX_ROW_TEXT)[0] === line);
}

/**
 * The value of a label whose text node holds nothing after the colon: the first text after the
 * label's box (the largest ancestor that is still only the label) among its following siblings.
 */
function valueAfter(text: Text, label: string): { value: string; row: Element } | null {
  let box: Node = text;
  for (let depth = 0; depth < 4; depth++) {
    const parent: Element | null = box.parentElement;
    // Bounded length check first: the 3rd or 4th ancestor can be the whole page, whose textContent would
    // copy every character. Then stop at a parent that also holds a form field: the field is the value
    // (ZFAKA mobile rows).
    if (parent === null || textLongerThan(parent, MAX_LABEL_TEXT) || parent.querySelector(FIELD_SELECTOR) !== null) {
      break;
    }
    const parentText = rawText(parent);
    if (labelOnly(parentText) === null || parentText.replace(/[:：\s]+$/, '').toLowerCase() !== label.toLowerCase()) {
      break;
    }
    box = parent;
  }
  const row = box.parentElement;
  if (row === null) {
    return null;
  }
  for (let sib = box.nextSibling; sib !== null; sib = sib.nextSibling) {
    if (isElement(sib) && isSkipped(sib)) {
      continue;
    }
    const lines = readLines(sib, MAX_ROW_TEXT);
    const first = lines[0];
    // A textarea the user can type into (a reply box) holds the user's words, not a value the page shows:
    // no value, as for an empty field. Read-only textareas (order info, card keys) are values.
    if (first !== undefined && isElement(sib) && isTypedText(sib, first)) {
      return null;
    }
    if (first === undefined) {
      // An empty form field is a known-empty value (checkout forms): stop rather than borrow the next row.
      if (isElement(sib) && (sib.matches(FIELD_SELECTOR) || sib.querySelector(FIELD_SELECTOR) !== null)) {
        return null;
      }
      continue;
    }
    const cleaned = normalizeSpace(first.replace(/^[:：]\s*/, ''));
    if (cleaned === '' || matchLabel(cleaned) !== null) {
      return null;
    }
    return { value: cutAtNextLabel(cleaned), row };
  }
  return null;
}

/**
 * The pairs one text node yields: "label：value" (split into runs when several labels share the node),
 * or a label alone whose value follows its box. Nothing for labels in menus, links, hidden markup or
 * column tables already read (`handled`).
 */
function textNodePairs(node: Text, raw: string, root: Element, handled: ReadonlySet<Element>): Pair[] {
  const text = normalizeSpace(raw);
  const m = text.length <= MAX_LABEL_TEXT ? matchLabel(text) : null;
  if (m === null) {
    return [];
  }
  const parent = node.parentElement;
  if (parent === null || !isShownText(node, root) || parent.closest(NOT_A_LABEL) !== null || (handled.size > 0 && [...handled].some((t) => t.contains(node)))) {
    return [];
  }
  if (m.rest !== '') {
    const pairs: Pair[] = [];
    for (const run of splitLabelRuns(text)) {
      const r = matchLabel(run);
      if (r !== null && r.rest !== '') {
        pairs.push({ field: r.field, priority: r.priority, label: r.label, value: r.rest, el: parent });
      }
    }
    return pairs;
  }
  const found = valueAfter(node, m.label);
  return found === null || found.value === '' ? [] : [{ field: m.field, priority: m.priority, label: m.label, value: found.value, el: found.row }];
}

/** Collect every label–value pair under `root` in document order (tables first, then the text pass). */
export function collectPairs(root: Element, maxNodes = 30000): Pair[] {
  const tablePairs: Pair[] = [];
  const handled = new Set<Element>();
  collectTablePairs(root, tablePairs, handled);
  const textPairs: Pair[] = [];
  forEachTextNode(
    root,
    (node, raw) => {
      if (raw.length <= MAX_LABEL_TEXT * 2 && mayStartWithLabel(raw)) {
        textPairs.push(...textNodePairs(node, raw, root, handled));
      }
      return true;
    },
    maxNodes,
  );
  return mergeInDocumentOrder(tablePairs, textPairs);
}

/** True for an order-number pair whose value is shaped like a real order number (what starts an order group). */
function isOrderNoPair(p: Pair): boolean {
  return p.field === 'orderNo' && cleanLabelledOrderNo(p.value) !== null;
}

/**
 * Cheap gate of {@link collectPairs}: false when nothing under `root` can group into an order, i.e. no
 * column table and no text node yields an order-number label bound to an order-number-shaped value.
 * Exact, not a heuristic: order groups start only from such pairs, and every text node that yields one
 * names an order-number label, so only the text nodes the order-word scan kept are paired here.
 * `scanned` is {@link scanOrderWords} of this same `root` when the caller already has it.
 */
export function mayHoldLabelledOrder(root: Element, scanned?: readonly OrderWordNode[]): boolean {
  const tablePairs: Pair[] = [];
  collectTablePairs(root, tablePairs, new Set());
  if (tablePairs.some(isOrderNoPair)) {
    return true;
  }
  const none: ReadonlySet<Element> = new Set();
  return (scanned ?? scanOrderWords(root)).some(
    // The same first-character pre-check as the text pass: a label must open the text.
    ({ node, raw, orderNoLabel }) => orderNoLabel && mayStartWithLabel(raw) && textNodePairs(node, raw, root, none).some(isOrderNoPair),
  );
}

/** Merge two pair lists by the document position of their elements. */
function mergeInDocumentOrder(a: Pair[], b: Pair[]): Pair[] {
  if (a.length === 0) {
    return b;
  }
  if (b.length === 0) {
    return a;
  }
  // 4 = Node.DOCUMENT_POSITION_FOLLOWING (the literal keeps this usable where Node is not global).
  return [...a, ...b].sort((x, y) => (x.el === y.el ? 0 : x.el.compareDocumentPosition(y.el) & 4 ? -1 : 1));
}
