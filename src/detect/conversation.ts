/**
 * @module Conversation text: support-chat message lists, ticket reply threads, comment threads and
 * composers. An order number, a pay word or a time inside a message is something a person said about
 * an order, not the order record a page shows, so the generic detector never takes evidence from there.
 *
 * Only structure is used (attributes and class names of an element, its parent and a few neighbours),
 * and only on the few elements that already carry evidence: ordinary pages pay nothing for this check.
 * Independent of src/chat on purpose (the detector stays a pure, self-contained module).
 */
import { isElement } from '@/src/detect/text';

/** Class words of message rows and message lists ("uc-ticket-message", "chatContent", "msg-item", "comment-list"). */
const MESSAGE_WORDS = new Set(['message', 'messages', 'msg', 'msgs', 'chat', 'chats', 'im', 'reply', 'replies', 'bubble', 'conversation', 'comment', 'comments', 'talk']);
/** Class words that make a message-named container a list of messages ("chat-list", "messages", "msg-history"). */
const LIST_WORDS = new Set(['list', 'log', 'history', 'thread', 'stream', 'messages', 'msgs', 'chats', 'replies', 'comments', 'conversation']);
/** Class words that put a message row on the writer's side … */
const SELF_WORDS = new Set(['me', 'mine', 'self', 'my', 'own', 'sent', 'outgoing', 'customer', 'visitor', 'guest']);
/** … and on the other party's side (an agent, a bot). */
const OTHER_WORDS = new Set(['other', 'others', 'received', 'incoming', 'agent', 'kefu', 'operator', 'staff', 'service', 'admin', 'bot', 'robot']);
/** Plain side words: too common in page layouts (two-column order cards) to count without a composer next to the list. */
const RIGHT_WORD: ReadonlySet<string> = new Set(['right']);
const LEFT_WORD: ReadonlySet<string> = new Set(['left']);
/** Neighbouring siblings compared with a row on each side (lists alternate sides, so a few are enough). */
const NEIGHBOURS = 3;
/** Splits class names into words: separators, and camelCase boundaries ("chatBoxMe" → chat box me). */
const CAMEL_BOUNDARY = /([a-z\d])([A-Z])/g;
const WORD_SPLIT = /[^a-z\d]+|(?<=[a-z])(?=\d)/;

/** Lower-case words of an element's class names. */
function classWords(el: Element): string[] {
  const raw = el.getAttribute('class');
  return raw === null || raw === '' ? [] : raw.replace(CAMEL_BOUNDARY, '$1 $2').toLowerCase().split(WORD_SPLIT).filter((w) => w !== '');
}

/** Whole class names of an element (what rows of one list share: "el-row", "uc-ticket-message"). */
function classNames(el: Element): string[] {
  const raw = el.getAttribute('class');
  return raw === null ? [] : raw.split(/\s+/).filter((c) => c !== '');
}

/** True for a place where the user types: a contenteditable element or a textarea that is neither read-only nor disabled. */
export function isEditableBox(el: Element): boolean {
  if (el.localName === 'textarea') {
    return !el.hasAttribute('readonly') && !el.hasAttribute('disabled');
  }
  const editable = el.getAttribute('contenteditable');
  return editable !== null && ['', 'true', 'plaintext-only'].includes(editable.toLowerCase());
}

/** An ARIA live region (a list the page appends to: chat logs, ticket threads); aria-live="off" is none. */
function isLiveRegion(el: Element): boolean {
  const live = el.getAttribute('aria-live');
  return live !== null && live !== 'off';
}

/** Up to {@link NEIGHBOURS} element siblings on each side that share `row`'s tag and, when it has classes, one whole class. */
function alikeSiblings(row: Element): Element[] {
  const names = classNames(row);
  const alike = (sib: Element): boolean =>
    sib.localName === row.localName && (names.length === 0 ? classNames(sib).length === 0 : classNames(sib).some((c) => names.includes(c)));
  const out: Element[] = [];
  let prev = row.previousElementSibling;
  let next = row.nextElementSibling;
  for (let i = 0; i < NEIGHBOURS; i++, prev = prev?.previousElementSibling ?? null, next = next?.nextElementSibling ?? null) {
    if (prev !== null && alike(prev)) {
      out.push(prev);
    }
    if (next !== null && alike(next)) {
      out.push(next);
    }
  }
  return out;
}

/**
 * A composer next to a list: a textarea or contenteditable element in the list's parent or grandparent
 * (chat widgets and ticket pages put the reply box right under the thread). Two single-tag queries on a
 * small subtree (see text.ts `anyMatch` on selector lists).
 */
function hasComposerNear(list: Element): boolean {
  const isPage = (el: Element | null): boolean => el === null || el.localName === 'body' || el.localName === 'html';
  const parent = list.parentElement;
  const around = isPage(parent?.parentElement ?? null) ? parent : (parent?.parentElement ?? null);
  if (around === null || isPage(around)) {
    return false;
  }
  // Reply boxes: a textarea, or a rich editor marked contenteditable.
  const boxes = [...around.querySelectorAll('textarea'), ...around.querySelectorAll('[contenteditable]')];
  return boxes.some((box) => !list.contains(box) && isEditableBox(box));
}

/** Class words of an element, computed once per detection run (neighbouring rows are compared many times). */
type WordsOf = (el: Element) => readonly string[];

/** True when some of `words` is in `set`. */
function anyIn(words: readonly string[], set: ReadonlySet<string>): boolean {
  return words.some((w) => set.has(w));
}

/** True when rows of one list sit on both sides of a conversation (self words on some, other-party words on others). */
function alternatesSides(rows: readonly (readonly string[])[], self: ReadonlySet<string>, other: ReadonlySet<string>): boolean {
  let selfRows = 0;
  let otherRows = 0;
  for (const words of rows) {
    const s = anyIn(words, self);
    const o = anyIn(words, other);
    selfRows += s && !o ? 1 : 0;
    otherRows += o && !s ? 1 : 0;
  }
  // A side class on one side only ("el-row chatBoxMe" next to "el-row"): the unmarked rows are the other side.
  const unmarked = rows.length - selfRows - otherRows;
  return (selfRows > 0 && otherRows > 0) || (selfRows + otherRows > 0 && unmarked > 0 && rows.every((w) => !(anyIn(w, self) && anyIn(w, other))));
}

/**
 * True when `el` itself marks a conversation: a chat log, a composer, or a row of a message list.
 * A message list is recognised by rows that repeat (same tag and class as a neighbour) and either carry
 * message words, sit in a list named by message words, alternate sides, or fill a live region.
 * Single message-named blocks are not lists: WeUI pay results (.weui-msg__desc) and alert boxes stay order text.
 */
function marksConversation(el: Element, wordsOf: WordsOf): boolean {
  // role="log": ARIA's role for a chat history or message log.
  if (el.getAttribute('role') === 'log' || isEditableBox(el)) {
    return true;
  }
  const list = el.parentElement;
  if (list === null || list.localName === 'body' || list.localName === 'html') {
    return false;
  }
  const alike = alikeSiblings(el);
  if (alike.length === 0) {
    return false;
  }
  const own = wordsOf(el);
  const listWords = wordsOf(list);
  // Rows named as messages ("uc-ticket-message", "chat-row") that repeat at least three times: a single
  // "msg" box or a pair of "order-msg" lines is how some themes name an order's info block.
  const namedList = anyIn(listWords, MESSAGE_WORDS);
  if (anyIn(own, MESSAGE_WORDS) && alike.length >= 2) {
    return true;
  }
  // Unnamed rows (three or more) of a list named as a message list ("ul.chat-messages > li", "div.msg-list > div").
  if (own.length === 0 && alike.length >= 2 && namedList && anyIn(listWords, LIST_WORDS)) {
    return true;
  }
  // Rows of a live region the page appends to, with a reply box beside it.
  const live = isLiveRegion(list);
  if (live && hasComposerNear(list)) {
    return true;
  }
  // Rows on both sides of a conversation ("el-row chatBoxMe" next to "el-row" in a "chatBox"). Side words
  // also name page blocks (".panel.customer-info" next to ".panel.service-info"), so a second signal is
  // required: a list named as messages, a live region or a composer. Plain left/right also align label and
  // value cells ("text-left" / "text-right"), so they need three rows and the composer.
  const rows = [own, ...alike.map(wordsOf)];
  if (alternatesSides(rows, SELF_WORDS, OTHER_WORDS) && (namedList || live || hasComposerNear(list))) {
    return true;
  }
  return alike.length >= 2 && alternatesSides(rows, RIGHT_WORD, LEFT_WORD) && hasComposerNear(list);
}

/**
 * A memoised test for one detection run: `inConversation(node)` is true when the node or an ancestor
 * (up to `root`) marks a conversation. Call it only on evidence elements: each call climbs ancestors,
 * sharing the answers (and class words) of elements already seen.
 */
export function conversationTest(root: Element): (node: Node) => boolean {
  const known = new Map<Element, boolean>();
  const words = new Map<Element, readonly string[]>();
  const wordsOf: WordsOf = (el) => {
    let w = words.get(el);
    if (w === undefined) {
      w = classWords(el);
      words.set(el, w);
    }
    return w;
  };
  const inside = (el: Element): boolean => {
    const cached = known.get(el);
    if (cached !== undefined) {
      return cached;
    }
    const parent = el.parentElement;
    const answer = marksConversation(el, wordsOf) || (el !== root && parent !== null && inside(parent));
    known.set(el, answer);
    return answer;
  };
  return (node: Node): boolean => {
    const el = isElement(node) ? node : node.parentElement;
    return el !== null && inside(el);
  };
}
