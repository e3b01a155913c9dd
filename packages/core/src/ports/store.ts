import type { Event, EventWithCounts, StoredEvent } from '../domain/event.js';
import type { EventImage } from '../domain/event-image.js';
import type { LocalDays } from '../domain/local-day.js';
import type { Registration, RegistrationStatus } from '../domain/registration.js';
import type { Ticket, CheckIn, CheckInResult } from '../domain/ticket.js';
import type { PaymentIntent } from '../domain/payment.js';
import type { FailedJob, Job, NewJob } from '../domain/job.js';
import type { User } from '../domain/user.js';
import type { CapacityBelowTaken } from '../rules/event-edit.js';
import { ORGANIZER_DOOR, type CheckInConflict, type CheckInList, type DoorTicket, type DoorTypeCount, type FirstAdmission, type ScannerLink } from '../domain/door.js';
import type { AccountLimitReached } from '../rules/limits.js';
import type { EventSchedule } from '../rules/event-change.js';
import type { AccountDeletionBlock } from '../rules/account-deletion.js';
import type { OrderStore } from './order-store.js';
import type { WaitlistStore } from './waitlist-store.js';
import type { RateLimitStore } from './rate-limit-store.js';
import type { PromoCode } from '../domain/promo-code.js';
import type { PromoRefusal } from '../rules/promo.js';

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface EventSearch extends LocalDays {
  q?: string;
  category?: string;
  /** ISO instants: events starting at or after `from`, and at or before `to`. */
  from?: string;
  to?: string;
  /* fromDay/toDay (LocalDays): events starting on those calendar days on their own wall clock (startsOnLocalDays). */
  /** Only events whose endsAt is after this instant. */
  notEndedAt: string;
  limit: number;
  cursor?: string;
}

/** Ticket id -> the code a store drew in place of one already taken at the event (see rules/ticket-code.ts). */
export type RedrawnCodes = Record<string, string>;

export type PlaceRegistrationResult =
  /** `redrawnCodes` only when a ticket's code was taken: the codes stored instead. */
  | { ok: true; redrawnCodes?: RedrawnCodes }
  | { ok: false; reason: 'sold_out'; spotsRemaining: number }
  | { ok: false; reason: 'not_on_sale' }
  | { ok: false; reason: 'not_found' }
  /** A line's price or ticket type, or the currency, is not the event's now (rules/repriced.ts): nothing was placed. */
  | { ok: false; reason: 'repriced' }
  /** The account already holds a live pending registration for this event (`registrationId`): nothing was placed. */
  | { ok: false; reason: 'hold_exists'; registrationId: string }
  /** The account would hold more than the event's maxTicketsPerAccount: nothing was placed. */
  | ({ ok: false; reason: 'account_limit' } & AccountLimitReached)
  /** A registration was already placed under this request key: nothing was placed this time. */
  | { ok: false; reason: 'request_key_taken'; registrationId: string }
  /** The registration's promo code may not be used (promoCodeRefusal at write time): nothing was placed. */
  | { ok: false; reason: PromoRefusal };

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
  /** Set with endsAt: true when the organizer removed the end, false when they gave one. */
  openEnded?: boolean;
  timezone?: string;
  capacity?: number;
  ticketTypes?: Event['ticketTypes'];
  maxTicketsPerAccount?: number;
  attendeeCancellationCutoffHours?: number | null;
}

export type UpdateEventResult =
  | { ok: true; event: EventWithCounts }
  | { ok: false; reason: 'not_found' | 'invalid_state' }
  | { ok: false; reason: 'capacity_below_sold'; details: CapacityBelowTaken };

export interface RegistrantRow {
  registration: Registration;
  checkedIn: number;
}

/** Holders have not been told yet that the event moved from `before` to its current schedule. */
export interface EventChangeNotice {
  revision: number;
  before: EventSchedule;
  after: EventSchedule;
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
  /** Refused when the attendee's cancellation window (`cancellationWindowClosed`) is closed for the event as read in the move's transaction. */
  withinCancellationWindow?: boolean;
}

export interface CheckInOutcome {
  result: CheckInResult;
  ticket: Ticket | null;
  /** Set when this scan was a double admission (recorded as a conflict): who admitted the ticket first. */
  conflict: FirstAdmission | null;
}

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
  insertEvent(event: StoredEvent): Promise<void>;
  getEvent(id: string): Promise<EventWithCounts | null>;
  /**
   * Applies the patch atomically; refuses a capacity or ticket-type quantity below what is taken.
   * In the same transaction: raises the revision (revisionAfterEdit), keeps the pending change
   * notice (noticeAfterEdit) and enqueues the jobs.
   */
  updateEvent(id: string, patch: EventPatch, now: string, jobs?: NewJob[]): Promise<UpdateEventResult>;
  /** The move holders were not told of yet; null when there is none (or it was undone). */
  getEventChangeNotice(eventId: string): Promise<EventChangeNotice | null>;
  /**
   * Holders were told of `announced`: atomically, if the pending notice is still the one announced
   * (same `before`), it becomes noticeAfterAnnouncement; otherwise nothing changes.
   */
  settleEventChangeNotice(eventId: string, announced: EventChangeNotice): Promise<void>;
  /** The highest event revision whose change mail this registration's holder got (0: none). */
  getChangeMailedRevision(registrationId: string): Promise<number>;
  /** Records that the change mail of `revision` went out; never lowers what is recorded. */
  recordChangeMailed(registrationId: string, revision: number): Promise<void>;
  /** draft -> published. */
  publishEvent(id: string, now: string): Promise<UpdateEventResult>;
  /** draft|published -> cancelled, enqueueing the jobs in the same transaction. */
  cancelEvent(id: string, reason: string, now: string, jobs: NewJob[]): Promise<UpdateEventResult>;
  searchPublishedEvents(search: EventSearch): Promise<Page<EventWithCounts>>;
  listEventsByOrganizer(organizerId: string, limit: number, cursor?: string): Promise<Page<EventWithCounts>>;
  eventStats(eventId: string): Promise<EventStats>;
  /**
   * Atomically swaps the event's image (null removes it) and sets updatedAt, unless the event is
   * cancelled (canChangeImage); answers the image it replaced, whose variants the caller deletes.
   */
  setEventImage(id: string, image: EventImage | null, now: string): Promise<SetEventImageResult>;
}

export type SetEventImageResult =
  | { ok: true; event: EventWithCounts; previous: EventImage | null }
  | { ok: false; reason: 'not_found' | 'invalid_state' };

/**
 * A placement's tickets, or how to make them from the event as the store read it for the
 * placement: a store checks the placement first, so a refused order (a sold-out rush's usual
 * answer) signs no tickets, and the tickets name the ticket types as they are when placed.
 */
export type TicketsToPlace = Ticket[] | ((event: EventWithCounts) => Ticket[]);

export const ticketsOf = (tickets: TicketsToPlace, event: EventWithCounts): Ticket[] => (typeof tickets === 'function' ? tickets(event) : tickets);

/** Registrations and their spots: the never-oversold invariant lives here. */
export interface RegistrationStore {
  /**
   * Atomically: release this event's expired holds, check the event is published and not ended
   * and that every line is at the price it lists now (repriced),
   * that the account has no other live hold for it (hold_exists) and stays within its
   * maxTicketsPerAccount (account_limit, checked before the room),
   * check every line fits both its ticket type's quantity and the event's capacity, that its promo
   * code, if any, may be used (promoCodeRefusal, checked last; the use is counted), then insert the
   * registration (pending_payment -> held, confirmed -> sold) with its tickets and jobs.
   * A ticket whose code is already taken at the event (or repeats another's in the batch) is
   * stored with a code drawn anew, in the same transaction (here and in confirmPayment).
   * With a `requestKey` (an opaque id of the request placing it), the key is recorded in the same
   * transaction, and refused if a registration was already placed under it.
   */
  placeRegistration(
    registration: Registration,
    tickets: TicketsToPlace,
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
   * (held or sold) and its promo code's use, cancelling its tickets, and enqueues the jobs. null when not in `from`, or when the guard refuses.
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

/** A scan as the stores record it: DoorStore.checkIn's input with its defaults filled in. */
export type CheckInScan = Required<Parameters<DoorStore['checkIn']>[0]>;

/** A live scan by the organizer needs no door fields; the stores fill them in the same way. */
export function withDoorDefaults(input: Parameters<DoorStore['checkIn']>[0]): CheckInScan {
  return {
    ...input,
    now: input.now ?? input.at,
    door: input.door ?? ORGANIZER_DOOR,
    deviceId: input.deviceId ?? null,
    listTypes: input.listTypes ?? null,
    resultShown: input.resultShown ?? null,
  };
}

/** Admission at the door. */
export interface DoorStore {
  /**
   * Atomically: if `nonce` was already used for this event, return that first answer (and its
   * conflict, if any); else valid -> used (exactly one concurrent caller is admitted), and record
   * the check-in. A scan the door showed admitted that finds the ticket used is also recorded as a
   * conflict (with the first admission's time and door), in the same transaction.
   */
  checkIn(input: {
    id: string;
    eventId: string;
    ticketId: string | null;
    /** Set when the QR failed verification: recorded as-is, no ticket touched. */
    presetResult: CheckInResult | null;
    nonce: string | null;
    /** When the scan happened (a synced offline scan: when it was scanned). */
    at: string;
    /** When it reaches the store (default `at`): what incremental door data orders changes by. */
    now?: string;
    /** The user or scanner link that scanned. */
    by: string;
    /** The door as a person reads it (the scanner link's name; default the organizer), shown in conflicts. */
    door?: string;
    deviceId?: string | null;
    /** The gate's ticket types (absent, null or empty: all): others answer not_on_list. */
    listTypes?: string[] | null;
    /** What the door showed, for a synced offline scan (absent or null for a live one). */
    resultShown?: CheckInResult | null;
  }): Promise<CheckInOutcome>;
  listCheckIns(eventId: string, limit: number): Promise<CheckIn[]>;
  /** The event's ticket with this short code. */
  getTicketByCode(eventId: string, code: string): Promise<Ticket | null>;
  /** The event's tickets (all, or those changed at or after `since`), read in pages, in one answer. */
  listDoorTickets(eventId: string, since: string | null): Promise<DoorTicket[]>;
  /** Per ticket type of the event: tickets expected (not cancelled) and checked in. */
  doorCounts(eventId: string): Promise<DoorTypeCount[]>;
  listCheckInConflicts(eventId: string, limit: number): Promise<CheckInConflict[]>;

  insertCheckInList(list: CheckInList): Promise<void>;
  getCheckInList(id: string): Promise<CheckInList | null>;
  listCheckInLists(eventId: string): Promise<CheckInList[]>;

  insertScannerLink(link: ScannerLink): Promise<void>;
  getScannerLinkBySecretHash(secretHash: string): Promise<ScannerLink | null>;
  /** The event's links not revoked, oldest first. */
  listScannerLinks(eventId: string): Promise<ScannerLink[]>;
  /** false when the event has no such live link. */
  revokeScannerLink(eventId: string, linkId: string, now: string): Promise<boolean>;
  /** Records a request of the link: last seen `at`, and `scans` more scans (an atomic add). */
  touchScannerLink(linkId: string, at: string, scans: number): Promise<void>;
}

/** An event's promo codes; their uses are counted by placeRegistration and every release. */
export interface PromoCodeStore {
  /** Refuses a code (normalized) the event already has, disabled or not. */
  insertPromoCode(code: PromoCode): Promise<{ ok: true } | { ok: false; reason: 'code_taken' }>;
  getPromoCodeByCode(eventId: string, code: string): Promise<PromoCode | null>;
  /** The event's codes, oldest first, with their current uses. */
  listPromoCodes(eventId: string): Promise<PromoCode[]>;
  /** Disables the event's code (its uses stay); false when the event has no such code. */
  disablePromoCode(eventId: string, id: string, now: string): Promise<boolean>;
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
  PromoCodeStore &
  IdempotencyStore &
  OutboxStore &
  OrderStore &
  WaitlistStore &
  RateLimitStore & {
    close(): Promise<void>;
  };
