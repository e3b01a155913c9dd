import type { Event, Registration, Ticket } from '@ticketbooth/core';
import { createTicketSigner, generateSigningKey } from '../src/index.js';

const key = generateSigningKey();
export const signer = createTicketSigner([key], key.keyId);

export const event: Event = {
  id: 'evt_pdf', organizerId: 'usr_o', name: 'Gourmet Food & Wine Tasting', description: 'Wines; cheeses, and more\nSecond line',
  category: 'Food & Drink', location: 'Ferry Building, San Francisco, CA', startsAt: '2026-12-10T01:00:00.000Z', endsAt: '2026-12-10T05:00:00.000Z',
  timezone: 'America/Los_Angeles', currency: 'USD', capacity: 80, status: 'published',
  ticketTypes: [{ id: 'tt_1', name: 'Tasting', priceCents: 17500, quantity: null }], cancelReason: null, revision: 0, image: null, createdAt: '', updatedAt: '',
};

export function ticketFor(id: string, attendeeName: string): Ticket {
  return {
    id, registrationId: 'reg_1', eventId: event.id, userId: 'usr_a', ticketTypeId: 'tt_1', ticketTypeName: 'Tasting',
    attendeeName, status: 'valid', qr: signer.sign({ ticketId: id, eventId: event.id }), code: 'K7QX2MHP', checkedInAt: null, checkedInBy: null, createdAt: '2026-11-20T09:30:00.000Z',
  };
}

export const registration: Registration = {
  id: 'reg_1', eventId: event.id, userId: 'usr_a', attendeeName: 'Ada Lovelace', attendeeEmail: 'ada@example.test',
  lines: [{ ticketTypeId: 'tt_1', quantity: 2, unitPriceCents: 17500 }], quantity: 2, amountCents: 35000, currency: 'USD',
  status: 'confirmed', holdExpiresAt: null, createdAt: '', updatedAt: '',
};
