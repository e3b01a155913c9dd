import { describe, expect, it } from 'vitest';
import type { Room } from '../domain/event.js';
import type { RegistrationLine } from '../domain/registration.js';
import { checkPlacement, roomNeeded, spotsTakenAs, type Order } from './placement.js';

function room(capacity: number, types: { id: string; quantity: number | null; sold?: number; held?: number }[]): Room {
  return {
    capacity,
    ticketTypes: types.map((t) => ({ id: t.id, name: t.id, priceCents: 1000, quantity: t.quantity })),
    counts: Object.fromEntries(types.map((t) => [t.id, { sold: t.sold ?? 0, held: t.held ?? 0 }])),
  };
}

function order(...lines: [ticketTypeId: string, quantity: number][]): Order {
  const ls: RegistrationLine[] = lines.map(([ticketTypeId, quantity]) => ({ ticketTypeId, quantity, unitPriceCents: 1000 }));
  return { lines: ls, quantity: ls.reduce((n, l) => n + l.quantity, 0) };
}

describe('checkPlacement', () => {
  it('places the 50th registration on a 50-spot event', () => {
    expect(checkPlacement(room(50, [{ id: 'ga', quantity: null, sold: 30, held: 19 }]), order(['ga', 1]))).toEqual({ ok: true });
  });

  it('refuses the 51st registration on a 50-spot event', () => {
    expect(checkPlacement(room(50, [{ id: 'ga', quantity: null, sold: 30, held: 20 }]), order(['ga', 1]))).toEqual({
      ok: false,
      reason: 'sold_out',
      spotsRemaining: 0,
    });
  });

  it('counts held spots as taken, not only sold ones', () => {
    expect(checkPlacement(room(10, [{ id: 'ga', quantity: null, held: 9 }]), order(['ga', 2]))).toMatchObject({ reason: 'sold_out', spotsRemaining: 1 });
  });

  it("refuses more of a ticket type than its quantity, though the event has room, and says that type's room", () => {
    const event = room(100, [{ id: 'ga', quantity: null }, { id: 'vip', quantity: 5, sold: 3 }]);
    expect(checkPlacement(event, order(['vip', 3]))).toEqual({ ok: false, reason: 'sold_out', spotsRemaining: 2 });
    expect(checkPlacement(event, order(['vip', 2], ['ga', 8]))).toEqual({ ok: true });
  });

  it('refuses an order whose lines fit their types but not the capacity together', () => {
    const event = room(4, [{ id: 'a', quantity: 3 }, { id: 'b', quantity: 3 }]);
    expect(checkPlacement(event, order(['a', 3], ['b', 2]))).toEqual({ ok: false, reason: 'sold_out', spotsRemaining: 3 });
  });

  it('answers no negative room when an event is over-full after a capacity cut', () => {
    expect(checkPlacement(room(2, [{ id: 'ga', quantity: null, sold: 3 }]), order(['ga', 1]))).toMatchObject({ spotsRemaining: 0 });
  });

  it('refuses a ticket type the event does not have as not found', () => {
    expect(checkPlacement(room(10, [{ id: 'ga', quantity: null }]), order(['gone', 1]))).toEqual({ ok: false, reason: 'not_found' });
  });
});

describe('roomNeeded', () => {
  it('asks for the total and, per line, whether its type has a quantity of its own', () => {
    const event = room(10, [{ id: 'ga', quantity: null }, { id: 'vip', quantity: 2 }]);
    expect(roomNeeded(event, order(['ga', 2], ['vip', 1]))).toEqual({
      total: 3,
      lines: [
        { ticketTypeId: 'ga', quantity: 2, limited: false },
        { ticketTypeId: 'vip', quantity: 1, limited: true },
      ],
    });
  });

  it('has no answer for a ticket type the event does not have', () => {
    expect(roomNeeded(room(10, [{ id: 'ga', quantity: null }]), order(['gone', 1]))).toBeNull();
  });
});

describe('spotsTakenAs', () => {
  it('counts a pending registration as held, a confirmed one as sold, and the rest as nothing', () => {
    expect(spotsTakenAs('pending_payment')).toBe('held');
    expect(spotsTakenAs('confirmed')).toBe('sold');
    for (const s of ['expired', 'cancelled', 'refunded'] as const) expect(spotsTakenAs(s)).toBeNull();
  });
});
