/**
 * @module report.html: the one page a case officer reads. Key facts first, then status history, a timeline of
 * captures and chat excerpts, the file list with hashes, and how to verify. Self-contained (inline CSS, no
 * script, strict CSP); screenshots are shown through relative links to captures/ instead of data: URIs, so the
 * report stays small and the pack does not carry every image twice (the pure core cannot downscale images).
 */
import type { CaptureRecord, ChatMessageRecord } from '@/src/store/records';
import { escapeHtml, htmlHead } from '@/src/bundle/html';
import { displayTime, formatYuan, tripleCompensation, type CaseFacts, type Demand, type StatusChange } from '@/src/bundle/facts';
import type { PackLabels } from '@/src/bundle/labels';
import type { PackFileEntry } from '@/src/bundle/manifest';

/** A capture as placed in the pack. */
export interface PlacedCapture {
  record: CaptureRecord;
  path: string;
  sha256: string;
}

/** One case's part of the report. */
export interface ReportCase {
  facts: CaseFacts;
  captures: readonly PlacedCapture[];
  /** Messages in conversation order with the transcript they belong to. */
  chats: readonly { basePath: string; messages: readonly ChatMessageRecord[] }[];
  statusHistory: readonly StatusChange[];
  eventCount: number;
  chainHead: string;
  chainProblems: readonly string[];
}

/** Everything report.html shows. */
export interface ReportInput {
  labels: PackLabels;
  generator: string;
  createdAt: string;
  createdAtTimeZone: string;
  demand: Demand;
  maskOn: boolean;
  mask: (text: string) => string;
  cases: readonly ReportCase[];
  files: readonly PackFileEntry[];
  deadlines: readonly { rule: string; dueAt: string; basis: string }[];
  packChainHead: string;
}

const MAX_EXCERPT_MESSAGES = 200;
const MAX_EXCERPT_CHARS = 280;

const REPORT_CSS = `
:root{color-scheme:light}
body{font:14px/1.55 "Microsoft YaHei","PingFang SC","Noto Sans CJK SC","Source Han Sans SC",sans-serif;color:#111;margin:0 auto;max-width:960px;padding:16px}
h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;border-bottom:2px solid #333;padding-bottom:2px;margin:22px 0 8px}h3{font-size:15px;margin:14px 0 6px}
.sub{color:#444;font-size:12px}
.facts{border:2px solid #b00;padding:8px 12px;background:#fffafa}
.facts table{width:100%;border-collapse:collapse}.facts th{width:28%;text-align:left;color:#333;padding:3px 8px 3px 0;vertical-align:top}
.facts td{padding:3px 0;font-weight:600;word-break:break-word}
.missing{color:#b00;font-weight:400}
table.list{border-collapse:collapse;width:100%;font-size:12.5px}table.list th,table.list td{border:1px solid #bbb;padding:3px 5px;vertical-align:top;text-align:left}
table.list th{background:#eee}
.hash{font-family:Consolas,"DejaVu Sans Mono",monospace;font-size:10.5px;word-break:break-all}
.t{white-space:pre-wrap;word-break:break-word}
img.thumb{max-width:220px;max-height:160px;border:1px solid #999;display:block;margin-top:3px}
.warn{color:#b00;font-weight:600}
.note{font-size:12px;color:#333}
@media print{@page{size:A4;margin:14mm 12mm}body{max-width:none;padding:0;font-size:11pt}
a{color:inherit;text-decoration:none}h2{break-after:avoid}tr,img,.facts{break-inside:avoid}thead{display:table-header-group}}`;

function factRow(label: string, value: string | null, missing: string, corrected = false, correctedLabel = ''): string {
  const body = value === null || value === '' ? `<span class="missing">${escapeHtml(missing)}</span>` : escapeHtml(value) + (corrected ? escapeHtml(correctedLabel) : '');
  return `<tr><th>${escapeHtml(label)}</th><td>${body}</td></tr>`;
}

function demandLine(facts: CaseFacts, demand: Demand, labels: PackLabels): string {
  const base = labels.demands[demand];
  if (facts.amount === null) {
    return base;
  }
  if (demand === 'triple-compensation') {
    return `${base}: ${formatYuan(facts.amount)} + ${formatYuan(tripleCompensation(facts.amount))}`;
  }
  return `${base}: ${formatYuan(facts.amount)}`;
}

function keyFacts(c: ReportCase, input: ReportInput): string {
  const { labels } = input;
  const f = c.facts;
  const isCorrected = (name: string): boolean => f.corrected.includes(name);
  const row = (label: string, value: string | null, name: string, missing = labels.notCaptured): string =>
    factRow(label, value === null ? null : input.mask(value), missing, isCorrected(name), labels.corrected);
  const amount = f.amount === null ? null : `${formatYuan(f.amount)}${f.currency !== null && f.currency !== 'CNY' ? ` (${f.currency})` : ''}`;
  const status = f.status === null ? f.statusText : `${labels.statuses[f.status]}${f.statusText === null ? '' : ` — ${f.statusText}`}`;
  const messageCount = c.chats.reduce((n, chat) => n + chat.messages.length, 0);
  return [
    '<div class="facts"><table>',
    row(labels.shop, f.shopName, 'shopName', labels.notShown),
    factRow(labels.shopSite, f.shopOrigin, labels.notCaptured),
    row(labels.respondent, f.companyName, 'companyName', labels.notShown),
    row(labels.creditCode, f.creditCode, 'creditCode', labels.notShown),
    ...(f.icp === null ? [] : [factRow(labels.icp, f.icp, labels.notShown)]),
    row(labels.orderNo, f.orderNo === '' ? null : f.orderNo, 'orderNo'),
    row(labels.amount, amount, 'amount'),
    row(labels.item, f.item === null ? null : `${f.item}${f.quantity === null ? '' : ` ×${f.quantity}`}`, 'item'),
    row(labels.orderTime, f.orderTime === null ? null : displayTime(f.orderTime), 'orderTime'),
    row(labels.status, status, 'status'),
    ...(f.paymentMethod === null ? [] : [row(labels.paymentMethod, f.paymentMethod, 'paymentMethod')]),
    ...(f.contact === null ? [] : [row(labels.contact, f.contact, 'contact')]),
    factRow(labels.demand, demandLine(f, input.demand, labels), ''),
    ...(f.promisesNoReasonReturn || f.refundPolicyText !== null
      ? [factRow(f.promisesNoReasonReturn ? labels.promisesNoReason : labels.refundPolicy, f.refundPolicyText ?? '✓', '')]
      : []),
    factRow(labels.counts, `${labels.capture} ${c.captures.length} · ${labels.chatMessage} ${messageCount} · ${labels.events} ${c.eventCount}`, ''),
    '</table></div>',
  ].join('\n');
}

function isImage(mime: string): boolean {
  return /^image\/(?:png|jpeg|gif|webp)$/.test(mime);
}

function captureCell(p: PlacedCapture, labels: PackLabels): string {
  const r = p.record;
  const path = escapeHtml(p.path);
  const title = r.title === '' ? '' : `<div class="t">${escapeHtml(r.title)}</div>`;
  const source = `<div class="hash">${escapeHtml(r.sourceUrl)}</div>`;
  let body: string;
  if (isImage(r.mime)) {
    body = `<a href="${path}"><img class="thumb" src="${path}" alt="${path}" loading="lazy"></a><div class="hash">${path}</div>`;
  } else if (r.mime.startsWith('text/plain')) {
    body = `<a href="${path}" class="hash">${path}</a>`;
  } else {
    // Captured HTML (or any other active type) is never linked: opening it would run the shop's page from disk.
    body = `<div class="hash">${path}</div><div class="note">${escapeHtml(r.kind === 'html' ? labels.htmlNotLinked : r.mime)}</div>`;
  }
  return `${title}${source}${body}<div class="hash">SHA-256 ${escapeHtml(p.sha256)}</div>`;
}

function timeline(c: ReportCase, input: ReportInput): string {
  const { labels, mask } = input;
  interface Row {
    ms: number;
    order: number;
    html: string;
  }
  const rows: Row[] = c.captures.map((p, i) => ({
    ms: p.record.capturedAtMs,
    order: i,
    html: `<tr><td class="hash">${escapeHtml(displayTime(p.record.capturedAt))}</td><td>${escapeHtml(labels.capture)}: ${escapeHtml(labels.captureKinds[p.record.kind] ?? p.record.kind)}</td><td>${captureCell(p, labels)}</td></tr>`,
  }));
  let shown = 0;
  const more: string[] = [];
  for (const chat of c.chats) {
    chat.messages.forEach((m, i) => {
      if (shown >= MAX_EXCERPT_MESSAGES) {
        return;
      }
      shown++;
      const text = Array.from(mask(m.text));
      const excerpt = text.length > MAX_EXCERPT_CHARS ? `${text.slice(0, MAX_EXCERPT_CHARS).join('')}…` : text.join('');
      const flags = [m.versions.length > 0 ? labels.editedFrom : '', m.recalled ? labels.recalled : ''].filter((s) => s !== '').join(' · ');
      rows.push({
        ms: m.firstSeenAtMs,
        order: 100_000 + i,
        html: `<tr><td class="hash">${escapeHtml(m.shownTime === null ? displayTime(m.firstSeenAt) : `${m.shownTime} / ${displayTime(m.firstSeenAt)}`)}</td><td>${escapeHtml(labels.chatMessage)}: ${escapeHtml(labels.roles[m.role])}${flags === '' ? '' : ` <span class="warn">${escapeHtml(flags)}</span>`}</td><td class="t">${escapeHtml(excerpt)}<div class="hash">${escapeHtml(chat.basePath)}.html</div></td></tr>`,
      });
    });
    if (chat.messages.length > 0) {
      more.push(`${chat.basePath}.txt / .html / .csv / .json`);
    }
  }
  rows.sort((a, b) => a.ms - b.ms || a.order - b.order);
  return [
    `<table class="list"><thead><tr><th style="width:17%">${escapeHtml(labels.time)}</th><th style="width:18%">${escapeHtml(labels.what)}</th><th>${escapeHtml(labels.details)}</th></tr></thead><tbody>`,
    ...rows.map((r) => r.html),
    '</tbody></table>',
    more.length > 0 ? `<p class="note">${escapeHtml(labels.moreMessages)}${more.map((m) => escapeHtml(m)).join('；')}</p>` : '',
  ].join('\n');
}

function statusSection(c: ReportCase, labels: PackLabels): string {
  if (c.statusHistory.length === 0) {
    return `<p class="note">${escapeHtml(labels.noStatusHistory)}</p>`;
  }
  const rows = c.statusHistory.map((s) => {
    const known = (labels.statuses as Record<string, string | undefined>)[s.status];
    return `<tr><td class="hash">${escapeHtml(displayTime(s.at))}</td><td>${escapeHtml(known ?? s.status)}${s.statusText === null ? '' : ` — ${escapeHtml(s.statusText)}`}</td><td class="hash">#${s.seq} ${escapeHtml(s.eventType)}</td></tr>`;
  });
  return `<table class="list"><tbody>${rows.join('')}</tbody></table>`;
}

function caseSection(c: ReportCase, input: ReportInput, heading: string): string {
  const { labels } = input;
  const chain =
    c.chainProblems.length === 0
      ? `<p class="note">${escapeHtml(labels.chainIntact)}</p>`
      : `<p class="warn">${escapeHtml(labels.chainBroken)}</p><ul>${c.chainProblems.map((p) => `<li>${escapeHtml(p)}</li>`).join('')}</ul>`;
  return [
    heading,
    `<h2>${escapeHtml(labels.keyFacts)}</h2>`,
    keyFacts(c, input),
    `<h2>${escapeHtml(labels.statusHistory)}</h2>`,
    statusSection(c, labels),
    `<h2>${escapeHtml(labels.timeline)}</h2>`,
    timeline(c, input),
    `<h3>${escapeHtml(labels.eventLog)}</h3>`,
    chain,
    `<p class="note">${escapeHtml(labels.events)}: ${c.eventCount} · ${escapeHtml(labels.chainHead)}: <span class="hash">${escapeHtml(c.chainHead)}</span> · events.jsonl</p>`,
  ].join('\n');
}

/** The whole report.html. */
export function renderReport(input: ReportInput): string {
  const { labels } = input;
  const first = input.cases[0]?.facts;
  const title = `${labels.reportTitle} — ${first?.shopName ?? first?.shopHost ?? ''} ${first?.orderNo ?? ''}`.trim();
  const deadlines =
    input.deadlines.length === 0
      ? ''
      : [
          `<h2>${escapeHtml(labels.deadlines)}</h2>`,
          `<table class="list"><thead><tr><th>${escapeHtml(labels.deadlineRule)}</th><th>${escapeHtml(labels.deadlineDue)}</th><th>${escapeHtml(labels.deadlineBasis)}</th></tr></thead><tbody>`,
          ...input.deadlines.map((d) => `<tr><td>${escapeHtml(d.rule)}</td><td>${escapeHtml(d.dueAt)}</td><td>${escapeHtml(d.basis)}</td></tr>`),
          '</tbody></table>',
        ].join('\n');
  const sections = input.cases.map((c, i) =>
    caseSection(c, input, input.cases.length > 1 ? `<h1 style="margin-top:28px">${i + 1}. ${escapeHtml(c.facts.shopName ?? c.facts.shopHost)} ${escapeHtml(c.facts.orderNo)}</h1>` : ''),
  );
  const files = input.files.map(
    (f) => `<tr><td class="hash">${escapeHtml(f.path)}</td><td>${f.bytes}</td><td class="hash">${escapeHtml(f.sha256)}</td></tr>`,
  );
  return [
    htmlHead({ lang: labels.lang, title, css: REPORT_CSS }),
    '<body>',
    `<h1>${escapeHtml(title)}</h1>`,
    `<p class="sub">${escapeHtml(labels.createdAt)}: ${escapeHtml(input.createdAt)} (${escapeHtml(input.createdAtTimeZone)}) · ${escapeHtml(labels.generatedBy)}: ${escapeHtml(input.generator)}</p>`,
    `<p class="note">${escapeHtml(labels.intro)}</p>`,
    `<p class="note">${escapeHtml(input.maskOn ? labels.masked : labels.notMasked)}</p>`,
    ...sections,
    deadlines,
    `<h2>${escapeHtml(labels.howToVerify)}</h2>`,
    `<ol class="note">${labels.verifySteps.map((s) => `<li>${escapeHtml(s)}</li>`).join('')}</ol>`,
    `<p class="note">manifest eventChainHead: <span class="hash">${escapeHtml(input.packChainHead)}</span></p>`,
    `<h2>${escapeHtml(labels.files)}</h2>`,
    `<table class="list"><thead><tr><th>${escapeHtml(labels.path)}</th><th>${escapeHtml(labels.size)}</th><th>${escapeHtml(labels.sha256)}</th></tr></thead><tbody>`,
    ...files,
    '</tbody></table>',
    `<p class="note">${escapeHtml(labels.legalNote)}</p>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
