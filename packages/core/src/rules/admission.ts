import type { CheckInResult, Ticket } from '../domain/ticket.js';
import { canMove } from '../domain/transitions.js';

/**
 * What the door answers for a ticket scanned at an event (null: no such ticket). `listTypes` are
 * the ticket types the scanning gate admits (null or empty: all). 'admitted' means the ticket may
 * move to used; the store's conditional write decides which concurrent scan does.
 */
export function admission(
  ticket: Pick<Ticket, 'eventId' | 'status' | 'ticketTypeId'> | null,
  eventId: string,
  listTypes: readonly string[] | null = null,
): CheckInResult {
  if (!ticket) return 'invalid';
  if (ticket.eventId !== eventId) return 'wrong_event';
  if (listTypes && listTypes.length > 0 && !listTypes.includes(ticket.ticketTypeId)) return 'not_on_list';
  if (ticket.status === 'cancelled') return 'cancelled';
  return canMove('ticket', ticket.status, 'used') ? 'admitted' : 'already_used';
}

/**
 * A scan made offline is a conflict when the door let the person in but the server had already
 * admitted the ticket elsewhere: the first to reach the server stays the admission, this one is kept
 * as a conflict for the organizer.
 */
export function isDoubleAdmission(resultShown: CheckInResult | null, result: CheckInResult): boolean {
  return resultShown === 'admitted' && result === 'already_used';
}
