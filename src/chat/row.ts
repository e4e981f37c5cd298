/**
 * @module Readers shared by the widget adapters: a row's own time and a message group's header time.
 */
import { isHidden, labelText } from '@/src/chat/dom';
import { isTimeText } from '@/src/chat/text';

/** The time shown by the first element matching `selector` in `row`: its text, `'hidden'` when not displayed, null when absent or not a time. */
export function ownTimeIn(row: Element, selector: string): string | null {
  const el = row.querySelector(selector);
  if (!el) {
    return null;
  }
  const text = labelText(el);
  if (!isTimeText(text)) {
    return null;
  }
  return isHidden(el, row.parentElement) ? 'hidden' : text;
}

/** A time label in `el` itself or among its small descendants (group headers mix name, avatar and time). */
export function timeLeafIn(el: Element): string | null {
  const own = labelText(el);
  if (own.length <= 40 && isTimeText(own)) {
    return own;
  }
  let checked = 0;
  for (const child of el.querySelectorAll('time, span, small, div, p')) {
    if (checked > 20) {
      break;
    }
    checked += 1;
    const text = labelText(child);
    if (isTimeText(text)) {
      return text;
    }
  }
  return null;
}

/** The time of the group a message belongs to: a header just before the message's group (Crisp-style runs). */
export function groupTime(message: Element, list: Element, messageSelector: string): string | null {
  for (let cur: Element | null = message; cur && cur !== list; cur = cur.parentElement) {
    let sib = cur.previousElementSibling;
    for (let n = 0; sib && n < 3; n += 1, sib = sib.previousElementSibling) {
      if (sib.matches(messageSelector) || sib.querySelector(messageSelector)) {
        // Another message of the same run: the header is further up, one level higher.
        break;
      }
      const time = timeLeafIn(sib);
      if (time) {
        return time;
      }
    }
  }
  return null;
}
