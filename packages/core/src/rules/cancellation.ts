import type { AttendeePolicy, Event } from '../domain/event.js';
import type { JobPayload } from '../domain/job.js';
import type { TransitionGuard } from '../ports/store.js';
import type { Registration, RegistrationStatus } from '../domain/registration.js';
import { canMove, isFinal, sourcesOf } from '../domain/transitions.js';
import type { TicketStatus } from '../domain/ticket.js';
import { CANCELLED_BY_ATTENDEE, cancelledWithEvent } from '../services/mail-templates.js';

/** Who lets the registration go: its attendee, or the organizer by cancelling the whole event. */
export type CancelCause = { by: 'attendee' } | { by: 'event'; reason: string };

export interface CancelPlan {
  from: RegistrationStatus;
  to: RegistrationStatus;
  /** Enqueued with the move: the refund of a paid order, and the attendee's mail. */
  jobs: JobPayload[];
  /** What the store must still find true when it moves the registration, atomically with the door. */
  guard: TransitionGuard;
}

/**
 * What a cancel does to a registration: a hold is released (mailed only when the event was
 * cancelled: an attendee who let it go knows); a confirmed order is cancelled, or refunded when it
 * was paid, and its attendee is mailed. null when the registration is past cancelling.
 */
export function planCancellation(registration: Pick<Registration, 'id' | 'status' | 'amountCents'>, cause: CancelCause): CancelPlan | null {
  const from = registration.status;
  if (!canMove('registration', from, 'cancelled')) return null;
  const mail: JobPayload = {
    kind: 'send_cancellation_mail',
    registrationId: registration.id,
    reason: cause.by === 'attendee' ? CANCELLED_BY_ATTENDEE : cancelledWithEvent(cause.reason),
  };
  if (from === 'pending_payment') return { from, to: 'cancelled', jobs: cause.by === 'event' ? [mail] : [], guard: {} };
  const paid = registration.amountCents > 0;
  return {
    from,
    to: paid ? 'refunded' : 'cancelled',
    jobs: [...(paid ? [{ kind: 'refund_registration' as const, registrationId: registration.id }] : []), mail],
    // An admitted attendee has had what they paid for, and the attendee's window closes before the
    // start; an event's cancellation refunds everyone.
    guard: cause.by === 'attendee' ? { noTicketUsed: true, withinCancellationWindow: true } : {},
  };
}

/** Why an attendee may no longer cancel their confirmed order themselves. */
export type CancellationClosedReason = 'ticket_used' | 'event_started' | 'cutoff_passed' | 'attendee_cancellation_off';

/**
 * The time part of the attendee's cancellation window, which the store checks again against the
 * event it reads in the move's transaction: every order closes at the start; a paid one closes
 * `attendeeCancellationCutoffHours` before it, and never opens when that is null (the organizer
 * refunds). A free order gives a spot back and moves no money, so only the start closes it.
 */
export function cancellationWindowClosed(
  registration: Pick<Registration, 'status' | 'amountCents'>,
  event: Pick<Event, 'startsAt'> & Pick<AttendeePolicy, 'attendeeCancellationCutoffHours'>,
  now: Date,
): Exclude<CancellationClosedReason, 'ticket_used'> | null {
  if (registration.status !== 'confirmed') return null;
  const startsAt = Date.parse(event.startsAt);
  if (startsAt <= now.getTime()) return 'event_started';
  if (registration.amountCents === 0) return null;
  const cutoff = event.attendeeCancellationCutoffHours;
  if (cutoff === null) return 'attendee_cancellation_off';
  return startsAt - cutoff * 3_600_000 <= now.getTime() ? 'cutoff_passed' : null;
}

/**
 * Why an attendee may no longer cancel their confirmed order themselves (invariant 8), or null: a
 * ticket of the order was used at the door, or its window closed (above). A hold can always be let go.
 */
export function attendeeCancellationClosed(
  registration: Pick<Registration, 'status' | 'amountCents'>,
  event: Pick<Event, 'startsAt'> & Pick<AttendeePolicy, 'attendeeCancellationCutoffHours'>,
  ticketsUsed: number,
  now: Date,
): CancellationClosedReason | null {
  if (registration.status !== 'confirmed') return null;
  if (ticketsUsed > 0) return 'ticket_used';
  return cancellationWindowClosed(registration, event, now);
}

/**
 * A registration that ends (expired, cancelled, refunded: its final statuses) gives its spots back
 * and voids its tickets; other moves change the status only.
 */
export function releasesSpots(to: RegistrationStatus): boolean {
  return isFinal('registration', to);
}

/** The ticket statuses a release voids (into `cancelled`). */
export const VOIDABLE_TICKET_STATUSES: readonly TicketStatus[] = sourcesOf('ticket', 'cancelled');
