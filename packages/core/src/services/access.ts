import { DomainError, forbidden, notFound } from '../errors.js';
import { isScanner, type DoorCaller, type Principal } from '../ports/identity.js';
import type { Store } from '../ports/store.js';
import type { EventWithCounts } from '../domain/event.js';
import type { Registration } from '../domain/registration.js';
import type { Ticket } from '../domain/ticket.js';
import { ORGANIZER_DOOR, type CheckInList } from '../domain/door.js';
import type { PaymentIntent } from '../domain/payment.js';
import type { Role } from '../domain/user.js';

/**
 * The one place that decides who may touch what (invariant 5). A thing the caller may not see is
 * answered "not found" (404), so its existence does not leak; only a wrong role is "forbidden" (403).
 * Each function takes just the store reads it needs.
 */

export function requireRole(principal: Principal, role: Role): void {
  if (principal.role !== role) {
    throw forbidden(role === 'organizer' ? 'Only organizers can do this.' : 'Only attendees can do this.');
  }
}

const isOwner = (principal: Principal, owned: { userId: string }): boolean => owned.userId === principal.userId;
const organizes = (principal: Principal | null, event: EventWithCounts | null): boolean =>
  event !== null && principal !== null && event.organizerId === principal.userId;

/** The thing, if the principal owns it. */
function ownedOnly<T extends { userId: string }>(principal: Principal, thing: T | null, what: string): T {
  if (!thing || !isOwner(principal, thing)) throw notFound(what);
  return thing;
}

/** The thing, if the principal owns it or organizes its event (the event is read only for a non-owner). */
async function ownedOrOrganized<T extends { userId: string; eventId: string }>(
  store: Pick<Store, 'getEvent'>,
  principal: Principal,
  thing: T | null,
  what: string,
): Promise<T> {
  if (thing && (isOwner(principal, thing) || organizes(principal, await store.getEvent(thing.eventId)))) return thing;
  throw notFound(what);
}

/** Published and cancelled events are public; a draft only to its organizer. */
export async function visibleEvent(
  store: Pick<Store, 'getEvent'>,
  principal: Principal | null,
  eventId: string,
): Promise<EventWithCounts> {
  const event = await store.getEvent(eventId);
  if (!event || (event.status === 'draft' && !organizes(principal, event))) throw notFound('Event');
  return event;
}

/** The event, if the principal organizes it. */
export async function ownedEvent(store: Pick<Store, 'getEvent'>, principal: Principal, eventId: string): Promise<EventWithCounts> {
  const event = await store.getEvent(eventId);
  if (!event || !organizes(principal, event)) throw notFound('Event');
  return event;
}

/** A registration its owner or its event's organizer may read. */
export async function readableRegistration(
  store: Pick<Store, 'getRegistration' | 'getEvent'>,
  principal: Principal,
  registrationId: string,
): Promise<Registration> {
  return ownedOrOrganized(store, principal, await store.getRegistration(registrationId), 'Registration');
}

/** A registration only its owner may change (pay, cancel, add to a calendar). */
export async function ownRegistration(
  store: Pick<Store, 'getRegistration'>,
  principal: Principal,
  registrationId: string,
): Promise<Registration> {
  return ownedOnly(principal, await store.getRegistration(registrationId), 'Registration');
}

/** The principal's own registration placed under this request key; null when there is none of theirs. */
export async function ownRegistrationByRequestKey(
  store: Pick<Store, 'findRegistrationByRequestKey'>,
  principal: Principal,
  requestKey: string,
): Promise<Registration | null> {
  const registration = await store.findRegistrationByRequestKey(requestKey);
  return registration && isOwner(principal, registration) ? registration : null;
}

/** A payment intent only the attendee who opened it may confirm or retry. */
export async function ownPaymentIntent(
  store: Pick<Store, 'getPaymentIntent'>,
  principal: Principal,
  intentId: string,
): Promise<PaymentIntent> {
  return ownedOnly(principal, await store.getPaymentIntent(intentId), 'Payment intent');
}

/** A ticket its holder or its event's organizer may read. */
export async function readableTicket(store: Pick<Store, 'getTicket' | 'getEvent'>, principal: Principal, ticketId: string): Promise<Ticket> {
  return ownedOrOrganized(store, principal, await store.getTicket(ticketId), 'Ticket');
}

/** A ticket only its holder may have: its download link is a bearer secret. */
export async function heldTicket(store: Pick<Store, 'getTicket'>, principal: Principal, ticketId: string): Promise<Ticket> {
  return ownedOnly(principal, await store.getTicket(ticketId), 'Ticket');
}

/** What a door caller may do at an event: who it is, which door, and which ticket types its gate admits. */
export interface DoorScope {
  event: EventWithCounts;
  /** The user id or scanner link id, recorded on each check-in. */
  by: string;
  door: string;
  /** The scanner's gate (null: every ticket type). */
  list: CheckInList | null;
  scannerLinkId: string | null;
}

/**
 * A scanner works only at its own event (403 elsewhere; its link was already checked live when it
 * authenticated); a user only at an event they organize (404 otherwise, as for every owned thing).
 */
export async function doorScope(
  store: Pick<Store, 'getEvent' | 'getCheckInList'>,
  caller: DoorCaller,
  eventId: string,
): Promise<DoorScope> {
  if (!isScanner(caller)) {
    const event = await ownedEvent(store, caller, eventId);
    return { event, by: caller.userId, door: ORGANIZER_DOOR, list: null, scannerLinkId: null };
  }
  if (caller.eventId !== eventId) throw forbidden('This scanner link is for another event.');
  const event = await store.getEvent(eventId);
  if (!event) throw notFound('Event');
  const list = caller.checkinListId ? await store.getCheckInList(caller.checkinListId) : null;
  return { event, by: caller.linkId, door: caller.name, list, scannerLinkId: caller.linkId };
}

export function invalidState(message: string, details?: unknown): DomainError {
  return new DomainError('invalid_state', message, details);
}
