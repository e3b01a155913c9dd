import { describe, expect, it } from 'vitest';
import { neutralizeFormula, toCsv } from '../src/http/csv.js';

describe('CSV export', () => {
  it('neutralises cells a spreadsheet would run as formulas', () => {
    for (const cell of ['=HYPERLINK("http://evil","x")', '+1+1', '-2+3', '@SUM(A1)', '\t=1', '\r=1']) {
      expect(neutralizeFormula(cell).startsWith("'")).toBe(true);
    }
    expect(neutralizeFormula('Ada Lovelace')).toBe('Ada Lovelace');
  });

  it('quotes commas, quotes and newlines and leaves numbers alone', () => {
    const csv = toCsv(['name', 'n'], [['Doe, "Jane"\nJr', 3], ['=cmd', -5]]);
    expect(csv).toBe('name,n\r\n"Doe, ""Jane""\nJr",3\r\n\'=cmd,-5\r\n');
  });
});
