import type { EventImage } from './event-image.js';

export type EventStatus = 'draft' | 'published' | 'cancelled';

export interface TicketType {
  id: string;
  name: string;
  priceCents: number;
  /** null: limited only by the event's capacity. */
  quantity: number | null;
}

export interface Event {
  id: string;
  organizerId: string;
  name: string;
  description: string;
  category: string;
  location: string;
  startsAt: string;
  /** When sales close and the event leaves the listing; see `openEnded`. */
  endsAt: string;
  /**
   * true: the organizer gave no end. `endsAt` is then the start plus DEFAULT_DURATION_MS, kept for
   * sales, listings and the door, and never shown as the event's end (pages, tickets, calendars).
   * Absent (not false) on events with an end, as on every event stored before it existed.
   */
  openEnded?: boolean;
  timezone: string;
  currency: string;
  capacity: number;
  status: EventStatus;
  ticketTypes: TicketType[];
  cancelReason: string | null;
  /**
   * Raised by every edit that changes what a ticket shows (name, time, zone, place): the PDF's blob
   * key and the .ics SEQUENCE carry it, so a stale ticket is never served and calendars update.
   */
  revision: number;
  /** The cover image's variants; null when the organizer gave none. */
  image: EventImage | null;
  createdAt: string;
  updatedAt: string;
}

/**
 * What the event allows each attendee, kept with the event by the stores. Apart from `Event`,
 * which is all a ticket, a mail or an .ics needs to describe the event.
 */
export interface AttendeePolicy {
  /** Tickets one account may hold for the event across its live holds and confirmed registrations. */
  maxTicketsPerAccount: number;
  /** null: attendees cannot cancel paid registrations themselves; N: they may until N hours before the start. */
  attendeeCancellationCutoffHours: number | null;
}

export const DEFAULT_ATTENDEE_POLICY: AttendeePolicy = { maxTicketsPerAccount: 10, attendeeCancellationCutoffHours: 48 };
export const MAX_TICKETS_PER_ACCOUNT_RANGE = { min: 1, max: 100 } as const;
/** How long an event with no end given is taken to last, for when its sales close. */
export const DEFAULT_DURATION_MS = 2 * 60 * 60 * 1000;

/** The end to show people: the one the organizer gave, or null when they gave none. */
export function announcedEnd(event: Pick<Event, 'endsAt' | 'openEnded'>): string | null {
  return event.openEnded ? null : event.endsAt;
}

/**
 * The categories offered as filters and in the event form. The API takes any category text (an
 * organizer may write their own); these are the ones people pick from, the demo's among them.
 */
export const SUGGESTED_CATEGORIES = [
  'Technology', 'Music', 'Business', 'Food & Drink', 'Sports', 'Comedy', 'Arts', 'Health & Wellness', 'Gaming', 'Charity',
  'Community', 'Education', 'Film', 'Family', 'Other',
] as const;

/** The longest texts an event may carry, in characters (the API refuses longer; the form says so first). */
export const EVENT_TEXT_LIMITS = { name: 200, description: 10_000, category: 60, location: 300, ticketTypeName: 80 } as const;
/** A year: a cutoff longer than that is a typo. */
export const MAX_CANCELLATION_CUTOFF_HOURS = 8760;

/** How the event's spots are counted, kept with the event by the stores; fixed when it is created. */
export interface SalesCounting {
  /**
   * The counter shards the organizer asked for, for an on-sale hotter than its capacity suggests: a
   * store that splits an event's counters (DynamoDB, each item taking about 500 registrations a
   * second) uses this many; absent, it chooses from the capacity (`counterShardsFor`). A store with
   * one writer (SQLite) keeps it and needs none.
   */
  counterShards?: number;
}

/** An event as stored: its description, its attendee policy and how its spots are counted. */
export type StoredEvent = Event & AttendeePolicy & SalesCounting;

/** Spots taken per ticket type: sold = confirmed, held = pending payment and not yet released. */
export interface TicketTypeCounts {
  sold: number;
  held: number;
}

export interface EventWithCounts extends Event, AttendeePolicy, SalesCounting {
  counts: Record<string, TicketTypeCounts>;
}

export const DEFAULT_TICKET_TYPE_NAME = 'General admission';

/** What counting spots needs of an event: its capacity and its ticket types with their counts. */
export type Room = Pick<EventWithCounts, 'capacity' | 'ticketTypes' | 'counts'>;

export function totals(event: Pick<EventWithCounts, 'ticketTypes' | 'counts'>): { sold: number; held: number } {
  let sold = 0;
  let held = 0;
  for (const tt of event.ticketTypes) {
    sold += event.counts[tt.id]?.sold ?? 0;
    held += event.counts[tt.id]?.held ?? 0;
  }
  return { sold, held };
}

export function spotsRemaining(event: Room): number {
  const { sold, held } = totals(event);
  return Math.max(0, event.capacity - sold - held);
}

export function ticketTypeSpotsRemaining(event: Room, ticketTypeId: string): number {
  const tt = event.ticketTypes.find((t) => t.id === ticketTypeId);
  if (!tt) return 0;
  const c = event.counts[tt.id] ?? { sold: 0, held: 0 };
  const byType = tt.quantity === null ? Infinity : tt.quantity - c.sold - c.held;
  return Math.max(0, Math.min(byType, spotsRemaining(event)));
}

export function isOnSale(event: Pick<Event, 'status' | 'endsAt'>, now: Date): boolean {
  return event.status === 'published' && Date.parse(event.endsAt) > now.getTime();
}
