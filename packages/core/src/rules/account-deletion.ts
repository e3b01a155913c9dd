import type { Event } from '../domain/event.js';
import type { Registration } from '../domain/registration.js';
import { holdIsLive } from './hold.js';

export type AccountDeletionBlock = 'has_upcoming_tickets' | 'has_events';

type Happening = Pick<Event, 'endsAt' | 'status'>;

const stillAhead = (event: Happening, now: Date) => event.status !== 'cancelled' && Date.parse(event.endsAt) > now.getTime();

/**
 * Why an account cannot be deleted now, or null. An attendee first cancels what is still to come
 * (confirmed tickets, or a live hold) so spots and refunds go through the normal path; an organizer
 * keeps the account while an event of theirs is still to come, as its registrants rely on it.
 * Past and cancelled events do not block: their records stay, with the person's name and email
 * replaced.
 */
export function accountDeletionBlock(
  registrations: ReadonlyArray<Pick<Registration, 'status' | 'holdExpiresAt'> & { event: Happening }>,
  ownedEvents: readonly Happening[],
  now: Date,
): AccountDeletionBlock | null {
  if (ownedEvents.some((event) => stillAhead(event, now))) return 'has_events';
  const holding = registrations.some((r) => (r.status === 'confirmed' || holdIsLive(r, now)) && stillAhead(r.event, now));
  return holding ? 'has_upcoming_tickets' : null;
}

/** What a deleted person's name and email become on the records that stay. */
export const DELETED_USER = 'Deleted user';
