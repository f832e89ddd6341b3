// CSV meant to be opened in a spreadsheet (the audit trail, evidence files): RFC 4180, and no cell a spreadsheet runs
// as a formula. A text cell starting with =, +, -, @, a tab or a carriage return gets a leading apostrophe, as OWASP's
// CSV injection advice says; numbers stay numbers.
import Papa from 'papaparse';

const FORMULA_START = /^[=+\-@\t\r]/;

/** The cell as a spreadsheet shows it, never runs it. */
export const neutraliseFormula = (cell: unknown): unknown => (typeof cell === 'string' && FORMULA_START.test(cell) ? `'${cell}` : cell);

/** Rows as CSV lines, each ended by CRLF; cells are quoted when they hold a comma, a quote or a line break. */
export function spreadsheetCsv(rows: unknown[][]): string {
  if (rows.length === 0) return '';
  return `${Papa.unparse(rows.map((r) => r.map((c) => neutraliseFormula(c ?? ''))), { newline: '\r\n' })}\r\n`;
}
