/**
 * CSV as spreadsheets read it (RFC 4180): cells with a comma, quote or line
 * break are quoted, quotes doubled, rows end in CRLF.
 *
 * Cells are also guarded against formula injection: a spreadsheet runs a cell
 * that starts with `=`, `+`, `-`, `@` (or a tab or carriage return before
 * one) as a formula, so a member named `=HYPERLINK(…)` could make an owner's
 * spreadsheet fetch a URL. Such cells get a leading `'`, which spreadsheets
 * show as text and do not evaluate (OWASP's advice).
 */
export function csvCell(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  if (/[",\r\n]/.test(text) || text.startsWith("'")) return `"${text.replace(/"/g, '""')}"`;
  return text;
}

export function csvRow(cells: ReadonlyArray<string | number | boolean | null | undefined>): string {
  return `${cells.map(csvCell).join(',')}\r\n`;
}

/** `attachment; filename="…"` for a file name of plain ASCII letters, digits, dots and dashes. */
export function attachment(filename: string): string {
  return `attachment; filename="${filename.replace(/[^A-Za-z0-9._-]/g, '_')}"`;
}

/**
 * Lets the request loop turn: for a long answer produced in chunks (an
 * export), awaited between them. Awaiting the chunks' queries alone is not
 * enough: they resolve as microtasks, and while the socket takes what is
 * written the stream never waits either, so a million-row export would run
 * start to end in one turn, and every other request wait for it.
 */
export function letTheLoopTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
