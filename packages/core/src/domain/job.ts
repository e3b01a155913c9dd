import type { EventSchedule } from '../rules/event-change.js';

/** Work that must happen after a commit even if the process dies: the outbox. */
export type JobPayload =
  | { kind: 'send_ticket_mail'; registrationId: string }
  | { kind: 'send_cancellation_mail'; registrationId: string; reason: string }
  | { kind: 'cancel_event_registrations'; eventId: string; reason: string }
  | { kind: 'refund_registration'; registrationId: string }
  /** Pays back the tickets' share of one refund (OrderRefund) of the order's charge. */
  | { kind: 'refund_tickets'; registrationId: string; refundId: string; amountCents: number }
  /** Tells the attendee which tickets were refunded, why, and how much. */
  | { kind: 'send_refund_mail'; registrationId: string; refundId: string }
  /** Tells the holders of a moved event what changed: one change mail job per confirmed registration. */
  | { kind: 'announce_event_change'; eventId: string }
  /** One holder's change mail; `revision` is the event's when announced (a retried announcement mails nobody twice). */
  | { kind: 'send_event_change_mail'; registrationId: string; revision: number; before: EventSchedule; after: EventSchedule }
  /**
   * A password reset code for the account of `email`, made when the job runs (so no code is kept in
   * the outbox, and each try mails a fresh one); enqueued for unknown emails too, which mail nobody.
   */
  | { kind: 'send_password_reset_mail'; email: string }
  /** Tells a waiting-list entry that spots are held for it (the claim link); skipped once the offer is over. */
  | { kind: 'send_waitlist_offer_mail'; eventId: string; offerId: string };

export type JobKind = JobPayload['kind'];

/** Every job kind, by name (for schemas); the mapped type makes a new kind a compile error here. */
export const JOB_KINDS = {
  send_ticket_mail: 'send_ticket_mail',
  send_cancellation_mail: 'send_cancellation_mail',
  cancel_event_registrations: 'cancel_event_registrations',
  refund_registration: 'refund_registration',
  refund_tickets: 'refund_tickets',
  send_refund_mail: 'send_refund_mail',
  announce_event_change: 'announce_event_change',
  send_event_change_mail: 'send_event_change_mail',
  send_password_reset_mail: 'send_password_reset_mail',
  send_waitlist_offer_mail: 'send_waitlist_offer_mail',
} as const satisfies { [K in JobKind]: K };

/** A job to enqueue. Its id is the caller's, so a request can run exactly the jobs it enqueued. */
export interface NewJob {
  id: string;
  payload: JobPayload;
}

export interface Job {
  id: string;
  payload: JobPayload;
  attempts: number;
  runAfter: string;
  lastError: string | null;
}

/** A job that failed its last allowed attempt: never claimed again, shown to the event's organizer. */
export interface FailedJob {
  id: string;
  payload: JobPayload;
  attempts: number;
  lastError: string;
  failedAt: string;
  /** The event the job concerned, when it concerned one. */
  eventId: string | null;
}
