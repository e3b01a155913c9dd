import { describe, expect, it } from 'vitest';
import { compareResults } from './compare.js';

describe('bench compare', () => {
  it('lists each number by its path with both figures and b/a, and those only one file has', () => {
    const lines = compareResults({ door: { ours: { requestsPerSecond: 1800 } }, pdf: { ticketsPerSecondPerCore: 400 } }, { door: { ours: { requestsPerSecond: 2700 } }, ratio: 'client-bound', pdf: { ticketsPerCpuSecond: 520 } });
    const row = (path: string) => lines.find((l) => l.startsWith(`${path} `))?.split(/\s+/);
    expect(row('door.ours.requestsPerSecond')).toEqual(['door.ours.requestsPerSecond', '1800', '2700', '1.50']);
    expect(row('pdf.ticketsPerSecondPerCore')).toEqual(['pdf.ticketsPerSecondPerCore', '400', '—', '']);
    expect(row('pdf.ticketsPerCpuSecond')).toEqual(['pdf.ticketsPerCpuSecond', '—', '520', '']);
    expect(lines.some((l) => l.startsWith('ratio'))).toBe(false);
  });
});
