import { DomainError, notFound } from '../errors.js';
import {
  DEFAULT_ATTENDEE_POLICY,
  DEFAULT_DURATION_MS,
  DEFAULT_TICKET_TYPE_NAME,
  MAX_CANCELLATION_CUTOFF_HOURS,
  MAX_TICKETS_PER_ACCOUNT_RANGE,
  isOnSale,
  type AttendeePolicy,
  type Event,
  type EventWithCounts,
  type StoredEvent,
  type TicketType,
} from '../domain/event.js';
import { CALENDAR_DAY } from '../domain/local-day.js';
import { MAX_COUNTER_SHARDS } from '../rules/counter-shards.js';
import type { Principal } from '../ports/identity.js';
import type { EventPatch, Page, UpdateEventResult } from '../ports/store.js';
import type { ServiceDeps } from './deps.js';
import { ownedEvent, requireRole, invalidState, visibleEvent } from './access.js';
import { jobIds, newJobs } from './new-jobs.js';

export interface TicketTypeInput {
  id?: string;
  name: string;
  priceCents: number;
  quantity?: number | null;
}

export interface CreateEventInput {
  name: string;
  description: string;
  category: string;
  location: string;
  startsAt: string;
  /** Absent or null: no end given (the event is open-ended). */
  endsAt?: string | null;
  timezone?: string;
  currency: string;
  capacity: number;
  priceCents?: number;
  ticketTypes?: TicketTypeInput[];
  publish?: boolean;
  maxTicketsPerAccount?: number;
  attendeeCancellationCutoffHours?: number | null;
  /** See `SalesCounting`: fixed at creation, so an update cannot change it. */
  counterShards?: number;
}

export type UpdateEventInput = Partial<Omit<CreateEventInput, 'currency' | 'publish' | 'priceCents' | 'counterShards'>>;

const assumedEnd = (startsAt: string): string => new Date(Date.parse(startsAt) + DEFAULT_DURATION_MS).toISOString();

function validationFailed(field: string, message: string): DomainError {
  return new DomainError('validation_failed', message, { fields: { [field]: message } });
}

function assertTimezone(timezone: string): void {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: timezone });
  } catch {
    throw validationFailed('timezone', `Unknown time zone "${timezone}".`);
  }
}

function assertSchedule(startsAt: string, endsAt: string): void {
  if (Date.parse(endsAt) <= Date.parse(startsAt)) throw validationFailed('endsAt', 'The event must end after it starts.');
}

/** The API's schemas say the same; core checks too, for callers that are not the API (demo data). */
function assertAttendeePolicy(policy: Partial<AttendeePolicy>): void {
  const { maxTicketsPerAccount: max, attendeeCancellationCutoffHours: cutoff } = policy;
  const { min, max: most } = MAX_TICKETS_PER_ACCOUNT_RANGE;
  if (max !== undefined && !(Number.isInteger(max) && max >= min && max <= most)) {
    throw validationFailed('maxTicketsPerAccount', `Tickets per account must be a whole number from ${min} to ${most}.`);
  }
  if (cutoff !== undefined && cutoff !== null && !(Number.isInteger(cutoff) && cutoff >= 0 && cutoff <= MAX_CANCELLATION_CUTOFF_HOURS)) {
    throw validationFailed('attendeeCancellationCutoffHours', `The cancellation cutoff must be a whole number of hours from 0 to ${MAX_CANCELLATION_CUTOFF_HOURS}, or null.`);
  }
}

function assertCounterShards(shards: number | undefined): void {
  if (shards !== undefined && !(Number.isInteger(shards) && shards >= 1 && shards <= MAX_COUNTER_SHARDS)) {
    throw validationFailed('counterShards', `Counter shards must be a whole number from 1 to ${MAX_COUNTER_SHARDS}.`);
  }
}

/** A ticket type's quantity may exceed the capacity: the capacity still caps the total. */
function assertTicketTypes(types: TicketType[]): void {
  const names = new Set<string>();
  for (const tt of types) {
    const key = tt.name.trim().toLowerCase();
    if (names.has(key)) throw validationFailed('ticketTypes', `Two ticket types are named "${tt.name}".`);
    names.add(key);
  }
}

export class EventService {
  constructor(
    private readonly deps: ServiceDeps,
    /** Called after the event changed: what a public listing shows, and what orders are priced from. */
    private readonly changed: (eventId: string) => void,
  ) {}

  private buildTicketTypes(inputs: TicketTypeInput[] | undefined, priceCents: number | undefined): TicketType[] {
    const given = inputs && inputs.length > 0 ? inputs : [{ name: DEFAULT_TICKET_TYPE_NAME, priceCents: priceCents ?? 0 }];
    return given.map((t) => ({
      id: t.id ?? this.deps.ids.newId('tt'),
      name: t.name.trim(),
      priceCents: t.priceCents,
      quantity: t.quantity ?? null,
    }));
  }

  async create(principal: Principal, input: CreateEventInput): Promise<EventWithCounts> {
    requireRole(principal, 'organizer');
    const now = this.deps.clock.now().toISOString();
    const startsAt = new Date(input.startsAt).toISOString();
    const openEnded = !input.endsAt;
    const endsAt = input.endsAt ? new Date(input.endsAt).toISOString() : assumedEnd(startsAt);
    const timezone = input.timezone ?? 'UTC';
    assertTimezone(timezone);
    assertSchedule(startsAt, endsAt);
    if (input.priceCents !== undefined && input.ticketTypes?.length) {
      throw validationFailed('priceCents', 'Give either priceCents or ticketTypes, not both.');
    }
    const ticketTypes = this.buildTicketTypes(input.ticketTypes, input.priceCents);
    assertTicketTypes(ticketTypes);
    assertAttendeePolicy(input);
    assertCounterShards(input.counterShards);
    const event: StoredEvent = {
      id: this.deps.ids.newId('evt'),
      organizerId: principal.userId,
      name: input.name.trim(),
      description: input.description,
      category: input.category.trim(),
      location: input.location.trim(),
      startsAt,
      endsAt,
      ...(openEnded ? { openEnded } : {}),
      timezone,
      currency: input.currency.toUpperCase(),
      capacity: input.capacity,
      status: input.publish ? 'published' : 'draft',
      ticketTypes,
      cancelReason: null,
      maxTicketsPerAccount: input.maxTicketsPerAccount ?? DEFAULT_ATTENDEE_POLICY.maxTicketsPerAccount,
      attendeeCancellationCutoffHours:
        input.attendeeCancellationCutoffHours === undefined ? DEFAULT_ATTENDEE_POLICY.attendeeCancellationCutoffHours : input.attendeeCancellationCutoffHours,
      ...(input.counterShards === undefined ? {} : { counterShards: input.counterShards }),
      revision: 0,
      image: null,
      createdAt: now,
      updatedAt: now,
    };
    await this.deps.store.insertEvent(event);
    this.changed(event.id);
    return this.getOwned(principal, event.id);
  }

  /** Published and cancelled events are public; drafts only to their organizer. */
  get(principal: Principal | null, id: string): Promise<EventWithCounts> {
    return visibleEvent(this.deps.store, principal, id);
  }

  getOwned(principal: Principal, id: string): Promise<EventWithCounts> {
    return ownedEvent(this.deps.store, principal, id);
  }

  async update(principal: Principal, id: string, input: UpdateEventInput): Promise<EventWithCounts> {
    const current = await ownedEvent(this.deps.store, principal, id);
    if (current.status === 'cancelled') throw invalidState('A cancelled event cannot be edited.');
    const patch: EventPatch = {};
    if (input.name !== undefined) patch.name = input.name.trim();
    if (input.description !== undefined) patch.description = input.description;
    if (input.category !== undefined) patch.category = input.category.trim();
    if (input.location !== undefined) patch.location = input.location.trim();
    if (input.startsAt !== undefined) patch.startsAt = new Date(input.startsAt).toISOString();
    if (input.endsAt === null) {
      patch.endsAt = assumedEnd(patch.startsAt ?? current.startsAt);
      patch.openEnded = true;
    } else if (input.endsAt !== undefined) {
      patch.endsAt = new Date(input.endsAt).toISOString();
      patch.openEnded = false;
    } else if (patch.startsAt !== undefined && current.openEnded) {
      // An event with no end given keeps none: its assumed end moves with the start.
      patch.endsAt = assumedEnd(patch.startsAt);
    }
    if (input.timezone !== undefined) {
      assertTimezone(input.timezone);
      patch.timezone = input.timezone;
    }
    if (input.capacity !== undefined) patch.capacity = input.capacity;
    assertAttendeePolicy(input);
    // A lowered limit refuses further registrations only: nothing already held is cancelled.
    if (input.maxTicketsPerAccount !== undefined) patch.maxTicketsPerAccount = input.maxTicketsPerAccount;
    if (input.attendeeCancellationCutoffHours !== undefined) patch.attendeeCancellationCutoffHours = input.attendeeCancellationCutoffHours;
    if (input.ticketTypes !== undefined) {
      const known = new Set(current.ticketTypes.map((t) => t.id));
      for (const t of input.ticketTypes) {
        if (t.id !== undefined && !known.has(t.id)) throw validationFailed('ticketTypes', `Unknown ticket type id "${t.id}".`);
      }
      patch.ticketTypes = this.buildTicketTypes(input.ticketTypes, undefined);
    }
    const startsAt = patch.startsAt ?? current.startsAt;
    let endsAt = patch.endsAt ?? current.endsAt;
    if (patch.startsAt !== undefined && patch.endsAt === undefined && Date.parse(endsAt) <= Date.parse(startsAt)) {
      // Moving the start past the old end keeps the event's length.
      endsAt = new Date(Date.parse(startsAt) + (Date.parse(current.endsAt) - Date.parse(current.startsAt))).toISOString();
      patch.endsAt = endsAt;
    }
    assertSchedule(startsAt, endsAt);
    if (patch.ticketTypes) assertTicketTypes(patch.ticketTypes);
    // The store tells the holders only when the edit really moved the event (see noticeAfterEdit);
    // the worker runs the announcement, so two quick edits make one mail, not one each.
    const movesEvent = patch.startsAt !== undefined || patch.endsAt !== undefined || patch.timezone !== undefined || patch.location !== undefined;
    const jobs = movesEvent ? newJobs(this.deps.ids, [{ kind: 'announce_event_change', eventId: id }]) : [];
    const updated = unwrap(await this.deps.store.updateEvent(id, patch, this.deps.clock.now().toISOString(), jobs));
    this.changed(id);
    return updated;
  }

  async publish(principal: Principal, id: string): Promise<EventWithCounts> {
    const current = await ownedEvent(this.deps.store, principal, id);
    if (current.status === 'published') return current;
    if (Date.parse(current.endsAt) <= this.deps.clock.now().getTime()) {
      throw invalidState('This event has already ended and cannot be published.');
    }
    const published = unwrap(await this.deps.store.publishEvent(id, this.deps.clock.now().toISOString()));
    this.changed(id);
    return published;
  }

  /**
   * Cancels the event; its registrations are cancelled and refunded by the outbox job it enqueues.
   * Returns the event and the ids of the jobs enqueued (none when it was cancelled already).
   */
  async cancel(principal: Principal, id: string, reason: string | undefined): Promise<{ event: EventWithCounts; jobIds: string[] }> {
    const current = await ownedEvent(this.deps.store, principal, id);
    if (current.status === 'cancelled') return { event: current, jobIds: [] };
    const why = reason?.trim() || 'The organizer cancelled this event.';
    const jobs = newJobs(this.deps.ids, [{ kind: 'cancel_event_registrations', eventId: id, reason: why }]);
    const cancelled = unwrap(await this.deps.store.cancelEvent(id, why, this.deps.clock.now().toISOString(), jobs));
    this.changed(id);
    return { event: cancelled, jobIds: jobIds(jobs) };
  }

  /** `from`/`to`: a calendar day (YYYY-MM-DD), read in each event's own time zone, or an instant. */
  search(query: { q?: string; category?: string; from?: string; to?: string; limit: number; cursor?: string }): Promise<Page<EventWithCounts>> {
    const { from, to, ...rest } = query;
    const day = (value: string | undefined) => (value !== undefined && CALENDAR_DAY.test(value) ? value : undefined);
    const instant = (value: string | undefined) => (value !== undefined && !CALENDAR_DAY.test(value) ? value : undefined);
    return this.deps.store.searchPublishedEvents({
      ...rest,
      from: instant(from),
      to: instant(to),
      fromDay: day(from),
      toDay: day(to),
      notEndedAt: this.deps.clock.now().toISOString(),
    });
  }

  listOwn(principal: Principal, limit: number, cursor?: string): Promise<Page<EventWithCounts>> {
    requireRole(principal, 'organizer');
    return this.deps.store.listEventsByOrganizer(principal.userId, limit, cursor);
  }

  isOnSale(event: Event): boolean {
    return isOnSale(event, this.deps.clock.now());
  }
}

function unwrap(result: UpdateEventResult): EventWithCounts {
  if (result.ok) return result.event;
  switch (result.reason) {
    case 'not_found':
      throw notFound('Event');
    case 'capacity_below_sold':
      throw new DomainError('capacity_below_sold', 'Capacity cannot go below the tickets already sold or held.', result.details);
    case 'invalid_state':
      throw invalidState('The event is not in a state that allows this.');
  }
}
