import type { JobPayload } from '../domain/job.js';
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
  if (from === 'pending_payment') return { from, to: 'cancelled', jobs: cause.by === 'event' ? [mail] : [] };
  const paid = registration.amountCents > 0;
  return {
    from,
    to: paid ? 'refunded' : 'cancelled',
    jobs: [...(paid ? [{ kind: 'refund_registration' as const, registrationId: registration.id }] : []), mail],
  };
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
