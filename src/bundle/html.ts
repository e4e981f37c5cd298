/**
 * @module HTML building blocks for report.html and chat transcripts: escaping of every captured string and
 * the strict Content-Security-Policy that keeps the generated pages script-free and offline.
 */

/** CSP of pages that need no script: no script, no network, images only from the unzipped pack or data: URIs. */
export const NO_SCRIPT_CSP =
  "default-src 'none'; img-src 'self' file: data:; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'";

// C0 controls (except tab/newline) and bidirectional overrides could hide or reorder text in a printed report.
// eslint-disable-next-line no-control-regex -- matching control characters is the point: they are made visible
const INVISIBLE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;

/** Escapes text for HTML element content and quoted attributes; control and bidi characters become visible `[U+XXXX]`. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;')
    .replace(INVISIBLE, (c) => `[U+${(c.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}]`);
}

/** The `<head>` of a generated page: charset, strict CSP, title and inline CSS. */
export function htmlHead(options: { lang: string; title: string; css: string; csp?: string }): string {
  return [
    '<!DOCTYPE html>',
    `<html lang="${escapeHtml(options.lang)}">`,
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${escapeHtml(options.csp ?? NO_SCRIPT_CSP)}">`,
    '<meta name="referrer" content="no-referrer">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(options.title)}</title>`,
    `<style>${options.css}</style>`,
    '</head>',
  ].join('\n');
}
