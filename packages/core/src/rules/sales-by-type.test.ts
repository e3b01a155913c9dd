import { describe, expect, it } from 'vitest';
import type { Registration } from '../domain/registration.js';
import type { Ticket } from '../domain/ticket.js';
import { salesByTicketType } from './sales-by-type.js';

const event = { ticketTypes: [{ id: 'std', name: 'Standard', priceCents: 1000, quantity: null }, { id: 'vip', name: 'VIP', priceCents: 3000, quantity: 10 }] };

function order(status: Registration['status'], amountCents: number, tickets: [string, Ticket['status']][]) {
  const registration = {
    id: `reg_${status}_${amountCents}`,
    status,
    amountCents,
    lines: [{ ticketTypeId: 'std', quantity: 0, unitPriceCents: 1000 }, { ticketTypeId: 'vip', quantity: 0, unitPriceCents: 3000 }],
  } as Registration;
  return {
    registration,
    tickets: tickets.map(([ticketTypeId, ticketStatus], i) => ({ id: `${registration.id}_${i}`, ticketTypeId, ticketTypeName: ticketTypeId, status: ticketStatus }) as Ticket),
  };
}

describe('salesByTicketType', () => {
  it('counts sold, paid and admitted tickets per type, leaving out refunded tickets and unconfirmed orders', () => {
    const rows = salesByTicketType(event, [
      order('confirmed', 5000, [['std', 'used'], ['std', 'cancelled'], ['vip', 'valid']]),
      order('confirmed', 1000, [['std', 'valid']]),
      order('refunded', 3000, [['vip', 'cancelled']]),
    ]);
    expect(rows).toEqual([
      { ticketTypeId: 'std', name: 'Standard', sold: 2, revenueCents: 2000, checkedIn: 1 },
      { ticketTypeId: 'vip', name: 'VIP', sold: 1, revenueCents: 3000, checkedIn: 0 },
    ]);
  });

  it('counts a discounted order at what it paid', () => {
    const [std] = salesByTicketType(event, [order('confirmed', 1500, [['std', 'valid'], ['std', 'valid']])]);
    expect(std!.revenueCents).toBe(1500);
  });

  it('lists a type removed from the event under the name it was sold as', () => {
    const sold = order('confirmed', 700, [['gone', 'valid']]);
    sold.registration.lines.push({ ticketTypeId: 'gone', quantity: 1, unitPriceCents: 700 });
    sold.tickets[0]!.ticketTypeName = 'Early bird';
    expect(salesByTicketType(event, [sold]).at(-1)).toEqual({ ticketTypeId: 'gone', name: 'Early bird', sold: 1, revenueCents: 700, checkedIn: 0 });
  });
});
