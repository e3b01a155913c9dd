import { describe, expect, it } from 'vitest';
import { formatMoney } from '../src/format.js';

describe('formatMoney', () => {
  it('reads minor units in the currency’s own decimals: 1500 JPY is ¥1,500, 1500 EUR cents is €15.00', () => {
    expect(formatMoney(1500, 'JPY').replace(/\s/g, '')).toMatch(/1,?500$/);
    expect(formatMoney(1500, 'JPY')).not.toContain('15.00');
    expect(formatMoney(1500, 'EUR')).toMatch(/15[.,]00/);
  });
});
