/**
 * @module Chat transcripts: one conversation rendered as .txt, .html (escaped, script-free), .csv (injection-safe)
 * and .json (every version, recall flags). Texts are masked when the pack's privacy option is on.
 */
import type { ChatMessageRecord } from '@/src/store/records';
import { toCsv } from '@/src/bundle/csv';
import { escapeHtml, htmlHead } from '@/src/bundle/html';
import type { PackLabels } from '@/src/bundle/labels';

/** One conversation of a case, messages in conversation order. */
export interface Conversation {
  /** 1-based number, used for generated file names (chat-01…). */
  index: number;
  chatKey: string;
  widget: string;
  pageUrl: string;
  frameUrl: string;
  messages: ChatMessageRecord[];
}

/** Splits a case's messages into conversations (ordered by first message seen) and sorts each by position. */
export function groupConversations(messages: readonly ChatMessageRecord[]): Conversation[] {
  const byKey = new Map<string, ChatMessageRecord[]>();
  for (const message of messages) {
    const list = byKey.get(message.chatKey) ?? [];
    list.push(message);
    byKey.set(message.chatKey, list);
  }
  const order = (a: ChatMessageRecord, b: ChatMessageRecord): number =>
    a.position - b.position || a.firstSeenAtMs - b.firstSeenAtMs || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  const groups = [...byKey.entries()].map(([chatKey, list]) => {
    const sorted = [...list].sort(order);
    return { chatKey, sorted, firstSeen: Math.min(...sorted.map((m) => m.firstSeenAtMs)) };
  });
  groups.sort((a, b) => a.firstSeen - b.firstSeen || (a.chatKey < b.chatKey ? -1 : a.chatKey > b.chatKey ? 1 : 0));
  return groups.map((g, i) => {
    const first = g.sorted[0];
    return {
      index: i + 1,
      chatKey: g.chatKey,
      widget: first?.widget ?? '',
      pageUrl: first?.pageUrl ?? '',
      frameUrl: first?.frameUrl ?? '',
      messages: g.sorted,
    };
  });
}

/** The four renderings of one conversation, as text. */
export interface TranscriptFiles {
  txt: string;
  html: string;
  csv: string;
  json: string;
}

type Mask = (text: string) => string;

function noteParts(m: ChatMessageRecord, labels: PackLabels, mask: Mask): string[] {
  const notes: string[] = [];
  for (const version of m.versions) {
    notes.push(`${labels.editedFrom} (${version.seenAt}): ${mask(version.text)}`);
  }
  if (m.recalled) {
    notes.push(`${labels.recalled}${m.recallNotice === null ? '' : `: ${mask(m.recallNotice)}`}`);
  }
  if (m.url !== null) {
    notes.push(`URL: ${m.url}`);
  }
  if (m.fileName !== null) {
    notes.push(`${labels.kinds.file ?? 'file'}: ${mask(m.fileName)}`);
  }
  return notes;
}

const TRANSCRIPT_CSS = `
body{font:14px/1.5 "Microsoft YaHei","PingFang SC","Noto Sans CJK SC",sans-serif;margin:16px;color:#111}
table{border-collapse:collapse;width:100%}th,td{border:1px solid #bbb;padding:4px 6px;vertical-align:top;text-align:left}
th{background:#eee}td.t{white-space:pre-wrap;word-break:break-word}.agent td{background:#f6f9ff}.system td{color:#555}
.meta{color:#444;font-size:12px;word-break:break-all}
@media print{@page{size:A4;margin:12mm}tr{break-inside:avoid}}`;

/** Renders one conversation in the four transcript formats. */
export function renderTranscript(
  conversation: Conversation,
  context: { labels: PackLabels; mask: Mask; maskOn: boolean; shop: string; orderNo: string },
): TranscriptFiles {
  const { labels, mask } = context;
  const name = `chat-${String(conversation.index).padStart(2, '0')}`;
  const roleOf = (m: ChatMessageRecord): string => labels.roles[m.role];
  const kindOf = (m: ChatMessageRecord): string => labels.kinds[m.kind] ?? m.kind;
  const maskNote = context.maskOn ? labels.masked : labels.notMasked;

  const txtLines = [
    `${labels.transcriptTitle} ${name}`,
    `${labels.shop}: ${context.shop}    ${labels.orderNo}: ${context.orderNo}`,
    `${labels.chatPage}: ${conversation.pageUrl}`,
    `widget: ${conversation.widget}    chatKey: ${conversation.chatKey}`,
    maskNote,
    '----------------------------------------',
  ];
  for (const m of conversation.messages) {
    const time = m.shownTime === null ? m.firstSeenAt : `${m.shownTime} | ${m.firstSeenAt}`;
    txtLines.push(`[${time}] ${roleOf(m)} (${kindOf(m)}): ${mask(m.text)}`);
    for (const note of noteParts(m, labels, mask)) {
      txtLines.push(`    · ${note}`);
    }
  }
  const txt = `\uFEFF${txtLines.join('\r\n')}\r\n`;

  const rows = conversation.messages
    .map((m) => {
      const notes = noteParts(m, labels, mask).map((n) => `<div>${escapeHtml(n)}</div>`).join('');
      return `<tr class="${m.role}"><td>${escapeHtml(m.shownTime ?? '')}</td><td>${escapeHtml(m.firstSeenAt)}</td><td>${escapeHtml(roleOf(m))}</td><td>${escapeHtml(kindOf(m))}</td><td class="t">${escapeHtml(mask(m.text))}</td><td class="t">${notes}</td></tr>`;
    })
    .join('\n');
  const html = [
    htmlHead({ lang: labels.lang, title: `${labels.transcriptTitle} ${name}`, css: TRANSCRIPT_CSS }),
    '<body>',
    `<h1>${escapeHtml(labels.transcriptTitle)} ${name}</h1>`,
    `<p class="meta">${escapeHtml(labels.shop)}: ${escapeHtml(context.shop)} · ${escapeHtml(labels.orderNo)}: ${escapeHtml(context.orderNo)}<br>${escapeHtml(labels.chatPage)}: ${escapeHtml(conversation.pageUrl)}<br>chatKey: ${escapeHtml(conversation.chatKey)}</p>`,
    `<p class="meta">${escapeHtml(maskNote)}</p>`,
    `<table><thead><tr><th>${escapeHtml(labels.shownTime)}</th><th>${escapeHtml(labels.firstSeen)}</th><th>${escapeHtml(labels.role)}</th><th>${escapeHtml(labels.kind)}</th><th>${escapeHtml(labels.text)}</th><th>${escapeHtml(labels.notes)}</th></tr></thead>`,
    `<tbody>\n${rows}\n</tbody></table>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');

  const csv = toCsv([
    ['position', 'role', 'kind', 'shownTime', 'firstSeenAt', 'text', 'editedFrom', 'recalled', 'recallNotice', 'url', 'fileName'],
    ...conversation.messages.map((m) => [
      m.position,
      m.role,
      m.kind,
      m.shownTime,
      m.firstSeenAt,
      mask(m.text),
      m.versions.map((v) => `${v.seenAt}: ${mask(v.text)}`).join('\n'),
      m.recalled,
      m.recallNotice === null ? null : mask(m.recallNotice),
      m.url,
      m.fileName === null ? null : mask(m.fileName),
    ]),
  ]);

  const json = `${JSON.stringify(
    {
      chat: name,
      chatKey: conversation.chatKey,
      widget: conversation.widget,
      pageUrl: conversation.pageUrl,
      frameUrl: conversation.frameUrl,
      masked: context.maskOn,
      messages: conversation.messages.map((m) => ({
        id: m.id,
        position: m.position,
        role: m.role,
        kind: m.kind,
        text: mask(m.text),
        shownTime: m.shownTime,
        firstSeenAt: m.firstSeenAt,
        versions: m.versions.map((v) => ({ text: mask(v.text), seenAt: v.seenAt })),
        recalled: m.recalled,
        recallNotice: m.recallNotice === null ? null : mask(m.recallNotice),
        originalKind: m.originalKind,
        url: m.url,
        fileName: m.fileName === null ? null : mask(m.fileName),
      })),
    },
    null,
    2,
  )}\n`;

  return { txt, html, csv, json };
}
