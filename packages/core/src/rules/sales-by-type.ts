import type { Event } from '../domain/event.js';
import type { Registration } from '../domain/registration.js';
import type { Ticket } from '../domain/ticket.js';
import { sharesByTicket } from './ticket-share.js';

/** An order with every ticket it was issued (cancelled ones too). */
export interface OrderWithTickets {
  registration: Registration;
  tickets: Ticket[];
}

export interface TicketTypeSales {
  ticketTypeId: string;
  name: string;
  /** Tickets of confirmed orders not cancelled (refunded). */
  sold: number;
  /** What those tickets paid: each one's share of its order (ticketShares). */
  revenueCents: number;
  checkedIn: number;
}

/**
 * Sales, revenue and check-ins per ticket type of the event, in the event's type order. A type
 * the event no longer has but tickets were sold for is listed after, under the name it was sold as.
 */
export function salesByTicketType(event: Pick<Event, 'ticketTypes'>, orders: readonly OrderWithTickets[]): TicketTypeSales[] {
  const rows = new Map<string, TicketTypeSales>(
    event.ticketTypes.map((t) => [t.id, { ticketTypeId: t.id, name: t.name, sold: 0, revenueCents: 0, checkedIn: 0 }]),
  );
  for (const { registration, tickets } of orders) {
    if (registration.status !== 'confirmed') continue;
    const shares = sharesByTicket(registration, tickets);
    for (const ticket of tickets) {
      if (ticket.status === 'cancelled') continue;
      let row = rows.get(ticket.ticketTypeId);
      if (!row) {
        row = { ticketTypeId: ticket.ticketTypeId, name: ticket.ticketTypeName, sold: 0, revenueCents: 0, checkedIn: 0 };
        rows.set(ticket.ticketTypeId, row);
      }
      row.sold++;
      row.revenueCents += shares.get(ticket.id) ?? 0;
      if (ticket.status === 'used') row.checkedIn++;
    }
  }
  return [...rows.values()];
}
