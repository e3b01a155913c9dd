import { randomIds, type Event, type Registration, type User } from '@ticketbooth/core';

export const NOW = '2030-01-10T12:00:00.000Z';
export const later = (minutes: number, from = NOW): string => new Date(Date.parse(from) + minutes * 60_000).toISOString();
const id = (prefix: string) => randomIds.newId(prefix);

export function aUser(overrides: Partial<User> = {}): User {
  const userId = id('usr');
  return { id: userId, email: `${userId}@example.com`.toLowerCase(), name: 'Ana', role: 'attendee', emailVerified: true, createdAt: NOW, ...overrides };
}

export function anEvent(overrides: Partial<Event> = {}): Event {
  return {
    id: id('evt'),
    organizerId: 'usr_organizer',
    name: 'Rust meetup',
    description: 'Talks and pizza',
    category: 'Tech',
    location: 'Lisbon',
    startsAt: later(60 * 24 * 7),
    endsAt: later(60 * 24 * 7 + 120),
    timezone: 'UTC',
    currency: 'EUR',
    capacity: 50,
    status: 'published',
    ticketTypes: [{ id: 'tt_ga', name: 'General admission', priceCents: 0, quantity: null }],
    cancelReason: null,
    createdAt: NOW,
    updatedAt: NOW,
    ...overrides,
  };
}

export function aRegistration(event: Event, overrides: Partial<Registration> = {}, quantity = 1): Registration {
  const ticketTypeId = event.ticketTypes[0]!.id;
  return {
    id: id('reg'),
    eventId: event.id,
    userId: 'usr_buyer',
    attendeeName: 'Ana',
    attendeeEmail: 'ana@example.com',
    lines: [{ ticketTypeId, quantity, unitPriceCents: 1000 }],
    quantity,
    amountCents: 1000 * quantity,
    currency: 'EUR',
    status: 'pending_payment',
    holdExpiresAt: later(15),
    createdAt: NOW,
    updatedAt: NOW,
    ...overrides,
  };
}
