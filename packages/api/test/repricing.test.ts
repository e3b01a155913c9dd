import { describe, expect, it } from 'vitest';
import { useServerWithAccounts } from './support/server-with-accounts.js';
import { eventInput } from './support/client.js';

interface TicketTypeBody { id: string; name: string; priceCents: number; quantity: number | null }

/** A ticket type as an edit names it. */
const asEdited = ({ id, name, priceCents, quantity }: TicketTypeBody) => ({ id, name, priceCents, quantity });

/**
 * Registering prices an order from the event as read in the last seconds; an organizer's edit in
 * between must still decide what the next attendee pays and what their tickets say.
 */
describe('registering right after the organizer edits the ticket types', () => {
  const app = useServerWithAccounts();

  it('charges the price set a moment ago, not the one read before it', async () => {
    const created = await app.organizer.post('/api/events', eventInput());
    const [standard, vip] = created.body.ticketTypes as TicketTypeBody[];
    const before = await app.attendee.post(`/api/events/${created.body.id}/registrations`, { lines: [{ ticketTypeId: standard!.id, quantity: 1 }] });
    expect([before.status, before.body.amountCents]).toEqual([201, 2500]);

    const edit = await app.organizer.patch(`/api/events/${created.body.id}`, { ticketTypes: [{ ...asEdited(standard!), priceCents: 3200 }, asEdited(vip!)] });
    expect(edit.status).toBe(200);
    const next = await (await app.t.client().signUpVerified('attendee')).post(`/api/events/${created.body.id}/registrations`, {
      lines: [{ ticketTypeId: standard!.id, quantity: 2 }],
    });
    expect([next.status, next.body.amountCents, next.body.lines]).toEqual([201, 6400, [{ ticketTypeId: standard!.id, quantity: 2, unitPriceCents: 3200 }]]);
  });

  it('names the ticket type on new tickets as it was renamed a moment ago', async () => {
    const created = await app.organizer.post('/api/events', eventInput({ ticketTypes: [{ name: 'Early bird', priceCents: 0 }] }));
    const [type] = created.body.ticketTypes as TicketTypeBody[];
    const before = await app.attendee.post(`/api/events/${created.body.id}/registrations`, { quantity: 1 });
    expect(before.body.tickets.map((t: { ticketTypeName: string }) => t.ticketTypeName)).toEqual(['Early bird']);

    expect((await app.organizer.patch(`/api/events/${created.body.id}`, { ticketTypes: [{ ...asEdited(type!), name: 'Frühbucher' }] })).status).toBe(200);
    const next = await (await app.t.client().signUpVerified('attendee')).post(`/api/events/${created.body.id}/registrations`, { quantity: 1 });
    expect([next.status, next.body.tickets.map((t: { ticketTypeName: string }) => t.ticketTypeName)]).toEqual([201, ['Frühbucher']]);
  });
});
