/**
 * @module Reads a message body into text, kind, URL and file name, following the truth conventions of
 * the chat fixtures: emoji images count as their alt text, pictures become image messages, file cards
 * become file messages, edit labels, times, names, avatars and icon-font ligatures are not text.
 */
import type { ChatWireKind } from '@/src/chat/types';
import { classTokens, isElement, normaliseSpace } from '@/src/chat/dom';

/** What a message body holds. */
export interface MessageContent {
  text: string;
  kind: Exclude<ChatWireKind, 'system' | 'recalled'>;
  url: string | null;
  fileName: string | null;
}

const SKIP_TAGS = new Set(['script', 'style', 'noscript', 'template', 'button', 'svg', 'textarea', 'input', 'select', 'audio', 'video', 'canvas', 'time']);
const BLOCK_TAGS = new Set(['p', 'div', 'li', 'ul', 'ol', 'blockquote', 'pre', 'tr', 'table', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'section', 'article', 'header', 'footer', 'figure', 'figcaption', 'dl', 'dt', 'dd']);

const DAY_WORD = '(?:今天|今日|昨天|昨日|前天|明天|刚刚|星期[一二三四五六日天]|周[一二三四五六日天]|today|yesterday|just now)';
const DATE_PART = '(?:\\d{4}[-/.年]\\d{1,2}[-/.月]\\d{1,2}日?|\\d{1,2}[-/月]\\d{1,2}日?|[a-z]{3,9}\\.? \\d{1,2}(?:, ?\\d{4})?)';
const HALF_DAY = '(?:上午|下午|晚上|凌晨|中午|早上|傍晚)';
const CLOCK = '(?:\\d{1,2}:\\d{2}(?::\\d{2})?(?:\\s?[ap]\\.?m\\.?)?)';
const TIME_RE = new RegExp(
  `^(?:${DAY_WORD}(?:\\s*${HALF_DAY}?\\s*${CLOCK})?|(?:${DATE_PART}\\s*)?${HALF_DAY}?\\s*${CLOCK}|${DATE_PART}(?:\\s+${DAY_WORD})?)$`,
  'i',
);
const RELATIVE_RE = /^(?:\d+\s*(?:秒|分钟|分|小时|天|周|个月|月|年)前|\d+\s*(?:s|sec|secs|seconds?|m|min|mins|minutes?|h|hours?|d|days?)\s+ago)$/i;

/** True when a short label reads as a displayed time or date ("14:02", "昨天 21:14", "2024-06-12 09:12:03", "3分钟前", "今日"). */
export function isTimeText(text: string): boolean {
  const t = text.trim();
  return t.length > 0 && t.length <= 40 && (TIME_RE.test(t) || RELATIVE_RE.test(t));
}

const DIVIDER_RE = /^[-—–=·\s]*(?:(?:以上|以下)(?:为|是)?(?:历史|歷史|新|更早的?|最新)?(?:消息|訊息|记录|記錄)|(?:历史|歷史)(?:消息|訊息|记录|記錄)|(?:older|earlier|new) messages(?: below| above)?|history)[-—–=·\s]*$/i;

/** True for a list divider that is not said by anyone ("以上为历史消息", "—— 历史消息 ——", "New messages"). */
export function isDividerText(text: string): boolean {
  const t = text.trim();
  return t.length > 0 && t.length <= 30 && DIVIDER_RE.test(t);
}

const RECALL_RE = /撤回|撤销了|已被?删除|删除了一条|已删除|recalled|retracted|unsent|was deleted|been deleted|was removed|message deleted/i;

/** True when a short text is a recall/delete placeholder ("客服撤回了一条消息", "此消息已被删除", "This message was deleted"). */
export function isRecallText(text: string): boolean {
  const t = text.trim();
  return t.length > 0 && t.length <= 40 && RECALL_RE.test(t);
}

const EDIT_LABEL_RE = /^[\s(（[【]*(?:已编辑|已修改|编辑过|已更改|edited)[\s)）\]】]*$/i;
const FILE_SIZE_RE = /^[(（]?\s*\d+(?:\.\d+)?\s*(?:b|kb|mb|gb|k|m|字节)\s*[)）]?$/i;
const URL_RE = /https?:\/\/[^\s<>"'，。、；！？）)\]】]+/i;

/** Class tokens marking parts of a row that are never message text. */
const NOISE_TOKENS = new Set(['avatar', 'nickname', 'nick', 'name', 'username', 'uname', 'sender', 'author', 'badge', 'typing', 'status', 'read', 'unread', 'seen', 'receipt', 'edited', 'toolbar', 'actions', 'menu', 'tooltip', 'sr', 'only']);

function isNoise(el: Element): boolean {
  const tag = el.localName;
  if (SKIP_TAGS.has(tag)) {
    return true;
  }
  if (el.hasAttribute('hidden') || el.getAttribute('aria-hidden') === 'true') {
    return true;
  }
  const style = el.getAttribute('style');
  if (style && /display\s*:\s*none/i.test(style)) {
    return true;
  }
  const tokens = classTokens(el);
  if (tokens.some((t) => NOISE_TOKENS.has(t))) {
    return true;
  }
  const text = el.textContent ?? '';
  // Icon fonts draw a glyph from a ligature word ("support_agent"): the word is not what the reader sees.
  if (tokens.some((t) => t === 'icon' || t === 'icons' || t === 'iconfont' || t.startsWith('icon')) && /^[a-z_\s]*$/.test(text.trim())) {
    return true;
  }
  if (tokens.some((t) => t === 'time' || t === 'date' || t === 'stamp' || t === 'timestamp' || t === 'timeago') && isTimeText(text)) {
    return true;
  }
  if (tokens.some((t) => t === 'size' || t === 'filesize') || FILE_SIZE_RE.test(text.trim())) {
    return true;
  }
  return EDIT_LABEL_RE.test(text) && text.trim() !== '';
}

/** True for an image that stands for an emoji (its alt text is part of the message) rather than a picture. */
export function isEmojiImage(img: Element): boolean {
  const alt = img.getAttribute('alt') ?? '';
  if (/^\[[^\]]{1,8}\]$/.test(alt.trim())) {
    return true;
  }
  if (classTokens(img).some((t) => t === 'emoji' || t === 'face' || t === 'emoticon' || t === 'smiley' || t === 'emotion' || t === 'qqemoji')) {
    return true;
  }
  if (alt !== '' && /^\p{Extended_Pictographic}(?:\p{Extended_Pictographic}|\u200d|\ufe0f)*$/u.test(alt)) {
    return true;
  }
  const w = Number(img.getAttribute('width'));
  const h = Number(img.getAttribute('height'));
  return alt !== '' && w > 0 && w <= 32 && h > 0 && h <= 32;
}

/** Reads a message body. */
export function readContent(root: Element): MessageContent {
  const parts: string[] = [];
  const images: string[] = [];
  const links: string[] = [];
  let fileName: string | null = null;
  let fileUrl: string | null = null;

  const walk = (node: Node): void => {
    if (node.nodeType === 3) {
      parts.push(node.nodeValue ?? '');
      return;
    }
    if (!isElement(node)) {
      return;
    }
    const el = node;
    if (el !== root && isNoise(el)) {
      return;
    }
    const tag = el.localName;
    if (tag === 'br') {
      parts.push('\n');
      return;
    }
    if (tag === 'img') {
      if (isEmojiImage(el)) {
        parts.push(el.getAttribute('alt') ?? '');
      } else {
        const src = el.getAttribute('src') ?? el.getAttribute('data-src');
        if (src) {
          images.push(src);
        }
      }
      return;
    }
    if (fileName === null && isFileCard(el)) {
      const name = fileNameOf(el);
      if (name) {
        fileName = name;
        fileUrl = el.closest('a[href]')?.getAttribute('href') ?? el.querySelector('a[href]')?.getAttribute('href') ?? null;
        parts.push(name);
        return;
      }
    }
    if (tag === 'a') {
      const href = el.getAttribute('href');
      if (href && /^https?:\/\//i.test(href)) {
        links.push(href);
      }
    }
    const block = BLOCK_TAGS.has(tag);
    if (block) {
      parts.push('\n');
    }
    for (let child = el.firstChild; child; child = child.nextSibling) {
      walk(child);
    }
    if (block) {
      parts.push('\n');
    }
  };
  walk(root);

  const text = normaliseSpace(parts.join(''));
  if (fileName !== null) {
    return { text: fileName, kind: 'file', url: fileUrl, fileName };
  }
  const image = images[0];
  if (image !== undefined && text === '') {
    return { text: '', kind: 'image', url: image, fileName: null };
  }
  const inText = URL_RE.exec(text)?.[0] ?? null;
  const link = links.find((href) => text.includes(href)) ?? inText ?? links[0] ?? null;
  if (link !== null) {
    return { text, kind: 'link', url: link, fileName: null };
  }
  if (image !== undefined) {
    // A picture with a caption is still an image message; the caption is its text.
    return { text, kind: 'image', url: image, fileName: null };
  }
  return { text, kind: 'text', url: null, fileName: null };
}

function isFileCard(el: Element): boolean {
  if (el.localName === 'a' && el.hasAttribute('download')) {
    return true;
  }
  const tokens = classTokens(el);
  return tokens.includes('file') || tokens.includes('attachment') || tokens.includes('attach');
}

function fileNameOf(card: Element): string | null {
  if (card.localName === 'a' && card.hasAttribute('download')) {
    const attr = card.getAttribute('download');
    const label = normaliseSpace(card.textContent ?? '');
    return label !== '' && !FILE_SIZE_RE.test(label) ? stripSize(label) : attr && attr !== '' ? attr : null;
  }
  for (const el of card.querySelectorAll('*')) {
    const tokens = classTokens(el);
    if ((tokens.includes('name') || tokens.includes('filename') || el.localName === 'cite') && !tokens.includes('size')) {
      const name = normaliseSpace(el.textContent ?? '');
      if (name !== '') {
        return name;
      }
    }
  }
  // A bare file card whose text looks like a file name ("退款凭证.pdf").
  const own = stripSize(normaliseSpace(card.textContent ?? ''));
  return /\.[a-z0-9]{1,6}$/i.test(own) && own.length <= 200 ? own : null;
}

function stripSize(text: string): string {
  return text
    .split('\n')
    .filter((line) => !FILE_SIZE_RE.test(line.trim()))
    .join(' ')
    .trim();
}
