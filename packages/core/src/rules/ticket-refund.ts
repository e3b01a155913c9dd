import type { Registration, RegistrationLine, RegistrationStatus } from '../domain/registration.js';
import type { Ticket } from '../domain/ticket.js';
import { sharesByTicket } from './ticket-share.js';

/** Why tickets of an order cannot be refunded (or cancelled) one by one as asked. */
export type TicketRefundRefusal =
  /** The order is not confirmed (a hold, or already ended). */
  | 'order_not_confirmed'
  /** A ticket asked for is not one of the order's. */
  | 'unknown_ticket'
  /** A ticket asked for was admitted at the door. */
  | 'ticket_used'
  /** A ticket asked for was already cancelled (refunded). */
  | 'ticket_cancelled'
  /** No ticket named, and none of the order's is left to refund. */
  | 'nothing_to_refund';

export type TicketRefundPlan = { ok: true; ticketIds: string[]; amountCents: number } | { ok: false; reason: TicketRefundRefusal };

/**
 * Which of the order's tickets a refund gives back (`requested`, or every valid one) and what it
 * pays back: the sum of their shares of what the order paid. Only valid tickets of a confirmed
 * order are refunded; an admitted ticket was had.
 */
export function planTicketRefund(
  registration: Pick<Registration, 'status' | 'lines' | 'amountCents'>,
  tickets: readonly Ticket[],
  requested: readonly string[] | undefined,
): TicketRefundPlan {
  if (registration.status !== 'confirmed') return { ok: false, reason: 'order_not_confirmed' };
  const byId = new Map(tickets.map((t) => [t.id, t]));
  const ids = requested ? [...new Set(requested)] : tickets.filter((t) => t.status === 'valid').map((t) => t.id);
  if (ids.length === 0) return { ok: false, reason: 'nothing_to_refund' };
  for (const id of ids) {
    const ticket = byId.get(id);
    if (!ticket) return { ok: false, reason: 'unknown_ticket' };
    if (ticket.status === 'used') return { ok: false, reason: 'ticket_used' };
    if (ticket.status === 'cancelled') return { ok: false, reason: 'ticket_cancelled' };
  }
  const shares = sharesByTicket(registration, tickets);
  return { ok: true, ticketIds: ids, amountCents: ids.reduce((sum, id) => sum + shares.get(id)!, 0) };
}

/** What the order is after some of its tickets were refunded. */
export interface OrderAfterRefund {
  /** The lines with the refunded tickets taken off: what the order still holds (spots, account limit). */
  lines: RegistrationLine[];
  quantity: number;
  /** Still confirmed while a ticket is left; else refunded (paid) or cancelled (free). */
  status: RegistrationStatus;
}

/** The order once `refunded` of its `tickets` (all of them, as read with it) are given back. */
export function orderAfterRefund(
  registration: Pick<Registration, 'lines' | 'amountCents'>,
  tickets: readonly Pick<Ticket, 'id' | 'status'>[],
  refunded: readonly Pick<Ticket, 'id' | 'ticketTypeId'>[],
): OrderAfterRefund {
  const lines = registration.lines.map((line) => ({
    ...line,
    quantity: line.quantity - refunded.filter((t) => t.ticketTypeId === line.ticketTypeId).length,
  }));
  const refundedIds = new Set(refunded.map((t) => t.id));
  const left = tickets.filter((t) => t.status !== 'cancelled' && !refundedIds.has(t.id)).length;
  const status: RegistrationStatus = left > 0 ? 'confirmed' : registration.amountCents > 0 ? 'refunded' : 'cancelled';
  return { lines, quantity: lines.reduce((n, l) => n + l.quantity, 0), status };
}
