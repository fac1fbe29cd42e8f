import { describe, expect, it } from 'vitest';
import { attachment, csvCell, csvRow } from './csv.ts';

describe('CSV cells', () => {
  it('leave plain text as it is and empty nulls', () => {
    expect(csvRow(['Ada Lovelace', 'ada@acme.test', null, 3])).toBe('Ada Lovelace,ada@acme.test,,3\r\n');
  });

  it('quote commas, quotes and line breaks, doubling quotes', () => {
    expect(csvCell('Hamilton, Margaret')).toBe('"Hamilton, Margaret"');
    expect(csvCell('Grace "Amazing" Hopper')).toBe('"Grace ""Amazing"" Hopper"');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell('cr\rhere')).toBe('"cr\rhere"');
  });

  it('keep a spreadsheet from running cells that start like a formula', () => {
    for (const start of ['=', '+', '-', '@', '\t', '\r']) {
      const cell = csvCell(`${start}HYPERLINK("https://evil.test")`);
      expect(cell.startsWith(`"'${start}`)).toBe(true);
    }
    expect(csvCell('=1+1')).toBe(`"'=1+1"`);
    // Only the start counts: a dash inside a name is harmless.
    expect(csvCell('Mary-Jane')).toBe('Mary-Jane');
    expect(csvCell('2026-03-01T00:00:00.000Z')).toBe('2026-03-01T00:00:00.000Z');
  });

  it('name the download safely', () => {
    expect(attachment('members 2026-03-01.csv')).toBe('attachment; filename="members_2026-03-01.csv"');
    expect(attachment('a"b\r\n.csv')).toBe('attachment; filename="a_b__.csv"');
  });
});
