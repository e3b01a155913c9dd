import { DomainError } from '../errors.js';
import type { AttendeePolicy, Event } from '../domain/event.js';
import type { CancellationClosedReason } from '../rules/cancellation.js';

export const CANCELLATION_CLOSED: Record<CancellationClosedReason, string> = {
  ticket_used: 'A ticket of this order was already used at the door, so it can no longer be cancelled.',
  event_started: 'The event has started, so this order can no longer be cancelled.',
  cutoff_passed: 'Cancellations for this event have closed, so this order can no longer be cancelled here. Contact the organizer.',
  attendee_cancellation_off: 'The organizer does not take cancellations of paid orders here. Contact the organizer.',
};

/** 409 cancellation_closed with its reason, and when the window closed when a cutoff closed it. */
export function cancellationClosedError(
  closed: CancellationClosedReason,
  event: Pick<Event, 'startsAt'> & Pick<AttendeePolicy, 'attendeeCancellationCutoffHours'>,
): DomainError {
  const cutoffHours = event.attendeeCancellationCutoffHours;
  return new DomainError('cancellation_closed', CANCELLATION_CLOSED[closed], {
    reason: closed,
    ...(closed === 'cutoff_passed' && cutoffHours !== null
      ? { closedAt: new Date(Date.parse(event.startsAt) - cutoffHours * 3_600_000).toISOString() }
      : {}),
  });
}
