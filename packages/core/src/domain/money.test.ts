import { describe, expect, it } from 'vitest';
import { formatAmount } from './money.js';

describe('an amount as a person reads it', () => {
  it('shows minor units as the currency decimals with its code', () => {
    expect(formatAmount(1500, 'EUR')).toBe('EUR 15.00');
    expect(formatAmount(123456, 'usd')).toBe('USD 1,234.56');
  });

  it('takes a currency without decimals as whole units', () => {
    expect(formatAmount(1500, 'JPY')).toBe('JPY 1,500');
  });
});
