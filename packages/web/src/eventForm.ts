import type { TicketEvent } from './api/shapes.js';
import { DEFAULT_ATTENDEE_POLICY, EVENT_TEXT_LIMITS, MAX_CANCELLATION_CUTOFF_HOURS, MAX_TICKETS_PER_ACCOUNT_RANGE } from '@ticketbooth/core/event';
import { fromZonedInput, isTimeZone, toZonedInput } from './format.js';

/** The event form's text state, its validation, and its conversion to the API body. */

export interface TicketTypeDraft {
  id?: string;
  name: string;
  price: string;
  quantity: string;
}

export interface EventDraft {
  name: string;
  description: string;
  category: string;
  location: string;
  startsAt: string;
  endsAt: string;
  timezone: string;
  currency: string;
  capacity: string;
  ticketTypes: TicketTypeDraft[];
  maxTicketsPerAccount: string;
  /** Off: attendees cannot cancel paid orders themselves (the API's null cutoff). */
  attendeesMayCancel: boolean;
  cancellationCutoffHours: string;
}

/** The API's bounds and defaults, from the domain itself. */
export const TICKETS_PER_ACCOUNT = { ...MAX_TICKETS_PER_ACCOUNT_RANGE, default: DEFAULT_ATTENDEE_POLICY.maxTicketsPerAccount } as const;
export const CUTOFF_HOURS = { min: 0, max: MAX_CANCELLATION_CUTOFF_HOURS, default: DEFAULT_ATTENDEE_POLICY.attendeeCancellationCutoffHours ?? 0 } as const;

export type FieldErrors = Record<string, string>;

export function emptyDraft(): EventDraft {
  return {
    name: '',
    description: '',
    category: 'Technology',
    location: '',
    startsAt: '',
    endsAt: '',
    timezone: Intl.DateTimeFormat().resolvedOptions().timeZone,
    currency: 'EUR',
    capacity: '100',
    ticketTypes: [{ name: 'General admission', price: '0', quantity: '' }],
    maxTicketsPerAccount: String(TICKETS_PER_ACCOUNT.default),
    attendeesMayCancel: true,
    cancellationCutoffHours: String(CUTOFF_HOURS.default),
  };
}

export function draftFromEvent(event: TicketEvent): EventDraft {
  return {
    name: event.name,
    description: event.description,
    category: event.category,
    location: event.location,
    startsAt: toZonedInput(event.startsAt, event.timezone),
    endsAt: event.endsAt === null ? '' : toZonedInput(event.endsAt, event.timezone),
    timezone: event.timezone,
    currency: event.currency,
    capacity: String(event.capacity),
    ticketTypes: event.ticketTypes.map((t) => ({
      id: t.id,
      name: t.name,
      price: (t.priceCents / 100).toFixed(2),
      quantity: t.quantity === null ? '' : String(t.quantity),
    })),
    maxTicketsPerAccount: String(event.maxTicketsPerAccount),
    attendeesMayCancel: event.attendeeCancellationCutoffHours !== null,
    cancellationCutoffHours: String(event.attendeeCancellationCutoffHours ?? CUTOFF_HOURS.default),
  };
}

const PRICE = /^\d+([.,]\d{1,2})?$/;
const WHOLE = /^\d+$/;

const wholeIn = (value: string, { min, max }: { min: number; max: number }) => WHOLE.test(value) && Number(value) >= min && Number(value) <= max;

function toCents(price: string): number {
  return Math.round(Number(price.replace(',', '.')) * 100);
}

/** The API's own limits, said before the server would refuse them (it counts the trimmed text). */
function tooLong(value: string, max: number, what: string): string | null {
  const length = value.trim().length;
  return length > max ? `${what} can be at most ${max} characters (now ${length}).` : null;
}

/** Field name -> sentence; empty when the draft can be sent. */
export function validateDraft(draft: EventDraft, now = new Date()): FieldErrors {
  const errors: FieldErrors = {};
  const limit = (field: 'name' | 'description' | 'location' | 'category', what: string) => {
    const message = tooLong(draft[field], EVENT_TEXT_LIMITS[field], what);
    if (message) errors[field] = message;
  };
  if (!draft.name.trim()) errors.name = 'Give the event a name.';
  else limit('name', 'The name');
  limit('description', 'The description');
  if (!draft.category.trim()) errors.category = 'Choose a category.';
  else limit('category', 'The category');
  if (!draft.location.trim()) errors.location = 'Say where it takes place.';
  else limit('location', 'The location');
  if (!isTimeZone(draft.timezone)) errors.timezone = 'Choose a time zone from the list, like Europe/Berlin.';
  // The times are read on the chosen zone's wall clock; without a zone they cannot be placed yet.
  const zone = errors.timezone ? 'UTC' : draft.timezone;
  if (!draft.startsAt) errors.startsAt = 'Choose when it starts.';
  else if (Date.parse(fromZonedInput(draft.startsAt, zone)) <= now.getTime()) errors.startsAt = 'The start must be in the future.';
  if (draft.endsAt && draft.startsAt && Date.parse(fromZonedInput(draft.endsAt, zone)) <= Date.parse(fromZonedInput(draft.startsAt, zone))) errors.endsAt = 'The end must be after the start.';
  if (!WHOLE.test(draft.capacity) || Number(draft.capacity) < 1) errors.capacity = 'Capacity must be a whole number of at least 1.';
  if (!wholeIn(draft.maxTicketsPerAccount, TICKETS_PER_ACCOUNT)) {
    errors.maxTicketsPerAccount = `Tickets per account must be a whole number from ${TICKETS_PER_ACCOUNT.min} to ${TICKETS_PER_ACCOUNT.max}.`;
  }
  if (draft.attendeesMayCancel && !wholeIn(draft.cancellationCutoffHours, CUTOFF_HOURS)) {
    errors.cancellationCutoffHours = `Enter whole hours from ${CUTOFF_HOURS.min} (until the start) to ${CUTOFF_HOURS.max} (a year).`;
  }
  if (draft.ticketTypes.length === 0) errors.ticketTypes = 'Add at least one ticket type.';
  draft.ticketTypes.forEach((t, i) => {
    if (!t.name.trim()) errors[`ticketTypes.${i}.name`] = 'Name this ticket type.';
    else {
      const message = tooLong(t.name, EVENT_TEXT_LIMITS.ticketTypeName, 'A ticket type name');
      if (message) errors[`ticketTypes.${i}.name`] = message;
    }
    if (!PRICE.test(t.price.trim())) errors[`ticketTypes.${i}.price`] = 'Enter a price like 25 or 25.50 (0 for free).';
    if (t.quantity && (!WHOLE.test(t.quantity) || Number(t.quantity) < 1)) errors[`ticketTypes.${i}.quantity`] = 'Leave empty for no limit, or enter a whole number of at least 1.';
  });
  return errors;
}

export function draftToBody(draft: EventDraft) {
  return {
    name: draft.name.trim(),
    description: draft.description.trim(),
    category: draft.category.trim(),
    location: draft.location.trim(),
    startsAt: fromZonedInput(draft.startsAt, draft.timezone),
    ...(draft.endsAt ? { endsAt: fromZonedInput(draft.endsAt, draft.timezone) } : {}),
    timezone: draft.timezone,
    capacity: Number(draft.capacity),
    maxTicketsPerAccount: Number(draft.maxTicketsPerAccount),
    attendeeCancellationCutoffHours: draft.attendeesMayCancel ? Number(draft.cancellationCutoffHours) : null,
    ticketTypes: draft.ticketTypes.map((t) => ({
      ...(t.id ? { id: t.id } : {}),
      name: t.name.trim(),
      priceCents: toCents(t.price.trim()),
      quantity: t.quantity ? Number(t.quantity) : null,
    })),
  };
}
