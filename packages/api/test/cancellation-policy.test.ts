import { describe, expect, it } from 'vitest';
import { useServerWithAccounts } from './support/server-with-accounts.js';
import { TEST_CARDS, eventInput } from './support/client.js';

describe("an attendee's own cancellation closes at the door and at the start", () => {
  const app = useServerWithAccounts();

  it('refuses to cancel and refund a paid order once one of its tickets was admitted', async () => {
    const event = await app.organizer.post('/api/events', eventInput({ capacity: 10, ticketTypes: undefined, priceCents: 2500 }));
    const reg = await app.attendee.post(`/api/events/${event.body.id}/registrations`, { quantity: 2 });
    const intent = await app.attendee.post(`/api/registrations/${reg.body.id}/payment-intents`);
    expect((await app.attendee.post(`/api/payment-intents/${intent.body.id}/confirm`, { card: TEST_CARDS.ok })).status).toBe(200);
    const paid = await app.attendee.get(`/api/registrations/${reg.body.id}`);
    const scan = await app.organizer.post(`/api/events/${event.body.id}/checkins`, { qr: paid.body.tickets[0].qr });
    expect(scan.body.result).toBe('admitted');

    const cancel = await app.attendee.post(`/api/registrations/${reg.body.id}/cancel`);
    expect(cancel.status).toBe(409);
    expect(cancel.body.error).toMatchObject({ code: 'cancellation_closed', details: { reason: 'ticket_used' } });
    const after = await app.attendee.get(`/api/registrations/${reg.body.id}`);
    expect(after.body.status).toBe('confirmed');
    expect(after.body.tickets.map((tk: { status: string }) => tk.status).sort()).toEqual(['used', 'valid']);
  });

  it('refuses to cancel a confirmed order once the event has started, but still lets a hold go', async () => {
    const startsAt = new Date(app.t.clock.now().getTime() + 60 * 60_000);
    const event = await app.organizer.post(
      '/api/events',
      eventInput({ capacity: 10, ticketTypes: undefined, priceCents: 0, startsAt: startsAt.toISOString(), endsAt: new Date(startsAt.getTime() + 3 * 3_600_000).toISOString() }),
    );
    const free = await app.attendee.post(`/api/events/${event.body.id}/registrations`, { quantity: 1 });
    expect(free.body.status).toBe('confirmed');
    app.t.clock.advance(2 * 60 * 60_000);
    await Promise.all([app.attendee.renew(), app.organizer.renew()]);

    const cancel = await app.attendee.post(`/api/registrations/${free.body.id}/cancel`);
    expect(cancel.status).toBe(409);
    expect(cancel.body.error).toMatchObject({ code: 'cancellation_closed', details: { reason: 'event_started' } });

    const paidEvent = await app.organizer.post(
      '/api/events',
      eventInput({ capacity: 10, ticketTypes: undefined, priceCents: 1500, startsAt: new Date(app.t.clock.now().getTime() + 60_000).toISOString() }),
    );
    const hold = await app.attendee.post(`/api/events/${paidEvent.body.id}/registrations`, { quantity: 1 });
    app.t.clock.advance(2 * 60_000);
    const letGo = await app.attendee.post(`/api/registrations/${hold.body.id}/cancel`);
    expect(letGo.status).toBe(200);
    expect(letGo.body.status).toBe('cancelled');
  });
  describe("the event's cancellation cutoff (attendeeCancellationCutoffHours)", () => {
    const inHours = (h: number) => new Date(app.t.clock.now().getTime() + h * 3_600_000);
    const paidOrder = async (cutoff: number | null | undefined, startsInHours: number) => {
      const startsAt = inHours(startsInHours);
      const event = await app.organizer.post('/api/events', eventInput({
        capacity: 10, ticketTypes: undefined, priceCents: 2500, startsAt: startsAt.toISOString(), endsAt: new Date(startsAt.getTime() + 3_600_000).toISOString(),
        ...(cutoff === undefined ? {} : { attendeeCancellationCutoffHours: cutoff }),
      }));
      const reg = await app.attendee.post(`/api/events/${event.body.id}/registrations`, { quantity: 1 });
      const intent = await app.attendee.post(`/api/registrations/${reg.body.id}/payment-intents`);
      expect((await app.attendee.post(`/api/payment-intents/${intent.body.id}/confirm`, { card: TEST_CARDS.ok })).status).toBe(200);
      return { eventId: event.body.id as string, registrationId: reg.body.id as string, startsAt };
    };

    it('refuses an attendee refund inside the default 48 hours, says when it closed, and leaves the order paid', async () => {
      const { registrationId, startsAt } = await paidOrder(undefined, 24);
      const cancel = await app.attendee.post(`/api/registrations/${registrationId}/cancel`);
      expect([cancel.status, cancel.body.error]).toMatchObject([409, {
        code: 'cancellation_closed',
        details: { reason: 'cutoff_passed', closedAt: new Date(startsAt.getTime() - 48 * 3_600_000).toISOString() },
      }]);
      expect((await app.attendee.get(`/api/registrations/${registrationId}`)).body.status).toBe('confirmed');
    });

    it('refunds an attendee before the cutoff', async () => {
      const { registrationId } = await paidOrder(12, 24);
      const cancel = await app.attendee.post(`/api/registrations/${registrationId}/cancel`);
      expect([cancel.status, cancel.body.status]).toEqual([200, 'refunded']);
    });

    it('with no cutoff (null) never refunds an attendee, but the organizer cancelling the event still refunds', async () => {
      const { eventId, registrationId } = await paidOrder(null, 24 * 30);
      const cancel = await app.attendee.post(`/api/registrations/${registrationId}/cancel`);
      expect([cancel.status, cancel.body.error]).toMatchObject([409, { code: 'cancellation_closed', details: { reason: 'attendee_cancellation_off' } }]);
      expect((await app.organizer.post(`/api/events/${eventId}/cancel`, { reason: 'Storm' })).status).toBe(200);
      await app.t.server.home.services.jobs.drain();
      expect((await app.attendee.get(`/api/registrations/${registrationId}`)).body.status).toBe('refunded');
    });

    it('lets an attendee cancel a free order inside the cutoff, until the start', async () => {
      const startsAt = inHours(2);
      const event = await app.organizer.post('/api/events', eventInput({ capacity: 10, ticketTypes: undefined, priceCents: 0, startsAt: startsAt.toISOString(), endsAt: inHours(4).toISOString() }));
      const free = await app.attendee.post(`/api/events/${event.body.id}/registrations`, { quantity: 1 });
      const cancel = await app.attendee.post(`/api/registrations/${free.body.id}/cancel`);
      expect([cancel.status, cancel.body.status]).toEqual([200, 'cancelled']);
    });
  });
});
