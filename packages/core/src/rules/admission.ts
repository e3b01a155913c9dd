import type { CheckInResult, Ticket } from '../domain/ticket.js';
import { canMove } from '../domain/transitions.js';

/**
 * What the door answers for a ticket scanned at an event (null: no such ticket). 'admitted' means
 * the ticket may move to used; the store's conditional write decides which concurrent scan does.
 */
export function admission(ticket: Pick<Ticket, 'eventId' | 'status'> | null, eventId: string): CheckInResult {
  if (!ticket) return 'invalid';
  if (ticket.eventId !== eventId) return 'wrong_event';
  if (ticket.status === 'cancelled') return 'cancelled';
  return canMove('ticket', ticket.status, 'used') ? 'admitted' : 'already_used';
}
