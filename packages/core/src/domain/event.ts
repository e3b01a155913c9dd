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
  endsAt: string;
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
/** A year: a cutoff longer than that is a typo. */
export const MAX_CANCELLATION_CUTOFF_HOURS = 8760;

/** An event as stored: its description and its attendee policy. */
export type StoredEvent = Event & AttendeePolicy;

/** Spots taken per ticket type: sold = confirmed, held = pending payment and not yet released. */
export interface TicketTypeCounts {
  sold: number;
  held: number;
}

export interface EventWithCounts extends Event, AttendeePolicy {
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
