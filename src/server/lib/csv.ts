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

type Cell = string | number | boolean | null | undefined;

/**
 * Rows per chunk of a streamed export. SQLite runs a chunk's query on the
 * request loop, and rows read from a cold disk cost a hundred times the ones
 * in memory (1,000 of them held the loop 100 ms and more at a million
 * members); a PostgreSQL query only waits, and the loop runs meanwhile.
 */
export const exportChunkRows = { sqlite: 250, postgres: 1000 } as const;

/**
 * A long CSV answer read in keyset chunks: the header, then each chunk as one
 * string (a write per row was a million writes). `read` returns up to
 * `limit + 1` rows after `after` (undefined for the first chunk); more than
 * `limit` means another chunk follows, read after the last row written.
 *
 * The request loop turns between chunks. Awaiting the queries alone is not
 * enough: they resolve as microtasks, and while the socket takes what is
 * written the stream never waits either, so a million-row export ran start to
 * end in one turn, and every other request waited for it.
 */
export async function* chunkedCsv<Row>(options: {
  header: readonly string[];
  limit: number;
  read: (after: Row | undefined, limit: number) => Promise<Row[]>;
  cells: (row: Row) => readonly Cell[];
}): AsyncGenerator<string> {
  const { header, limit, read, cells } = options;
  yield csvRow(header);
  let after: Row | undefined;
  for (;;) {
    const chunk = await read(after, limit);
    yield chunk
      .slice(0, limit)
      .map((row) => csvRow(cells(row)))
      .join('');
    if (chunk.length <= limit) return;
    after = chunk[limit - 1];
    await new Promise((resolve) => setImmediate(resolve));
  }
}
