import { describe, expect, it } from 'vitest';
import { sharesByTicket, ticketShares } from './ticket-share.js';

describe('ticketShares', () => {
  it('gives each ticket its list price when the order paid the list total', () => {
    expect(ticketShares(5500, [2000, 2000, 1500])).toEqual([2000, 2000, 1500]);
  });

  it('spreads a discount over the tickets in proportion to their prices', () => {
    // 20% off 2000 + 1000.
    expect(ticketShares(2400, [2000, 1000])).toEqual([1600, 800]);
  });

  it('hands the cents rounding leaves to the largest remainders so the shares add up to the total', () => {
    const shares = ticketShares(1000, [1000, 1000, 1000]);
    expect(shares).toEqual([334, 333, 333]);
    expect(shares.reduce((a, b) => a + b, 0)).toBe(1000);
  });

  it('adds up to the paid total exactly for any prices', () => {
    for (let seed = 1; seed < 200; seed++) {
      const prices = Array.from({ length: 1 + (seed % 10) }, (_, i) => ((seed * 7919 + i * 104729) % 9000) + 1);
      const listTotal = prices.reduce((a, b) => a + b, 0);
      const paid = (seed * 31337) % (listTotal + 1);
      const shares = ticketShares(paid, prices);
      expect(shares.reduce((a, b) => a + b, 0)).toBe(paid);
      expect(shares.every((s) => s >= 0 && Number.isInteger(s))).toBe(true);
    }
  });

  it('gives nothing to anyone when the order was free', () => {
    expect(ticketShares(0, [0, 0])).toEqual([0, 0]);
    expect(ticketShares(0, [1500, 1500])).toEqual([0, 0]);
  });
});

describe('sharesByTicket', () => {
  it("prices each ticket at its type's unit price in the order", () => {
    const registration = {
      amountCents: 4000,
      lines: [{ ticketTypeId: 'vip', quantity: 1, unitPriceCents: 3000 }, { ticketTypeId: 'std', quantity: 1, unitPriceCents: 1000 }],
    };
    const shares = sharesByTicket(registration, [{ id: 't1', ticketTypeId: 'vip' }, { id: 't2', ticketTypeId: 'std' }]);
    expect(Object.fromEntries(shares)).toEqual({ t1: 3000, t2: 1000 });
  });
});
