import { describe, expect, it } from 'vitest';
import { listingFilters } from '../src/listingFilters.js';

describe('the listing filters', () => {
  it('reads what the query string holds, empty for what it does not', () => {
    expect(listingFilters(new URLSearchParams('q=jazz&category=Music&from=2027-01-05'))).toEqual({ q: 'jazz', category: 'Music', from: '2027-01-05', to: '', reversed: false });
  });

  it('tells a date range that runs backwards from one that is a single day or forwards', () => {
    expect(listingFilters(new URLSearchParams('from=2027-01-10&to=2027-01-05')).reversed).toBe(true);
    expect(listingFilters(new URLSearchParams('from=2027-01-05&to=2027-01-05')).reversed).toBe(false);
    expect(listingFilters(new URLSearchParams('from=2027-01-05&to=2027-01-10')).reversed).toBe(false);
    expect(listingFilters(new URLSearchParams('to=2027-01-05')).reversed).toBe(false);
  });
});
