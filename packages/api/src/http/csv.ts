import { stringify } from 'csv-stringify/sync';

/**
 * A cell a spreadsheet would run as a formula (=, +, -, @, tab, carriage return first) gets a
 * leading apostrophe, per OWASP's CSV injection advice.
 */
export function neutralizeFormula(cell: string): string {
  return /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}

export function toCsv(header: string[], rows: (string | number)[][]): string {
  const safe = rows.map((row) => row.map((cell) => (typeof cell === 'string' ? neutralizeFormula(cell) : cell)));
  return stringify([header, ...safe], { record_delimiter: '\r\n' });
}
