import { describe, expect, it } from 'vitest';
import { isOnSale, spotsRemaining, ticketTypeSpotsRemaining, totals, type Room } from './event.js';

const event: Room = {
  capacity: 20,
  ticketTypes: [
    { id: 'ga', name: 'GA', priceCents: 1000, quantity: null },
    { id: 'vip', name: 'VIP', priceCents: 5000, quantity: 4 },
  ],
  counts: { ga: { sold: 10, held: 2 }, vip: { sold: 1, held: 1 } },
};

describe('spots', () => {
  it('adds sold and held across ticket types', () => {
    expect(totals(event)).toEqual({ sold: 11, held: 3 });
    expect(spotsRemaining(event)).toBe(6);
  });

  it("caps a ticket type's room by its quantity and by the event's room", () => {
    expect(ticketTypeSpotsRemaining(event, 'vip')).toBe(2);
    expect(ticketTypeSpotsRemaining(event, 'ga')).toBe(6);
    expect(ticketTypeSpotsRemaining(event, 'gone')).toBe(0);
  });
});

describe('isOnSale', () => {
  const endsAt = '2026-06-01T12:00:00.000Z';
  it('sells a published event until it ends', () => {
    expect(isOnSale({ status: 'published', endsAt }, new Date('2026-06-01T11:59:59.999Z'))).toBe(true);
    expect(isOnSale({ status: 'published', endsAt }, new Date(endsAt))).toBe(false);
  });

  it('never sells a draft or a cancelled event', () => {
    const before = new Date('2026-05-01T00:00:00.000Z');
    expect(isOnSale({ status: 'draft', endsAt }, before)).toBe(false);
    expect(isOnSale({ status: 'cancelled', endsAt }, before)).toBe(false);
  });
});
