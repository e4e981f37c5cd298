/**
 * @module RFC 4180 CSV with every cell quoted and formula injection neutralised, for chat transcripts
 * opened in Excel / WPS / LibreOffice.
 */

// A cell starting with one of these (after optional spaces) is read as a formula or DDE call by spreadsheets
// (OWASP "CSV injection"); full-width forms are included because some spreadsheets normalise them.
const FORMULA_START = /^[ \u3000]*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20]|^[\t\r\n]/;

/** One CSV cell: formula-looking text gets a leading apostrophe, then the cell is quoted with `"` doubled. */
export function csvCell(value: string | number | boolean | null): string {
  const text = value === null ? '' : String(value);
  const inert = FORMULA_START.test(text) ? `'${text}` : text;
  return `"${inert.replace(/"/g, '""')}"`;
}

/** A whole CSV document: UTF-8 BOM (so Excel reads Chinese correctly), CRLF line ends, every cell quoted. */
export function toCsv(rows: readonly (readonly (string | number | boolean | null)[])[]): string {
  return `\uFEFF${rows.map((row) => row.map(csvCell).join(',')).join('\r\n')}\r\n`;
}
