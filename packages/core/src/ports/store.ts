import type { Event, EventWithCounts } from '../domain/event.js';
import type { Registration, RegistrationStatus } from '../domain/registration.js';
import type { Ticket, CheckIn, CheckInResult } from '../domain/ticket.js';
import type { PaymentIntent } from '../domain/payment.js';
import type { FailedJob, Job, NewJob } from '../domain/job.js';
import type { User } from '../domain/user.js';
import type { CapacityBelowTaken } from '../rules/event-edit.js';
import type { AccountDeletionBlock } from '../rules/account-deletion.js';

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface EventSearch {
  q?: string;
  category?: string;
  /** ISO instants: events starting at or after `from`, and at or before `to`. */
  from?: string;
  to?: string;
  /** Only events whose endsAt is after this instant. */
  notEndedAt: string;
  limit: number;
  cursor?: string;
}

export type PlaceRegistrationResult =
  | { ok: true }
  | { ok: false; reason: 'sold_out'; spotsRemaining: number }
  | { ok: false; reason: 'not_on_sale' }
  | { ok: false; reason: 'not_found' }
  /** The account already holds a live pending registration for this event (`registrationId`): nothing was placed. */
  | { ok: false; reason: 'hold_exists'; registrationId: string }
  /** A registration was already placed under this request key: nothing was placed this time. */
  | { ok: false; reason: 'request_key_taken'; registrationId: string };

export type ConfirmPaymentResult =
  | { ok: true; registration: Registration }
  | { ok: false; reason: 'not_pending'; registration: Registration | null };

export interface EventPatch {
  name?: string;
  description?: string;
  category?: string;
  location?: string;
  startsAt?: string;
  endsAt?: string;
  timezone?: string;
  capacity?: number;
  ticketTypes?: Event['ticketTypes'];
}

export type UpdateEventResult =
  | { ok: true; event: EventWithCounts }
  | { ok: false; reason: 'not_found' | 'invalid_state' }
  | { ok: false; reason: 'capacity_below_sold'; details: CapacityBelowTaken };

export interface RegistrantRow {
  registration: Registration;
  checkedIn: number;
}

export interface EventStats {
  registrations: number;
  confirmed: number;
  sold: number;
  held: number;
  revenueCents: number;
  checkedIn: number;
  /** One row per UTC day with a confirmed registration. */
  timeline: { date: string; registrations: number; revenueCents: number }[];
}

/** Conditions a registration's move is refused under (null answered), checked in the move's transaction. */
export interface TransitionGuard {
  /** Refused once a ticket of the registration was admitted at the door. */
  noTicketUsed?: boolean;
}

export type CheckInOutcome = { result: CheckInResult; ticket: Ticket | null };

export interface IdempotencyTimes {
  /** After this, a retry may take over a key its first request left in progress (that request died). */
  leaseMs: number;
  /** How long a key is remembered (Stripe: 24 hours); longer than the lease. */
  retentionMs: number;
}

/** A stored idempotency key: its request is running, or its response is kept. The same names in every store. */
export type IdempotencyKeyState = 'started' | 'completed';

export type IdempotencyBegin =
  | { state: 'started' }
  /**
   * The key was left in progress longer than the lease (its request died mid-way): this caller now
   * owns it, with a fresh lease, and must allow for work the dead request may have committed.
   */
  | { state: 'stale' }
  | { state: 'replay'; status: number; body: string }
  | { state: 'mismatch' }
  | { state: 'in_progress' };

/** The domain's view of accounts (credentials live in the identity adapter). */
export interface UserStore {
  /**
   * Refuses an email in use, unless its account expired unverified (unverifiedAccountExpired at
   * user.createdAt): that account is removed and this one takes the email, atomically.
   */
  insertUser(user: User): Promise<{ ok: true } | { ok: false; reason: 'email_taken' }>;
  getUser(id: string): Promise<User | null>;
  getUserByEmail(email: string): Promise<User | null>;
  markEmailVerified(userId: string): Promise<void>;
  /**
   * Deletes the account unless accountDeletionBlock refuses (checked in the same transaction):
   * the user and its email go (the email can sign up again); the name and email on its
   * registrations and tickets become DELETED_USER. The SQLite store also drops the built-in
   * identity's credentials, codes and sessions of the user in that transaction.
   */
  deleteUser(userId: string, now: Date): Promise<{ ok: true } | { ok: false; reason: AccountDeletionBlock }>;
}

export interface EventStore {
  insertEvent(event: Event): Promise<void>;
  getEvent(id: string): Promise<EventWithCounts | null>;
  /** Applies the patch atomically; refuses a capacity or ticket-type quantity below what is taken. */
  updateEvent(id: string, patch: EventPatch, now: string): Promise<UpdateEventResult>;
  /** draft -> published. */
  publishEvent(id: string, now: string): Promise<UpdateEventResult>;
  /** draft|published -> cancelled, enqueueing the jobs in the same transaction. */
  cancelEvent(id: string, reason: string, now: string, jobs: NewJob[]): Promise<UpdateEventResult>;
  searchPublishedEvents(search: EventSearch): Promise<Page<EventWithCounts>>;
  listEventsByOrganizer(organizerId: string, limit: number, cursor?: string): Promise<Page<EventWithCounts>>;
  eventStats(eventId: string): Promise<EventStats>;
}

/** Registrations and their spots: the never-oversold invariant lives here. */
export interface RegistrationStore {
  /**
   * Atomically: release this event's expired holds, check the event is published and not ended,
   * check every line fits both its ticket type's quantity and the event's capacity, then insert the
   * registration (pending_payment -> held, confirmed -> sold) with its tickets and jobs.
   * With a `requestKey` (an opaque id of the request placing it), the key is recorded in the same
   * transaction, and refused if a registration was already placed under it.
   */
  placeRegistration(
    registration: Registration,
    tickets: Ticket[],
    jobs: NewJob[],
    now: string,
    requestKey?: string,
  ): Promise<PlaceRegistrationResult>;
  getRegistration(id: string): Promise<Registration | null>;
  findRegistrationByRequestKey(requestKey: string): Promise<Registration | null>;
  listRegistrationsByUser(userId: string, limit: number, cursor?: string): Promise<Page<Registration>>;
  listRegistrantsByEvent(eventId: string, limit: number, cursor?: string): Promise<Page<RegistrantRow>>;
  /**
   * Atomically: pending_payment (hold not expired at `now`) -> confirmed, held -> sold,
   * payment intent saved, tickets inserted, jobs enqueued. Paid and ticketed commit together.
   */
  confirmPayment(
    registrationId: string,
    intent: PaymentIntent,
    tickets: Ticket[],
    jobs: NewJob[],
    now: string,
  ): Promise<ConfirmPaymentResult>;
  /**
   * Atomically moves a registration from one of `from` to `to`, releasing its spots
   * (held or sold) and cancelling its tickets, and enqueues the jobs. null when not in `from`, or when the guard refuses.
   */
  transitionRegistration(
    id: string,
    from: RegistrationStatus[],
    to: RegistrationStatus,
    now: string,
    jobs: NewJob[],
    guard?: TransitionGuard,
  ): Promise<Registration | null>;
  /** Expires every pending registration whose hold ended at or before `now`; returns how many. */
  expireHolds(now: string, limit: number): Promise<number>;
}

export interface PaymentStore {
  /**
   * Atomically: the registration's payment intent if it already has one, else `intent`, inserted.
   * A registration has one intent (a declined card is retried on it), so any number of concurrent
   * creations answer the same intent and the buyer can be charged only once.
   */
  openPaymentIntent(intent: PaymentIntent): Promise<PaymentIntent>;
  getPaymentIntent(id: string): Promise<PaymentIntent | null>;
  /** Compare-and-set on status; false when the stored status is not `expectedStatus`. */
  updatePaymentIntent(intent: PaymentIntent, expectedStatus: PaymentIntent['status']): Promise<boolean>;
  listPaymentIntentsByRegistration(registrationId: string): Promise<PaymentIntent[]>;
  /** Intents left in "processing" (a crash mid-charge), for reconciliation at start. */
  listProcessingPaymentIntents(limit: number): Promise<PaymentIntent[]>;
}

export interface TicketStore {
  getTicket(id: string): Promise<Ticket | null>;
  listTicketsByRegistration(registrationId: string): Promise<Ticket[]>;
  listTicketsByUser(userId: string, limit: number, cursor?: string): Promise<Page<Ticket>>;
}

/** Admission at the door. */
export interface DoorStore {
  /**
   * Atomically: if `nonce` was already used for this event, return that first answer; else
   * valid -> used (exactly one concurrent caller is admitted), and record the check-in.
   */
  checkIn(input: {
    id: string;
    eventId: string;
    ticketId: string | null;
    /** Set when the QR failed verification: recorded as-is, no ticket touched. */
    presetResult: CheckInResult | null;
    nonce: string | null;
    at: string;
    by: string;
  }): Promise<CheckInOutcome>;
  listCheckIns(eventId: string, limit: number): Promise<CheckIn[]>;
}

/** Idempotency keys (scope = user + operation + key). */
export interface IdempotencyStore {
  /**
   * Atomically: a new key is started; an in-progress key whose start is `leaseMs` or more before
   * `now` (same request hash) is taken over by exactly one caller ('stale'), restarting its lease.
   * A key first used `retentionMs` or more before `now` is forgotten: it starts afresh.
   */
  beginIdempotent(scope: string, requestHash: string, now: string, times: IdempotencyTimes): Promise<IdempotencyBegin>;
  completeIdempotent(scope: string, status: number, body: string): Promise<void>;
  /** Forget a started key whose request failed with a server error, so a retry may run. */
  abandonIdempotent(scope: string): Promise<void>;
}

/** Work committed with its cause, run after the commit. */
export interface OutboxStore {
  enqueueJobs(jobs: NewJob[], now: string): Promise<void>;
  /** Leases up to `limit` due jobs for `leaseMs`; a leased job is not handed out again until then. */
  claimJobs(now: string, limit: number, leaseMs: number): Promise<Job[]>;
  /** Leases those of `ids` that are due, as claimJobs does; the others (leased, done, failed) are left out. */
  claimJobsById(ids: string[], now: string, leaseMs: number): Promise<Job[]>;
  completeJob(id: string): Promise<void>;
  retryJob(id: string, runAfter: string, error: string): Promise<void>;
  /** Gives up on a job: it is never claimed again, and is listed under its event (if any). */
  failJob(id: string, error: string, failedAt: string, eventId: string | null): Promise<void>;
  /** The event's failed jobs, most recent first. */
  listFailedJobs(eventId: string, limit: number): Promise<FailedJob[]>;
}

/**
 * The persistence port, one role per concern. Every method that changes spots, payments or
 * tickets is atomic: each store implements it as one transaction (SQLite) or one
 * TransactWriteItems (DynamoDB), which may span roles. Every implementation passes
 * @ticketbooth/store-contract.
 */
export type Store = UserStore &
  EventStore &
  RegistrationStore &
  PaymentStore &
  TicketStore &
  DoorStore &
  IdempotencyStore &
  OutboxStore & {
    close(): Promise<void>;
  };
