/**
 * @module Text reading for the detector: normalised text of DOM subtrees without `innerText`
 * (which forces layout), with form-field values included and block boundaries kept as line breaks.
 */

/** Elements whose text is never shown as page content. */
const SKIPPED_TAGS = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'SVG', 'svg', 'IFRAME', 'OBJECT', 'CANVAS', 'HEAD']);

/** Elements that start a new visual line (so a table cell or a list item never glues to its neighbour). */
const BLOCK_TAGS = new Set([
  'ADDRESS', 'ARTICLE', 'ASIDE', 'BLOCKQUOTE', 'BR', 'BUTTON', 'DD', 'DIV', 'DL', 'DT', 'FIELDSET', 'FIGCAPTION', 'FIGURE',
  'FOOTER', 'FORM', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'HEADER', 'HR', 'LI', 'MAIN', 'NAV', 'OL', 'P', 'PRE', 'SECTION',
  'TABLE', 'TBODY', 'TD', 'TFOOT', 'TH', 'THEAD', 'TR', 'UL', 'TEXTAREA', 'SELECT', 'OPTION',
]);

/** Input types whose value the user sees as text. */
const TEXT_INPUT_TYPES = new Set(['', 'text', 'number', 'email', 'tel', 'search', 'url', 'date', 'datetime-local', 'time']);

/** Type guard for element nodes (no cast needed, works across realms). */
export function isElement(n: Node): n is Element {
  return n.nodeType === 1;
}

/** Type guard for text nodes. */
export function isTextNode(n: Node): n is Text {
  return n.nodeType === 3;
}

/** Collapse whitespace (incl. no-break and ideographic spaces) and trim. */
export function normalizeSpace(text: string): string {
  return text.replace(/[\s\u00a0\u3000\u200b\ufeff]+/g, ' ').trim();
}

/** True for elements a user cannot see because the markup hides them (not CSS classes: that needs layout). */
export function isMarkupHidden(el: Element): boolean {
  if (el.hasAttribute('hidden')) {
    return true;
  }
  const style = el.getAttribute('style');
  return style !== null && /display\s*:\s*none|visibility\s*:\s*hidden/i.test(style);
}

/** True when an element's text is never displayed (scripts, styles, drawings, hidden markup). */
export function isSkipped(el: Element): boolean {
  return SKIPPED_TAGS.has(el.tagName) || isMarkupHidden(el);
}

/** The live value of a form control, read without casting (works across realms, unlike instanceof). */
export function controlValue(el: Element): string | null {
  const tag = el.tagName;
  if (tag === 'INPUT') {
    const type = (el.getAttribute('type') ?? '').toLowerCase();
    if (!TEXT_INPUT_TYPES.has(type)) {
      return null;
    }
  } else if (tag !== 'TEXTAREA') {
    return null;
  }
  const live: unknown = Reflect.get(el, 'value');
  if (typeof live === 'string') {
    return live;
  }
  return tag === 'TEXTAREA' ? (el.textContent ?? '') : (el.getAttribute('value') ?? '');
}

/**
 * Visible text of a subtree as normalised lines: block elements and form controls break lines,
 * control values count as text, hidden markup is skipped. Stops after `maxChars` characters.
 */
export function readLines(node: Node, maxChars = 4000): string[] {
  const parts: string[] = [];
  let size = 0;
  const visit = (n: Node): void => {
    if (size > maxChars) {
      return;
    }
    if (isTextNode(n)) {
      const t = n.nodeValue ?? '';
      parts.push(t);
      size += t.length;
      return;
    }
    if (n.nodeType !== 1 && n.nodeType !== 9 && n.nodeType !== 11) {
      return;
    }
    if (isElement(n)) {
      const el = n;
      if (isSkipped(el)) {
        return;
      }
      const value = controlValue(el);
      if (value !== null) {
        parts.push('\n', value, '\n');
        size += value.length;
        return;
      }
      if (el.tagName === 'SELECT') {
        const selected = el.querySelector('option[selected]') ?? el.querySelector('option');
        parts.push('\n', selected?.textContent ?? '', '\n');
        return;
      }
    }
    const block = isElement(n) && BLOCK_TAGS.has(n.tagName);
    if (block) {
      parts.push('\n');
    }
    for (let c = n.firstChild; c !== null; c = c.nextSibling) {
      visit(c);
    }
    if (block) {
      parts.push('\n');
    }
  };
  visit(node);
  return parts
    .join('')
    .split('\n')
    .map(normalizeSpace)
    .filter((l) => l !== '');
}

/** Visible text of a subtree on one line. */
export function readText(node: Node, maxChars = 4000): string {
  return readLines(node, maxChars).join(' ');
}

/** Cheap normalised textContent (includes hidden text; for equality checks on small elements only). */
export function rawText(node: Node): string {
  return normalizeSpace(node.textContent ?? '');
}

/** NodeFilter.SHOW_TEXT and SHOW_CDATA_SECTION (literals: NodeFilter is not a global in every environment). */
const SHOW_TEXT = 4;
const SHOW_CDATA_SECTION = 8;

/**
 * Visit non-blank text nodes under `root` in document order; the callback returns false to stop.
 * Uses the native TreeWalker (no per-element JS work), so callers must check {@link isShownText}
 * on the few nodes they keep: text in scripts, styles and markup-hidden subtrees is still visited.
 */
export function forEachTextNode(root: Node, visit: (text: Text, value: string) => boolean, maxNodes = 50000): void {
  const doc = root.ownerDocument ?? (root.nodeType === 9 ? root : null);
  if (doc === null || !('createTreeWalker' in doc)) {
    return;
  }
  const walker = doc.createTreeWalker(root, SHOW_TEXT);
  let seen = 0;
  for (let n = walker.nextNode(); n !== null && seen < maxNodes; n = walker.nextNode(), seen++) {
    const v = n.nodeValue ?? '';
    if (isTextNode(n) && /\S/.test(v) && !visit(n, v)) {
      return;
    }
  }
}

/**
 * `root.querySelector(selectorList) !== null`, asked one selector at a time. Chromium answers a single
 * tag, class or id selector on a fast path but matches a comma-separated list against every element
 * (measured: 1.2 ms vs 0.04 ms on a 5,000-element page). Only for constant lists without commas inside
 * attribute values.
 */
export function anyMatch(root: ParentNode, selectorList: string): boolean {
  return selectorList.split(',').some((selector) => root.querySelector(selector.trim()) !== null);
}

/**
 * `(node.textContent ?? '').length > limit` without building the string: stops reading text nodes as
 * soon as the limit is passed, so asking it of a page-sized ancestor costs a few nodes, not the page.
 */
export function textLongerThan(node: Node, limit: number): boolean {
  const doc = node.ownerDocument;
  if (doc === null || !('createTreeWalker' in doc)) {
    return (node.textContent ?? '').length > limit;
  }
  // textContent concatenates every descendant text and CDATA node (scripts included, comments not): the same nodes.
  const walker = doc.createTreeWalker(node, SHOW_TEXT | SHOW_CDATA_SECTION);
  let length = 0;
  for (let n = walker.nextNode(); n !== null; n = walker.nextNode()) {
    length += (n.nodeValue ?? '').length;
    if (length > limit) {
      return true;
    }
  }
  return false;
}

/** True when no ancestor of a text node (up to `root`) hides it or is a script, style or drawing. */
export function isShownText(node: Node, root: Node): boolean {
  for (let el = node.parentElement; el !== null; el = el.parentElement) {
    if (isSkipped(el)) {
      return false;
    }
    if (el === root) {
      break;
    }
  }
  return true;
}
