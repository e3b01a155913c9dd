import { describe, expect, it } from 'vitest';
import { decimalAmount, formatAmount } from './money.js';

describe('an amount as a person reads it', () => {
  it('shows minor units as the currency decimals with its code', () => {
    expect(formatAmount(1500, 'EUR')).toBe('EUR 15.00');
    expect(formatAmount(123456, 'usd')).toBe('USD 1,234.56');
  });

  it('takes a currency without decimals as whole units', () => {
    expect(formatAmount(1500, 'JPY')).toBe('JPY 1,500');
  });
});

describe('an amount for a spreadsheet', () => {
  it("is a plain decimal in the currency's own digits, no code, no grouping", () => {
    expect(decimalAmount(123456, 'EUR')).toBe('1234.56');
    expect(decimalAmount(5, 'usd')).toBe('0.05');
    expect(decimalAmount(0, 'EUR')).toBe('0.00');
    expect(decimalAmount(1500, 'JPY')).toBe('1500');
  });
});
