/**
 * @module Generic detector for support chats of unknown widgets: a list whose rows sit on two sides
 * (self/other classes, right alignment, avatar side) next to a composer (textarea or contenteditable).
 * Comment threads, forums and Q&A pages look alike and are rejected: many authors, floor numbers,
 * reply/report links, comment-form composers.
 */
import type { ChatItem, ChatRoot, ChatWidgetAdapter } from '@/src/chat/types';
import { childItems, classTokens, isHidden, labelText, nativeIdOf, rootUrl } from '@/src/chat/dom';
import { ownTimeIn } from '@/src/chat/row';
import { isTimeText } from '@/src/chat/text';

/** Which side of the conversation a row sits on. */
export type RowSide = 'right' | 'left' | 'center' | null;

const RIGHT = new Set(['self', 'mine', 'me', 'my', 'own', 'right', 'sent', 'send', 'outgoing', 'out', 'customer', 'visitor', 'guest', 'client', 'user', 'buyer']);
const LEFT = new Set(['left', 'other', 'others', 'receive', 'received', 'recv', 'incoming', 'agent', 'operator', 'kefu', 'service', 'staff', 'admin', 'support', 'bot', 'robot', 'server', 'seller', 'shop', 'cs']);
const CENTER = new Set(['system', 'sys', 'notice', 'tip', 'tips', 'event', 'center', 'centre', 'divider', 'notification', 'hint']);
const NEGATIVE = new Set(['comment', 'comments', 'forum', 'thread', 'topic', 'floor', 'answer', 'answers', 'review', 'reviews', 'reply', 'replies', 'post', 'posts', 'discussion', 'bbs', 'respond']);
const THREAD_ACTION_RE = /^(回复|举报|引用|点赞|顶|踩|reply|report|quote|like|upvote|downvote)$/i;
const FLOOR_RE = /^(#\d+|\d+\s*楼|沙发|板凳|地板)$/;
/** Class tokens of an element holding an author's name. */
const AUTHOR_TOKENS = new Set(['author', 'name', 'nickname', 'username', 'fn']);
const SCAN_LIMIT = 1500;
/** Work one generic detection may do before it gives up (well below a 50 ms long task on a slow machine). */
const GENERIC_BUDGET_MS = 12;
/** How far up from a composer the list is looked for. */
const CLIMB_LIMIT = 6;
/** Composers the generic detector starts from, in document order; more than this are not looked at. */
const COMPOSER_LIMIT = 8;

/**
 * Textareas and elements with a contenteditable attribute: where a visitor types into a chat (plain inputs
 * are search boxes far too often). One attribute test per element; the editable values are checked in
 * {@link isComposer}, which is cheaper than a selector list testing each value.
 */
const COMPOSER_CANDIDATES = 'textarea, [contenteditable]';

/** True for a textarea or an editable element (contenteditable true, empty or plaintext-only). */
export function isComposer(el: Element): boolean {
  if (el.localName === 'textarea') {
    return true;
  }
  const editable = el.getAttribute('contenteditable');
  if (editable === null) {
    return false;
  }
  const value = editable.toLowerCase();
  return value === 'true' || value === '' || value === 'plaintext-only';
}

/** Side of a row from its classes, then its alignment styles, then its avatar. */
export function sideOf(row: Element): RowSide {
  const fromClasses = sideFromTokens(row, 0);
  if (fromClasses) {
    return fromClasses;
  }
  const view = row.ownerDocument.defaultView;
  const chain: Element[] = [row];
  for (const child of row.children) {
    chain.push(child);
    if (chain.length > 4) {
      break;
    }
  }
  for (const el of chain) {
    const inline = el.getAttribute('style') ?? '';
    const style = view ? view.getComputedStyle(el) : null;
    const justify = style?.justifyContent ?? '';
    const dir = style?.flexDirection ?? '';
    if (/justify-content\s*:\s*(flex-)?end|flex-direction\s*:\s*row-reverse|margin-left\s*:\s*auto|float\s*:\s*right|text-align\s*:\s*right/i.test(inline) || /(flex-)?end|right/.test(justify) || dir === 'row-reverse' || style?.cssFloat === 'right' || style?.textAlign === 'right') {
      return 'right';
    }
    if (/text-align\s*:\s*center/i.test(inline) || style?.textAlign === 'center') {
      return 'center';
    }
  }
  // Avatar first (left of the bubble) = the other party; avatar last = self.
  const first = row.firstElementChild;
  const last = row.lastElementChild;
  if (first && first !== last && isAvatar(first)) {
    return 'left';
  }
  if (last && first !== last && isAvatar(last)) {
    return 'right';
  }
  return null;
}

function sideFromTokens(el: Element, depth: number): RowSide {
  const tokens = classTokens(el);
  if (tokens.some((t) => CENTER.has(t))) {
    return 'center';
  }
  const right = tokens.some((t) => RIGHT.has(t));
  const left = tokens.some((t) => LEFT.has(t));
  if (right !== left) {
    return right ? 'right' : 'left';
  }
  if (depth >= 2) {
    return null;
  }
  let seen = 0;
  for (const child of el.children) {
    if (seen++ > 4) {
      break;
    }
    const side = sideFromTokens(child, depth + 1);
    if (side) {
      return side;
    }
  }
  return null;
}

function isAvatar(el: Element): boolean {
  if (classTokens(el).includes('avatar')) {
    return true;
  }
  const img = el.localName === 'img' ? el : el.querySelector('img');
  return img !== null && el.children.length <= 2 && labelText(el) === '';
}

/** The bubble inside a generic row: the element classed as bubble/content/text, else the row. */
function bubbleOf(row: Element): Element {
  for (const el of row.querySelectorAll('*')) {
    const tokens = classTokens(el);
    if (tokens.includes('bubble') || tokens.includes('content') || tokens.includes('text') || tokens.includes('msg')) {
      return el;
    }
  }
  return row;
}

/** Reads a row of a generic list. */
export function readGenericRow(row: Element): ChatItem | null {
  const text = labelText(row);
  const hasMedia = row.querySelector('img, a[href]') !== null;
  if (text === '' && !hasMedia) {
    return null;
  }
  if (row.children.length <= 1 && isTimeText(text)) {
    return { type: 'time', text };
  }
  const hidden = isHidden(row, row.parentElement);
  const side = sideOf(row);
  const ownTime = ownTimeIn(row, 'time, [class*="time" i], [class*="date" i]');
  if (side === 'center' || (side === null && !row.querySelector('img'))) {
    if (/typing|正在输入/i.test(text)) {
      return null;
    }
    return { type: 'notice', text, nativeId: nativeIdOf(row), ownTime, hidden };
  }
  if (classTokens(row).includes('typing')) {
    return null;
  }
  return { type: 'message', role: side === 'right' ? 'customer' : 'agent', content: bubbleOf(row), nativeId: nativeIdOf(row), ownTime, hidden };
}

interface ListScore {
  list: Element;
  score: number;
}

function scoreList(cand: Element): ListScore | null {
  const rows = [...cand.children].slice(-40);
  let right = 0;
  let left = 0;
  for (const row of rows) {
    if (labelText(row) === '' && !row.querySelector('img')) {
      continue;
    }
    const side = sideOf(row);
    if (side === 'right') {
      right += 1;
    } else if (side === 'left') {
      left += 1;
    }
  }
  return right >= 1 && left >= 1 && right + left >= 3 ? { list: cand, score: right + left } : null;
}

function looksLikeThread(list: Element, top: Element): boolean {
  for (let el: Element | null = list; el && el !== top.parentElement; el = el.parentElement) {
    if (el.localName === 'body' || el.localName === 'html') {
      break;
    }
    if (classTokens(el).some((t) => NEGATIVE.has(t)) || /comment|reply|respond|forum|thread/i.test(el.id)) {
      return true;
    }
  }
  const names = new Set<string>();
  let namedRows = 0;
  for (const row of [...list.children].slice(-40)) {
    if (classTokens(row).some((t) => NEGATIVE.has(t))) {
      return true;
    }
    let named = false;
    for (const el of row.querySelectorAll('a, button, span, em, b, strong, cite')) {
      const text = labelText(el);
      if (THREAD_ACTION_RE.test(text) || FLOOR_RE.test(text)) {
        return true;
      }
      const tokens = classTokens(el);
      // `file-name` / `filename` label an attachment, not its sender.
      if (tokens.some((t) => AUTHOR_TOKENS.has(t)) && !tokens.some((t) => t === 'file' || t === 'attachment')) {
        names.add(text);
        named = true;
      }
    }
    namedRows += named ? 1 : 0;
  }
  // A support chat is two sides, a few names at most (a robot, then an agent or two after a transfer), each
  // on many rows; a thread's rows are mostly by different authors.
  return names.size > 2 && names.size * 2 > namedRows;
}

function isCommentComposer(composer: Element): boolean {
  const form = composer.closest('form');
  const name = composer.getAttribute('name') ?? '';
  const hint = `${name} ${form?.id ?? ''} ${form?.getAttribute('class') ?? ''} ${form?.getAttribute('action') ?? ''} ${composer.getAttribute('placeholder') ?? ''}`;
  return /comment|评论|留言|发帖|reply|回帖|answer|回答/i.test(hint);
}

/** The composers the detector starts from: the first few that are not comment forms. */
function chatComposers(root: ChatRoot): Element[] {
  const out: Element[] = [];
  let checked = 0;
  for (const composer of root.querySelectorAll(COMPOSER_CANDIDATES)) {
    if (!isComposer(composer)) {
      continue;
    }
    if (checked++ >= COMPOSER_LIMIT) {
      break;
    }
    if (!isCommentComposer(composer)) {
      out.push(composer);
    }
  }
  return out;
}

/** Ancestors of a composer that may hold its list, nearest first (never body or html). */
function climb(composer: Element): Element[] {
  const out: Element[] = [];
  let anc = composer.parentElement;
  for (let depth = 0; anc && depth < CLIMB_LIMIT; depth += 1, anc = anc.parentElement) {
    if (anc.localName === 'body' || anc.localName === 'html') {
      break;
    }
    out.push(anc);
  }
  return out;
}

/**
 * The subtrees {@link findGenericChat} looks at in a root (the highest ancestor it climbs to from each
 * composer). Changes outside them cannot make it succeed, so the watcher re-runs it only for changes inside.
 */
export function genericRegions(root: ChatRoot): Element[] {
  const out: Element[] = [];
  for (const composer of chatComposers(root)) {
    const top = climb(composer).at(-1);
    if (top && !out.includes(top)) {
      out.push(top);
    }
  }
  return out;
}

/**
 * Finds an unknown widget's live chat list in a root, or null. Gives up (null) after `budgetMs` of work:
 * scoring reads computed styles, and a composer inside a page's main column would otherwise make one run
 * a long task. Candidates nearest the composer are scored first, so a real chat next to it is found in time.
 */
export function findGenericChat(root: ChatRoot, budgetMs = GENERIC_BUDGET_MS): Element | null {
  const started = performance.now();
  // Each climb level re-scans the level below; a candidate's score does not change within one call.
  const scores = new Map<Element, ListScore | null>();
  for (const composer of chatComposers(root)) {
    for (const anc of climb(composer)) {
      let best: ListScore | null = null;
      let scanned = 0;
      for (const cand of anc.querySelectorAll('*')) {
        if (scanned++ > SCAN_LIMIT) {
          break;
        }
        if (cand.childElementCount < 3 || cand.contains(composer)) {
          continue;
        }
        let score = scores.get(cand);
        if (score === undefined) {
          if ((scores.size & 7) === 7 && performance.now() - started > budgetMs) {
            return null;
          }
          score = scoreList(cand);
          scores.set(cand, score);
        }
        if (score && (!best || score.score > best.score)) {
          best = score;
        }
      }
      if (best) {
        return looksLikeThread(best.list, anc) ? null : best.list;
      }
    }
  }
  return null;
}

/** A generic adapter; `accepts` narrows it to documents of one service (e.g. a LiveChat frame). */
export function createGenericAdapter(id: string, accepts: (url: string) => boolean = () => true): ChatWidgetAdapter {
  return {
    id,
    findList(root) {
      return accepts(rootUrl(root)) ? findGenericChat(root) : null;
    },
    ...childItems(),
    readItem: readGenericRow,
  };
}

/** The fallback adapter for unknown widgets. */
export const genericAdapter: ChatWidgetAdapter = createGenericAdapter('generic');
