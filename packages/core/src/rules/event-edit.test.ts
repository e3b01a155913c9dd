import { describe, expect, it } from 'vitest';
import type { EventStatus, EventWithCounts, TicketType } from '../domain/event.js';
import { checkEventEdit } from './event-edit.js';

const ga: TicketType = { id: 'ga', name: 'GA', priceCents: 1000, quantity: null };
const vip: TicketType = { id: 'vip', name: 'VIP', priceCents: 5000, quantity: 10 };

function event(status: EventStatus = 'published'): EventWithCounts {
  return {
    id: 'evt_1', organizerId: 'usr_1', name: 'Conf', description: '', category: 'Tech', location: 'Berlin',
    startsAt: '2026-06-01T10:00:00.000Z', endsAt: '2026-06-01T12:00:00.000Z', timezone: 'UTC', currency: 'EUR',
    capacity: 50, status, ticketTypes: [ga, vip], cancelReason: null, maxTicketsPerAccount: 10, attendeeCancellationCutoffHours: 48, revision: 0, image: null, createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z',
    counts: { ga: { sold: 20, held: 5 }, vip: { sold: 4, held: 2 } },
  };
}

describe('checkEventEdit', () => {
  it('lets the capacity go down to exactly what is sold and held', () => {
    expect(checkEventEdit(event(), { capacity: 31 })).toEqual({ ok: true });
  });

  it('refuses a capacity one below what is sold and held, saying how much is taken', () => {
    expect(checkEventEdit(event(), { capacity: 30 })).toEqual({
      ok: false,
      reason: 'capacity_below_sold',
      details: { capacity: 30, sold: 24, held: 7, taken: 31 },
    });
  });

  it("refuses a ticket type's quantity below what that type has taken", () => {
    expect(checkEventEdit(event(), { ticketTypes: [ga, { ...vip, quantity: 5 }] })).toEqual({
      ok: false,
      reason: 'capacity_below_sold',
      details: { ticketTypeId: 'vip', quantity: 5, sold: 4, held: 2, taken: 6 },
    });
    expect(checkEventEdit(event(), { ticketTypes: [ga, { ...vip, quantity: 6 }] })).toEqual({ ok: true });
  });

  it('lets a limited ticket type become unlimited', () => {
    expect(checkEventEdit(event(), { ticketTypes: [ga, { ...vip, quantity: null }] })).toEqual({ ok: true });
  });

  it('refuses to remove a ticket type that has spots taken', () => {
    expect(checkEventEdit(event(), { ticketTypes: [ga] })).toEqual({
      ok: false,
      reason: 'capacity_below_sold',
      details: { ticketTypeId: 'vip', removed: true, sold: 4, held: 2, taken: 6 },
    });
  });

  it('removes a ticket type nobody took', () => {
    const e = event();
    e.counts.vip = { sold: 0, held: 0 };
    expect(checkEventEdit(e, { ticketTypes: [ga] })).toEqual({ ok: true });
  });

  it('refuses any edit of a cancelled event as invalid state', () => {
    expect(checkEventEdit(event('cancelled'), {})).toEqual({ ok: false, reason: 'invalid_state' });
    expect(checkEventEdit(event('draft'), { capacity: 100 })).toEqual({ ok: true });
  });
});
