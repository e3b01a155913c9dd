import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { PromoCode } from '../domain/promo-code.js';
import { discountPerTicket, promoCodeRefusal, promoCodeTermsProblems, promoDiscount } from './promo.js';

const code = (overrides: Partial<PromoCode> = {}): PromoCode => ({
  id: 'promo_1', eventId: 'evt_1', code: 'EARLY', percentOff: 20, amountOffCents: null, maxUses: null,
  validFrom: null, validUntil: null, ticketTypeIds: [], uses: 0, disabledAt: null, createdAt: '2026-01-01T00:00:00.000Z',
  ...overrides,
});
const line = (ticketTypeId: string, quantity: number, unitPriceCents: number) => ({ ticketTypeId, quantity, unitPriceCents });
const NOW = new Date('2026-06-01T12:00:00.000Z');

describe('the discount a promo code gives', () => {
  it('takes a percent off each ticket, rounded to the nearest minor unit', () => {
    expect(promoDiscount(code({ percentOff: 15 }), [line('tt_a', 2, 999)])).toBe(2 * 150);
    expect(promoDiscount(code({ percentOff: 33 }), [line('tt_a', 3, 1000)])).toBe(3 * 330);
    // JPY has no decimals: the minor unit is 1 yen, so 15% of 1,499 yen (224.85) is 225 yen.
    expect(promoDiscount(code({ percentOff: 15 }), [line('tt_a', 1, 1499)])).toBe(225);
  });

  it('takes a fixed amount off each ticket, never more than its price', () => {
    expect(promoDiscount(code({ percentOff: null, amountOffCents: 500 }), [line('tt_a', 3, 2000)])).toBe(1500);
    expect(discountPerTicket({ percentOff: null, amountOffCents: 500 }, 300)).toBe(300);
    expect(discountPerTicket({ percentOff: null, amountOffCents: 500 }, 0)).toBe(0);
  });

  it('applies only to the ticket types it names', () => {
    const vipOnly = code({ percentOff: 50, ticketTypeIds: ['tt_vip'] });
    expect(promoDiscount(vipOnly, [line('tt_std', 2, 1000), line('tt_vip', 1, 4000)])).toBe(2000);
  });

  it('100% off makes the order free', () => {
    expect(promoDiscount(code({ percentOff: 100 }), [line('tt_a', 4, 1234)])).toBe(4 * 1234);
  });

  it('never takes off more than the order costs, nor less than nothing (any code, any order)', () => {
    const terms = fc.oneof(
      fc.record({ percentOff: fc.integer({ min: 1, max: 100 }), amountOffCents: fc.constant(null) }),
      fc.record({ percentOff: fc.constant(null), amountOffCents: fc.integer({ min: 1, max: 10_000_000 }) }),
    );
    const lines = fc.array(fc.record({ ticketTypeId: fc.constantFrom('tt_a', 'tt_b', 'tt_c'), quantity: fc.integer({ min: 1, max: 10 }), unitPriceCents: fc.integer({ min: 0, max: 1_000_000 }) }), { minLength: 1, maxLength: 4 });
    const types = fc.subarray(['tt_a', 'tt_b', 'tt_c']);
    fc.assert(
      fc.property(terms, lines, types, (t, ls, ticketTypeIds) => {
        const discount = promoDiscount({ ...t, ticketTypeIds }, ls);
        const total = ls.reduce((n, l) => n + l.quantity * l.unitPriceCents, 0);
        expect(Number.isInteger(discount)).toBe(true);
        expect(discount).toBeGreaterThanOrEqual(0);
        expect(total - discount).toBeGreaterThanOrEqual(0);
        for (const l of ls) {
          const share = discountPerTicket(t, l.unitPriceCents);
          expect(share).toBeGreaterThanOrEqual(0);
          expect(share).toBeLessThanOrEqual(l.unitPriceCents);
        }
      }),
    );
  });
});

describe('whether an order may use a promo code', () => {
  const order = [line('tt_a', 1, 1000)];

  it('accepts a live code for the order', () => {
    expect(promoCodeRefusal(code(), order, NOW)).toBeNull();
  });

  it('refuses an unknown or disabled code as invalid', () => {
    expect(promoCodeRefusal(null, order, NOW)).toBe('invalid_promo_code');
    expect(promoCodeRefusal(code({ disabledAt: '2026-05-01T00:00:00.000Z' }), order, NOW)).toBe('invalid_promo_code');
  });

  it('refuses a code before its window and from its end on', () => {
    expect(promoCodeRefusal(code({ validFrom: '2026-06-01T12:00:00.001Z' }), order, NOW)).toBe('invalid_promo_code');
    expect(promoCodeRefusal(code({ validFrom: NOW.toISOString() }), order, NOW)).toBeNull();
    expect(promoCodeRefusal(code({ validUntil: NOW.toISOString() }), order, NOW)).toBe('invalid_promo_code');
    expect(promoCodeRefusal(code({ validUntil: '2026-06-01T12:00:00.001Z' }), order, NOW)).toBeNull();
  });

  it('refuses a code for none of the ticket types ordered', () => {
    expect(promoCodeRefusal(code({ ticketTypeIds: ['tt_vip'] }), order, NOW)).toBe('invalid_promo_code');
  });

  it('refuses the 11th use of a code with 10 uses as used up', () => {
    expect(promoCodeRefusal(code({ maxUses: 10, uses: 9 }), order, NOW)).toBeNull();
    expect(promoCodeRefusal(code({ maxUses: 10, uses: 10 }), order, NOW)).toBe('promo_code_used_up');
  });
});

describe("a new promo code's terms", () => {
  const types = [{ id: 'tt_std', priceCents: 2000 }, { id: 'tt_vip', priceCents: 5000 }, { id: 'tt_free', priceCents: 0 }];
  const terms = { percentOff: null, amountOffCents: null, validFrom: null, validUntil: null, ticketTypeIds: [] as string[] };

  it('accepts a percent from 1 to 100 and refuses one outside', () => {
    expect(promoCodeTermsProblems({ ...terms, percentOff: 1 }, types)).toBeNull();
    expect(promoCodeTermsProblems({ ...terms, percentOff: 100 }, types)).toBeNull();
    expect(promoCodeTermsProblems({ ...terms, percentOff: 0 }, types)).toHaveProperty('percentOff');
    expect(promoCodeTermsProblems({ ...terms, percentOff: 101 }, types)).toHaveProperty('percentOff');
  });

  it('wants exactly one of a percent and an amount', () => {
    expect(promoCodeTermsProblems(terms, types)).toHaveProperty('percentOff');
    expect(promoCodeTermsProblems({ ...terms, percentOff: 10, amountOffCents: 100 }, types)).toHaveProperty('percentOff');
  });

  it('refuses an amount off above the price of a paid ticket type it applies to', () => {
    expect(promoCodeTermsProblems({ ...terms, amountOffCents: 2000 }, types)).toBeNull();
    expect(promoCodeTermsProblems({ ...terms, amountOffCents: 2001 }, types)).toHaveProperty('amountOffCents');
    expect(promoCodeTermsProblems({ ...terms, amountOffCents: 5000, ticketTypeIds: ['tt_vip'] }, types)).toBeNull();
    expect(promoCodeTermsProblems({ ...terms, amountOffCents: 1, ticketTypeIds: ['tt_free'] }, types)).toHaveProperty('amountOffCents');
  });

  it("refuses another event's ticket types and a window that ends before it starts", () => {
    expect(promoCodeTermsProblems({ ...terms, percentOff: 10, ticketTypeIds: ['tt_other'] }, types)).toHaveProperty('ticketTypeIds');
    expect(promoCodeTermsProblems({ ...terms, percentOff: 10, validFrom: '2026-06-02T00:00:00Z', validUntil: '2026-06-01T00:00:00Z' }, types)).toHaveProperty('validUntil');
  });
});
