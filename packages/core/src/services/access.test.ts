import { describe, expect, it } from 'vitest';
import type { EventStatus, EventWithCounts } from '../domain/event.js';
import type { PaymentIntent } from '../domain/payment.js';
import type { Registration } from '../domain/registration.js';
import type { Ticket } from '../domain/ticket.js';
import type { Principal } from '../ports/identity.js';
import type { Store } from '../ports/store.js';
import {
  heldTicket,
  ownedEvent,
  ownPaymentIntent,
  ownRegistration,
  ownRegistrationByRequestKey,
  readableRegistration,
  readableTicket,
  requireRole,
  visibleEvent,
} from './access.js';

const organizerA: Principal = { userId: 'usr_organizer_a', role: 'organizer' };
const organizerB: Principal = { userId: 'usr_organizer_b', role: 'organizer' };
const attendeeA: Principal = { userId: 'usr_attendee_a', role: 'attendee' };
const attendeeB: Principal = { userId: 'usr_attendee_b', role: 'attendee' };
const AT = '2026-12-01T09:00:00.000Z';

const event = (id: string, status: EventStatus): EventWithCounts => ({
  id,
  organizerId: organizerA.userId,
  name: id,
  description: '',
  category: 'music',
  location: 'Hall',
  startsAt: AT,
  endsAt: AT,
  timezone: 'UTC',
  currency: 'EUR',
  capacity: 10,
  status,
  ticketTypes: [],
  cancelReason: null,
  maxTicketsPerAccount: 10,
  attendeeCancellationCutoffHours: 48,
  revision: 0,
  image: null,
  createdAt: AT,
  updatedAt: AT,
  counts: {},
});

/** Attendee A's registration for organizer A's published event, its ticket and its payment intent. */
const registration: Registration = {
  id: 'reg_a',
  eventId: 'evt_published',
  userId: attendeeA.userId,
  attendeeName: 'A',
  attendeeEmail: 'a@example.test',
  lines: [],
  quantity: 1,
  amountCents: 1000,
  currency: 'EUR',
  status: 'pending_payment',
  holdExpiresAt: AT,
  createdAt: AT,
  updatedAt: AT,
};
/** Attendee A's registration for an event no longer in the store. */
const orphanRegistration: Registration = { ...registration, id: 'reg_orphan', eventId: 'evt_gone' };
const ticket: Ticket = {
  id: 'tkt_a',
  registrationId: registration.id,
  eventId: registration.eventId,
  userId: attendeeA.userId,
  ticketTypeId: 'tt_a',
  ticketTypeName: 'General admission',
  attendeeName: 'A',
  status: 'valid',
  qr: 'qr',
  code: 'K7QX2MHP',
  checkedInAt: null,
  checkedInBy: null,
  createdAt: AT,
};
const intent: PaymentIntent = {
  id: 'pi_a',
  registrationId: registration.id,
  userId: attendeeA.userId,
  amountCents: 1000,
  currency: 'EUR',
  status: 'requires_payment_method',
  clientSecret: 'secret',
  lastError: null,
  chargeKey: null,
  createdAt: AT,
  updatedAt: AT,
};

type AccessReads = Pick<Store, 'getEvent' | 'getRegistration' | 'findRegistrationByRequestKey' | 'getPaymentIntent' | 'getTicket'>;

function fakeStore(): AccessReads {
  const events = new Map(['evt_published', 'evt_cancelled', 'evt_draft'].map((id) => [id, event(id, id.slice(4) as EventStatus)]));
  const registrations = new Map([registration, orphanRegistration].map((r) => [r.id, r]));
  return {
    getEvent: async (id) => events.get(id) ?? null,
    getRegistration: async (id) => registrations.get(id) ?? null,
    findRegistrationByRequestKey: async (key) => (key === 'key_a' ? registration : null),
    getPaymentIntent: async (id) => (id === intent.id ? intent : null),
    getTicket: async (id) => (id === ticket.id ? ticket : null),
  };
}

const notFound = (what: string) => ({ code: 'not_found', message: `${what} was not found.` });

describe('requireRole', () => {
  it('lets each role do its own work', () => {
    expect(() => requireRole(organizerA, 'organizer')).not.toThrow();
    expect(() => requireRole(attendeeA, 'attendee')).not.toThrow();
  });

  it('forbids an attendee organizer work', () => {
    expect(() => requireRole(attendeeA, 'organizer')).toThrow(expect.objectContaining({ code: 'forbidden', message: 'Only organizers can do this.' }));
  });

  it('forbids an organizer attendee work', () => {
    expect(() => requireRole(organizerA, 'attendee')).toThrow(expect.objectContaining({ code: 'forbidden', message: 'Only attendees can do this.' }));
  });
});

describe('visibleEvent', () => {
  it('shows published and cancelled events to anyone, signed in or not', async () => {
    for (const id of ['evt_published', 'evt_cancelled']) {
      for (const who of [null, attendeeB, organizerB]) {
        await expect(visibleEvent(fakeStore(), who, id)).resolves.toMatchObject({ id });
      }
    }
  });

  it('shows a draft to its organizer', async () => {
    await expect(visibleEvent(fakeStore(), organizerA, 'evt_draft')).resolves.toMatchObject({ id: 'evt_draft', status: 'draft' });
  });

  it('hides a draft from anonymous callers, attendees and other organizers as not found', async () => {
    for (const who of [null, attendeeA, organizerB]) {
      await expect(visibleEvent(fakeStore(), who, 'evt_draft')).rejects.toMatchObject(notFound('Event'));
    }
  });
});

describe('ownedEvent', () => {
  it('gives an organizer their own event, draft or not', async () => {
    for (const id of ['evt_draft', 'evt_published', 'evt_cancelled']) {
      await expect(ownedEvent(fakeStore(), organizerA, id)).resolves.toMatchObject({ id });
    }
  });

  it("hides another organizer's event as not found", async () => {
    await expect(ownedEvent(fakeStore(), organizerB, 'evt_published')).rejects.toMatchObject(notFound('Event'));
  });

  it('hides a public event from an attendee as not found', async () => {
    await expect(ownedEvent(fakeStore(), attendeeA, 'evt_published')).rejects.toMatchObject(notFound('Event'));
  });
});

describe('readableRegistration', () => {
  it('lets the owner read their registration', async () => {
    await expect(readableRegistration(fakeStore(), attendeeA, 'reg_a')).resolves.toEqual(registration);
  });

  it("lets the event's organizer read a registration for it", async () => {
    await expect(readableRegistration(fakeStore(), organizerA, 'reg_a')).resolves.toEqual(registration);
  });

  it('hides a registration from another attendee and another organizer as not found', async () => {
    for (const who of [attendeeB, organizerB]) {
      await expect(readableRegistration(fakeStore(), who, 'reg_a')).rejects.toMatchObject(notFound('Registration'));
    }
  });

  it('still lets the owner read a registration whose event is gone, and nobody else', async () => {
    await expect(readableRegistration(fakeStore(), attendeeA, 'reg_orphan')).resolves.toEqual(orphanRegistration);
    await expect(readableRegistration(fakeStore(), organizerA, 'reg_orphan')).rejects.toMatchObject(notFound('Registration'));
  });
});

describe('ownRegistration', () => {
  it('gives the owner their registration', async () => {
    await expect(ownRegistration(fakeStore(), attendeeA, 'reg_a')).resolves.toEqual(registration);
  });

  it("refuses the event's organizer as not found: only the owner pays or cancels", async () => {
    await expect(ownRegistration(fakeStore(), organizerA, 'reg_a')).rejects.toMatchObject(notFound('Registration'));
  });

  it('hides a registration from another attendee as not found', async () => {
    await expect(ownRegistration(fakeStore(), attendeeB, 'reg_a')).rejects.toMatchObject(notFound('Registration'));
  });
});

describe('ownRegistrationByRequestKey', () => {
  it("finds the caller's registration placed under the request key", async () => {
    await expect(ownRegistrationByRequestKey(fakeStore(), attendeeA, 'key_a')).resolves.toEqual(registration);
  });

  it("answers nothing for another caller's request key", async () => {
    for (const who of [attendeeB, organizerA]) {
      await expect(ownRegistrationByRequestKey(fakeStore(), who, 'key_a')).resolves.toBeNull();
    }
  });

  it('answers nothing for an unknown request key', async () => {
    await expect(ownRegistrationByRequestKey(fakeStore(), attendeeA, 'key_unknown')).resolves.toBeNull();
  });
});

describe('ownPaymentIntent', () => {
  it('gives the attendee who opened it their payment intent', async () => {
    await expect(ownPaymentIntent(fakeStore(), attendeeA, 'pi_a')).resolves.toEqual(intent);
  });

  it("hides a payment intent from another attendee and from the event's organizer as not found", async () => {
    for (const who of [attendeeB, organizerA]) {
      await expect(ownPaymentIntent(fakeStore(), who, 'pi_a')).rejects.toMatchObject(notFound('Payment intent'));
    }
  });
});

describe('readableTicket', () => {
  it('lets the holder and the event organizer read a ticket', async () => {
    for (const who of [attendeeA, organizerA]) {
      await expect(readableTicket(fakeStore(), who, 'tkt_a')).resolves.toEqual(ticket);
    }
  });

  it('hides a ticket from another attendee and another organizer as not found', async () => {
    for (const who of [attendeeB, organizerB]) {
      await expect(readableTicket(fakeStore(), who, 'tkt_a')).rejects.toMatchObject(notFound('Ticket'));
    }
  });
});

describe('heldTicket', () => {
  it('gives the holder their ticket', async () => {
    await expect(heldTicket(fakeStore(), attendeeA, 'tkt_a')).resolves.toEqual(ticket);
  });

  it("refuses the event's organizer as not found: the download link is the holder's secret", async () => {
    await expect(heldTicket(fakeStore(), organizerA, 'tkt_a')).rejects.toMatchObject(notFound('Ticket'));
  });

  it('hides a ticket from another attendee as not found', async () => {
    await expect(heldTicket(fakeStore(), attendeeB, 'tkt_a')).rejects.toMatchObject(notFound('Ticket'));
  });
});

describe('unknown ids', () => {
  const cases = [
    ['event (visibleEvent)', () => visibleEvent(fakeStore(), organizerA, 'evt_unknown'), 'Event'],
    ['event (ownedEvent)', () => ownedEvent(fakeStore(), organizerA, 'evt_unknown'), 'Event'],
    ['registration (readableRegistration)', () => readableRegistration(fakeStore(), attendeeA, 'reg_unknown'), 'Registration'],
    ['registration (ownRegistration)', () => ownRegistration(fakeStore(), attendeeA, 'reg_unknown'), 'Registration'],
    ['payment intent (ownPaymentIntent)', () => ownPaymentIntent(fakeStore(), attendeeA, 'pi_unknown'), 'Payment intent'],
    ['ticket (readableTicket)', () => readableTicket(fakeStore(), attendeeA, 'tkt_unknown'), 'Ticket'],
    ['ticket (heldTicket)', () => heldTicket(fakeStore(), attendeeA, 'tkt_unknown'), 'Ticket'],
  ] as const;

  it.each(cases)('answers not found for an unknown %s', async (_name, access, what) => {
    await expect(access()).rejects.toMatchObject(notFound(what));
  });
});
