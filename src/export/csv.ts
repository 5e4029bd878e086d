// CSV text by RFC 4180: fields with a comma, a quote, CR or LF are quoted (quotes doubled), records
// end with CRLF. Text that a spreadsheet would run as a formula — a cell starting with =, +, -, @, a
// tab or CR — gets a leading ' (formula injection). Imports no `vscode`.

/** Starts a cell a spreadsheet would evaluate. */
const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

/**
 * One cell. Absent and null are empty. A number (or boolean) the server sent is written as a number and
 * not guarded: it is not text, cannot carry a formula, and "-0.2" must stay a number. Any other value
 * (an object where text was expected) is written as its JSON, guarded like text.
 */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) { return ''; }
  if (typeof value === 'number' || typeof value === 'boolean') { return String(value); }
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  const safe = FORMULA_START.test(text) ? `'${text}` : text;
  return NEEDS_QUOTES.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** One record, CRLF-terminated. */
export function csvRecord(values: readonly unknown[]): string {
  return values.map(csvCell).join(',') + '\r\n';
}
