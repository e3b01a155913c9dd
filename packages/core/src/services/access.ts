import { DomainError, forbidden, notFound } from '../errors.js';
import type { Principal } from '../ports/identity.js';
import type { Store } from '../ports/store.js';
import type { EventWithCounts } from '../domain/event.js';
import type { Role } from '../domain/user.js';

/** The one place that decides who may touch what (invariant 5). */
export function requireRole(principal: Principal, role: Role): void {
  if (principal.role !== role) {
    throw forbidden(role === 'organizer' ? 'Only organizers can do this.' : 'Only attendees can do this.');
  }
}

/** The event, if it exists and the principal organizes it; 404 otherwise so existence does not leak. */
export async function ownedEvent(store: Store, principal: Principal, eventId: string): Promise<EventWithCounts> {
  const event = await store.getEvent(eventId);
  if (!event || event.organizerId !== principal.userId) throw notFound('Event');
  return event;
}

export function invalidState(message: string, details?: unknown): DomainError {
  return new DomainError('invalid_state', message, details);
}
