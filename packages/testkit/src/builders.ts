import { DEFAULT_ATTENDEE_POLICY, randomIds, randomTicketCode, type Event, type StoredEvent, type PromoCode, type Registration, type Ticket, type User, type PaymentIntent } from '@ticketbooth/core';

/** Test data with sensible defaults; every id is fresh so tests never collide. */

export const T0 = '2030-01-01T10:00:00.000Z';
export const at = (minutes: number): string => new Date(Date.parse(T0) + minutes * 60_000).toISOString();

export function makeUser(overrides: Partial<User> = {}): User {
  const id = randomIds.newId('usr');
  return { id, email: `${id.toLowerCase()}@example.test`, name: 'Test User', role: 'attendee', emailVerified: true, createdAt: T0, ...overrides };
}

export function makeEvent(overrides: Partial<StoredEvent> = {}): StoredEvent {
  return {
    id: randomIds.newId('evt'),
    organizerId: 'usr_organizer',
    name: 'Contract Conference',
    description: 'A test event',
    category: 'Technology',
    location: 'Hall 1',
    startsAt: at(60 * 24 * 7),
    endsAt: at(60 * 24 * 7 + 180),
    timezone: 'UTC',
    currency: 'EUR',
    capacity: 50,
    status: 'published',
    ticketTypes: [{ id: randomIds.newId('tt'), name: 'General admission', priceCents: 1000, quantity: null }],
    cancelReason: null,
    ...DEFAULT_ATTENDEE_POLICY,
    revision: 0,
    image: null,
    createdAt: T0,
    updatedAt: T0,
    ...overrides,
  };
}

export function makeRegistration(event: Event, overrides: Partial<Registration> & { quantity?: number; ticketTypeId?: string } = {}): Registration {
  const { ticketTypeId, ...rest } = overrides;
  const quantity = overrides.quantity ?? 1;
  const type = event.ticketTypes.find((t) => t.id === ticketTypeId) ?? event.ticketTypes[0]!;
  const status = overrides.status ?? 'pending_payment';
  return {
    id: randomIds.newId('reg'),
    eventId: event.id,
    userId: 'usr_attendee',
    attendeeName: 'Ada Attendee',
    attendeeEmail: 'ada@example.test',
    lines: [{ ticketTypeId: type.id, quantity, unitPriceCents: type.priceCents }],
    quantity,
    amountCents: quantity * type.priceCents,
    currency: event.currency,
    status,
    holdExpiresAt: status === 'pending_payment' ? at(15) : null,
    createdAt: T0,
    updatedAt: T0,
    ...rest,
  };
}

export function makeTickets(registration: Registration): Ticket[] {
  return registration.lines.flatMap((line) =>
    Array.from({ length: line.quantity }, () => {
      const id = randomIds.newId('tkt');
      return {
        id,
        registrationId: registration.id,
        eventId: registration.eventId,
        userId: registration.userId,
        ticketTypeId: line.ticketTypeId,
        ticketTypeName: 'General admission',
        attendeeName: registration.attendeeName,
        status: 'valid' as const,
        qr: `TB1.test.${id}`,
        code: randomTicketCode(),
        checkedInAt: null,
        checkedInBy: null,
        createdAt: registration.createdAt,
      };
    }),
  );
}

export function makeIntent(registration: Registration, overrides: Partial<PaymentIntent> = {}): PaymentIntent {
  return {
    id: randomIds.newId('pi'),
    registrationId: registration.id,
    userId: registration.userId,
    amountCents: registration.amountCents,
    currency: registration.currency,
    status: 'requires_payment_method',
    clientSecret: randomIds.newId('secret'),
    lastError: null,
    chargeKey: null,
    createdAt: T0,
    updatedAt: T0,
    ...overrides,
  };
}

/** 20% off every ticket type of the event, no limit, always valid; the code is fresh. */
export function makePromoCode(event: Pick<Event, 'id'>, overrides: Partial<PromoCode> = {}): PromoCode {
  const id = randomIds.newId('promo');
  return {
    id, eventId: event.id, code: id.toUpperCase().replace(/[^A-Z0-9]/g, ''), percentOff: 20, amountOffCents: null, maxUses: null,
    validFrom: null, validUntil: null, ticketTypeIds: [], uses: 0, disabledAt: null, createdAt: T0, ...overrides,
  };
}
