import {
  DEFAULT_ATTENDEE_POLICY,
  type AttendeePolicy,
  type CheckIn,
  type Event,
  EventWithCounts,
  type FailedJob,
  type Job,
  type JobPayload,
  type PaymentIntent,
  type Registration,
  type Ticket,
  type User,
} from '@ticketbooth/core';

/** A raw item as lib-dynamodb returns it. */
export type Item = Record<string, unknown>;

/** Primary keys: one partition per entity, so every entity is one GetItem away. */
export const keys = {
  user: (id: string) => ({ pk: `USER#${id}`, sk: 'USER' }),
  email: (email: string) => ({ pk: `EMAIL#${email}`, sk: 'EMAIL' }),
  event: (id: string) => ({ pk: `EVENT#${id}`, sk: 'EVENT' }),
  /**
   * The event's spot counters, kept apart from the event's text so the item every registration
   * writes stays under 1 KB (1 write unit, 2 in a transaction) whatever the description's size.
   */
  eventCounters: (id: string) => ({ pk: `EVENT#${id}`, sk: 'COUNTERS' }),
  registration: (id: string) => ({ pk: `REG#${id}`, sk: 'REG' }),
  ticket: (id: string) => ({ pk: `TICKET#${id}`, sk: 'TICKET' }),
  paymentIntent: (id: string) => ({ pk: `PI#${id}`, sk: 'PI' }),
  checkIn: (id: string) => ({ pk: `CHECKIN#${id}`, sk: 'CHECKIN' }),
  scanNonce: (eventId: string, nonce: string) => ({ pk: `NONCE#${eventId}#${nonce}`, sk: 'NONCE' }),
  /** A ticket's short code within its event: written with the ticket on condition it is absent (unique), and read to find it. */
  ticketCode: (eventId: string, code: string) => ({ pk: `TKTCODE#${eventId}#${code}`, sk: 'TKTCODE' }),
  checkInList: (id: string) => ({ pk: `CHKLIST#${id}`, sk: 'CHKLIST' }),
  scannerLink: (id: string) => ({ pk: `SCANLINK#${id}`, sk: 'SCANLINK' }),
  /** The link a secret's hash belongs to. */
  scannerSecret: (secretHash: string) => ({ pk: `SCANSECRET#${secretHash}`, sk: 'SCANSECRET' }),
  checkInConflict: (id: string) => ({ pk: `CONFLICT#${id}`, sk: 'CONFLICT' }),
  idempotency: (scope: string) => ({ pk: `IDEM#${scope}`, sk: 'IDEM' }),
  /** The registration placed by a request (its request key), written with the registration. */
  requestKey: (requestKey: string) => ({ pk: `REQKEY#${requestKey}`, sk: 'REQKEY' }),
  job: (id: string) => ({ pk: `JOB#${id}`, sk: 'JOB' }),
  /** The last event revision whose change mail this registration's holder got: see event-changes.ts. */
  changeMail: (registrationId: string) => ({ pk: `CHGMAIL#${registrationId}`, sk: 'CHGMAIL' }),
  /** The account's live pending registration for an event (one at most): see hold-marker.ts. */
  holdMarker: (userId: string, eventId: string) => ({ pk: `HOLD#${userId}#${eventId}`, sk: 'HOLD' }),
  /** The tickets an account holds for an event (its maxTicketsPerAccount): see account-tickets.ts. */
  accountTickets: (userId: string, eventId: string) => ({ pk: `ACCTTKT#${userId}#${eventId}`, sk: 'ACCTTKT' }),
  /** A promo code with its uses counter, and the claim on its (normalized) code within its event: see promo-codes.ts. */
  promoCode: (id: string) => ({ pk: `PROMO#${id}`, sk: 'PROMO' }),
  promoCodeName: (eventId: string, code: string) => ({ pk: `PROMOCODE#${eventId}#${code}`, sk: 'PROMOCODE' }),
};

/** Index partitions (see schema.ts for which GSI holds which). */
export const partitions = {
  organizerEvents: (organizerId: string) => `ORG#${organizerId}`,
  publishedEvents: 'PUBLISHED',
  userRegistrations: (userId: string) => `USERREG#${userId}`,
  /** Split as the event's counters are (counter-shards.ts): an index partition takes about 1,000 writes/s too. */
  eventRegistrations: (eventId: string, shard = 0) => (shard === 0 ? `EVTREG#${eventId}` : `EVTREG#${eventId}#${shard}`),
  userTickets: (userId: string) => `USERTKT#${userId}`,
  eventCheckIns: (eventId: string) => `EVTCHK#${eventId}`,
  /** The event's tickets by when they last changed: the door data, incremental. */
  eventTickets: (eventId: string, shard = 0) => (shard === 0 ? `EVTTKT#${eventId}` : `EVTTKT#${eventId}#${shard}`),
  eventCheckInLists: (eventId: string) => `EVTCHKLIST#${eventId}`,
  eventScannerLinks: (eventId: string) => `EVTSCANLINK#${eventId}`,
  eventConflicts: (eventId: string) => `EVTCONFLICT#${eventId}`,
  eventPromoCodes: (eventId: string) => `EVTPROMO#${eventId}`,
  registrationIntents: (registrationId: string) => `REGPI#${registrationId}`,
  holds: (shard: number) => `HOLDS#${shard}`,
  jobs: (shard: number) => `JOBS#${shard}`,
  eventFailedJobs: (eventId: string) => `EVTFAILJOB#${eventId}`,
  processingIntents: 'PI_PROCESSING',
};

/**
 * Per-ticket-type counters live on the counters item as top-level numbers (always via placeholders),
 * beside copies of the event's `status`, `endsAt` and `version` that registrations are conditioned on.
 */
export const counter = {
  sold: (ticketTypeId: string) => `sold:${ticketTypeId}`,
  held: (ticketTypeId: string) => `held:${ticketTypeId}`,
  /** Only for ticket types with a quantity: what is left of it. */
  left: (ticketTypeId: string) => `left:${ticketTypeId}`,
};
/** The event's spots not sold or held: the one number every registration decrements. */
export const EVENT_LEFT = 'left';

export const sortable = (at: string, id: string) => `${at}#${id}`;

/** On a registration and its tickets: the event's counter shard its spots came from (absent: 0), which also names their index partitions. */
export const COUNTER_SHARD = 'counterShard';

/**
 * Due-work partitions (holds, jobs) are split over shards so that no single GSI partition takes every
 * registration's write (one partition takes about 1,000 writes/s); readers query all shards.
 */
export const DUE_WORK_SHARDS = 8;

export function shardOf(id: string): number {
  let hash = 0;
  for (let i = 0; i < id.length; i++) hash = (hash * 31 + id.charCodeAt(i)) >>> 0;
  return hash % DUE_WORK_SHARDS;
}

export function searchText(event: Event): string {
  return `${event.name}\n${event.description}\n${event.location}\n${event.category}`.toLowerCase();
}

export function eventIndexes(event: Event): Item {
  return {
    gsi1pk: partitions.organizerEvents(event.organizerId),
    gsi1sk: sortable(event.createdAt, event.id),
    ...(event.status === 'published'
      ? { gsi2pk: partitions.publishedEvents, gsi2sk: sortable(event.startsAt, event.id) }
      : {}),
    search: searchText(event),
    categoryKey: event.category.toLowerCase(),
  };
}

export function userItem(user: User): Item {
  return { ...keys.user(user.id), type: 'user', ...user };
}

export function toUser(item: Item): User {
  return pick(item, ['id', 'email', 'name', 'role', 'emailVerified', 'createdAt']) as unknown as User;
}

const EVENT_FIELDS = [
  'id', 'organizerId', 'name', 'description', 'category', 'location', 'startsAt', 'endsAt', 'timezone',
  'currency', 'capacity', 'status', 'ticketTypes', 'cancelReason', 'revision', 'createdAt', 'updatedAt',
] as const;

/** An event written before the attendee policy existed has none of its fields: it has the defaults. */
function attendeePolicyOf(item: Item): AttendeePolicy {
  return {
    maxTicketsPerAccount: typeof item.maxTicketsPerAccount === 'number' ? item.maxTicketsPerAccount : DEFAULT_ATTENDEE_POLICY.maxTicketsPerAccount,
    attendeeCancellationCutoffHours:
      item.attendeeCancellationCutoffHours === undefined
        ? DEFAULT_ATTENDEE_POLICY.attendeeCancellationCutoffHours
        : (item.attendeeCancellationCutoffHours as number | null),
  };
}

/**
 * The event item's attribute holding the schedule its holders were last told about, while a move
 * is not announced yet (see noticeAfterEdit); absent otherwise. Not part of the domain event.
 */
export const CHANGE_NOTICE = 'changeNotice';

/** The event item's attribute holding the counter shards the organizer asked for (SalesCounting); absent: none asked. */
export const REQUESTED_SHARDS = 'requestedCounterShards';

/** `item`: the event item merged with its counters item (see events.ts readEvent). */
export function toEventWithCounts(item: Item): EventWithCounts {
  // Events written before revisions existed are at revision 0.
  // Events written before images existed have none; openEnded is kept only as true (absent on events
  // with an end, as on those written before it existed).
  const event = {
    ...pick(item, EVENT_FIELDS),
    revision: num(item.revision),
    image: item.image ?? null,
    ...(item.openEnded === true ? { openEnded: true } : {}),
  } as unknown as Event;
  const counts: EventWithCounts['counts'] = {};
  for (const tt of event.ticketTypes) {
    counts[tt.id] = { sold: num(item[counter.sold(tt.id)]), held: num(item[counter.held(tt.id)]) };
  }
  return { ...event, ...attendeePolicyOf(item), ...(typeof item[REQUESTED_SHARDS] === 'number' ? { counterShards: item[REQUESTED_SHARDS] } : {}), counts };
}

export function registrationItem(registration: Registration, ticketIds: string[], shard = 0): Item {
  return {
    ...keys.registration(registration.id),
    type: 'registration',
    ...registration,
    ticketIds,
    checkedIn: 0,
    [COUNTER_SHARD]: shard,
    gsi1pk: partitions.userRegistrations(registration.userId),
    gsi1sk: sortable(registration.createdAt, registration.id),
    gsi2pk: partitions.eventRegistrations(registration.eventId, shard),
    gsi2sk: sortable(registration.createdAt, registration.id),
    ...holdIndex(registration),
  };
}

/** A pending registration sits in the sparse holds index until its status changes. */
function holdIndex(registration: Pick<Registration, 'status' | 'holdExpiresAt' | 'id'>): Item {
  return registration.status === 'pending_payment' && registration.holdExpiresAt
    ? { gsi3pk: partitions.holds(shardOf(registration.id)), gsi3sk: sortable(registration.holdExpiresAt, registration.id) }
    : {};
}

const REGISTRATION_FIELDS = [
  'id', 'eventId', 'userId', 'attendeeName', 'attendeeEmail', 'lines', 'quantity', 'amountCents', 'currency',
  'status', 'holdExpiresAt', 'createdAt', 'updatedAt',
] as const;

export function toRegistration(item: Item): Registration {
  const registration = pick(item, REGISTRATION_FIELDS) as unknown as Registration;
  // Absent, not null, on a registration placed without a code.
  if (item.promo) registration.promo = item.promo as NonNullable<Registration['promo']>;
  return registration;
}

export function ticketItem(ticket: Ticket, shard = 0): Item {
  return {
    ...keys.ticket(ticket.id),
    type: 'ticket',
    ...ticket,
    changedAt: ticket.createdAt,
    [COUNTER_SHARD]: shard,
    gsi1pk: partitions.userTickets(ticket.userId),
    gsi1sk: sortable(ticket.createdAt, ticket.id),
    gsi2pk: partitions.eventTickets(ticket.eventId, shard),
    ...ticketChangedIndex(ticket, ticket.createdAt),
  };
}

/** Where a ticket sits in its event's door data partition (set when it is issued): every change of it sets this again. */
export function ticketChangedIndex(ticket: Pick<Ticket, 'id'>, changedAt: string): Item {
  return { gsi2sk: sortable(changedAt, ticket.id) };
}

const TICKET_FIELDS = [
  'id', 'registrationId', 'eventId', 'userId', 'ticketTypeId', 'ticketTypeName', 'attendeeName', 'status', 'qr', 'code',
  'checkedInAt', 'createdAt',
] as const;

export function toTicket(item: Item): Ticket {
  const ticket = { ...(pick(item, TICKET_FIELDS) as unknown as Ticket), checkedInBy: (item.checkedInBy as string | undefined) ?? null };
  // Only a renamed ticket carries a PDF version.
  return num(item.pdfVersion) > 0 ? { ...ticket, pdfVersion: num(item.pdfVersion) } : ticket;
}

export function paymentIntentItem(intent: PaymentIntent): Item {
  return {
    ...keys.paymentIntent(intent.id),
    type: 'payment_intent',
    ...intent,
    gsi2pk: partitions.registrationIntents(intent.registrationId),
    gsi2sk: sortable(intent.createdAt, intent.id),
    ...(intent.status === 'processing'
      ? { gsi3pk: partitions.processingIntents, gsi3sk: sortable(intent.updatedAt, intent.id) }
      : {}),
  };
}

const INTENT_FIELDS = [
  'id', 'registrationId', 'userId', 'amountCents', 'currency', 'status', 'clientSecret', 'lastError', 'chargeKey',
  'createdAt', 'updatedAt',
] as const;

export function toPaymentIntent(item: Item): PaymentIntent {
  return pick(item, INTENT_FIELDS) as unknown as PaymentIntent;
}

export function checkInItem(checkIn: CheckIn): Item {
  return {
    ...keys.checkIn(checkIn.id),
    type: 'check_in',
    ...checkIn,
    gsi2pk: partitions.eventCheckIns(checkIn.eventId),
    gsi2sk: sortable(checkIn.at, checkIn.id),
  };
}

export function toCheckIn(item: Item): CheckIn {
  return pick(item, ['id', 'eventId', 'ticketId', 'nonce', 'result', 'at', 'by']) as unknown as CheckIn;
}

export function jobItem(id: string, payload: JobPayload, runAfter: string): Item {
  return {
    ...keys.job(id),
    type: 'job',
    id,
    payload,
    attempts: 0,
    runAfter,
    lastError: null,
    gsi3pk: partitions.jobs(shardOf(id)),
    gsi3sk: sortable(runAfter, id),
  };
}

export function toJob(item: Item): Job {
  return pick(item, ['id', 'payload', 'attempts', 'runAfter', 'lastError']) as unknown as Job;
}

export function toFailedJob(item: Item): FailedJob {
  return pick(item, ['id', 'payload', 'attempts', 'lastError', 'failedAt', 'eventId']) as unknown as FailedJob;
}

function pick(item: Item, fields: readonly string[]): Item {
  const out: Item = {};
  for (const field of fields) out[field] = item[field] ?? null;
  return out;
}

function num(value: unknown): number {
  return typeof value === 'number' ? value : 0;
}
