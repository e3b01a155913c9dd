import { describe, expect, it } from 'vitest';
import { everyDay } from '../src/timelineDays.js';

describe('everyDay', () => {
  it('puts a zero day into each gap between sales, across a month end, keeping the days with sales as they are', () => {
    const sales = [
      { date: '2026-10-30', registrations: 2, revenueCents: 9800 },
      { date: '2026-11-02', registrations: 1, revenueCents: 4900 },
    ];
    expect(everyDay(sales)).toEqual([
      sales[0],
      { date: '2026-10-31', registrations: 0, revenueCents: 0 },
      { date: '2026-11-01', registrations: 0, revenueCents: 0 },
      sales[1],
    ]);
  });

  it('gives one day for one day of sales, and nothing for none', () => {
    expect(everyDay([{ date: '2026-11-02', registrations: 1, revenueCents: 0 }])).toEqual([{ date: '2026-11-02', registrations: 1, revenueCents: 0 }]);
    expect(everyDay([])).toEqual([]);
  });
});
