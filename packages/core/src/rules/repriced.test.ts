import { describe, expect, it } from 'vitest';
import { repriced } from './repriced.js';

const event = {
  currency: 'EUR',
  ticketTypes: [
    { id: 'tt_a', name: 'A', priceCents: 1500, quantity: null },
    { id: 'tt_b', name: 'B', priceCents: 0, quantity: 10 },
  ],
};
const order = (lines: { ticketTypeId: string; unitPriceCents: number }[], currency = 'EUR') => ({
  currency,
  lines: lines.map((l) => ({ ...l, quantity: 1 })),
});

describe('repriced', () => {
  it('is false when every line is at the price the event lists, in its currency', () => {
    expect(repriced(event, order([{ ticketTypeId: 'tt_a', unitPriceCents: 1500 }, { ticketTypeId: 'tt_b', unitPriceCents: 0 }]))).toBe(false);
  });

  it('is true when a line was priced before the price changed, either way', () => {
    expect(repriced(event, order([{ ticketTypeId: 'tt_a', unitPriceCents: 1200 }]))).toBe(true);
    expect(repriced(event, order([{ ticketTypeId: 'tt_a', unitPriceCents: 1500 }, { ticketTypeId: 'tt_b', unitPriceCents: 100 }]))).toBe(true);
  });

  it('is true when a line names a ticket type the event no longer has', () => {
    expect(repriced(event, order([{ ticketTypeId: 'tt_gone', unitPriceCents: 1500 }]))).toBe(true);
  });

  it('is true when the event now sells in another currency', () => {
    expect(repriced(event, order([{ ticketTypeId: 'tt_a', unitPriceCents: 1500 }], 'USD'))).toBe(true);
  });
});
