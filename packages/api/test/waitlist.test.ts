import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './support/server.js';
import { ApiClient, TEST_CARDS, eventInput } from './support/client.js';

describe('the waiting list over HTTP', () => {
  let t: TestServer;
  let organizer: ApiClient;

  beforeAll(async () => {
    t = await startTestServer();
    organizer = await t.client().signUpVerified('organizer');
  });
  afterAll(() => t.stop());

  const attendees = (n: number) => Promise.all(Array.from({ length: n }, () => t.client().signUpVerified('attendee')));
  /** A published event of `capacity` spots at `priceCents`, sold out by single registrations (confirmed). */
  const soldOut = async (capacity: number, priceCents: number) => {
    const event = (await organizer.post('/api/events', eventInput({ capacity, ticketTypes: undefined, priceCents }))).body;
    const buyers = await attendees(capacity);
    const registrations = [];
    for (const buyer of buyers) {
      const r = await buyer.post(`/api/events/${event.id}/registrations`, { quantity: 1 });
      if (priceCents > 0) {
        const intent = await buyer.post(`/api/registrations/${r.body.id}/payment-intents`);
        expect((await buyer.post(`/api/payment-intents/${intent.body.id}/confirm`, { card: TEST_CARDS.ok })).status).toBe(200);
      }
      registrations.push({ buyer, id: r.body.id as string });
    }
    return { eventId: event.id as string, registrations };
  };
  /** Joins a second after the last join: list order is who joined first (the test clock stands still otherwise). */
  const joinLater = (client: ApiClient, eventId: string, quantity: number) => {
    t.clock.advance(1000);
    return client.post(`/api/events/${eventId}/waitlist`, { quantity });
  };
  const offerMail = async (client: ApiClient) => {
    await t.server.home.services.jobs.drain();
    const mailbox = await client.get(`/api/dev/mailbox?to=${encodeURIComponent(client.user!.email)}`);
    return mailbox.body.items.find((m: { subject: string }) => m.subject.startsWith('Spots for you')) as { text: string } | undefined;
  };

  it('joins with a position, once per account; a released spot is offered by mail and claimed as a confirmed free registration', async () => {
    const { eventId, registrations } = await soldOut(2, 0);
    const [first, second] = await attendees(2);
    const joined = await joinLater(first!, eventId, 1);
    expect([joined.status, joined.body]).toMatchObject([201, { position: 1, quantity: 1, status: 'waiting', offer: null }]);
    const again = await Promise.all(Array.from({ length: 10 }, () => first!.post(`/api/events/${eventId}/waitlist`, { quantity: 3 })));
    expect(again.map((r) => [r.status, r.body.id, r.body.quantity])).toEqual(Array.from({ length: 10 }, () => [200, joined.body.id, 1]));
    expect((await joinLater(second!, eventId, 1)).body.position).toBe(2);

    expect((await registrations[0]!.buyer.post(`/api/registrations/${registrations[0]!.id}/cancel`)).status).toBe(200);
    const mine = (await first!.get('/api/me/waitlist')).body.items;
    expect(mine).toMatchObject([{ eventId, position: 1, status: 'offered', offer: { id: expect.any(String) } }]);
    const offerId = mine[0].offer.id as string;
    // The freed spot is held for the offer: nobody else can buy it.
    const outsider = (await attendees(1))[0]!;
    expect((await outsider.post(`/api/events/${eventId}/registrations`, { quantity: 1 })).body.error.code).toBe('sold_out');

    const mail = await offerMail(first!);
    expect(mail?.text).toContain(`/waitlist-offers/${offerId}`);
    expect((await second!.post(`/api/waitlist-offers/${offerId}/claim`)).status).toBe(404);
    const claimed = await first!.post(`/api/waitlist-offers/${offerId}/claim`);
    expect([claimed.status, claimed.body.status, claimed.body.tickets.length]).toEqual([201, 'confirmed', 1]);
    const repeated = await first!.post(`/api/waitlist-offers/${offerId}/claim`);
    expect([repeated.status, repeated.body.id]).toEqual([201, claimed.body.id]);
    expect((await first!.get('/api/me/waitlist')).body.items).toEqual([]);
    expect((await second!.get('/api/me/waitlist')).body.items).toMatchObject([{ position: 1, status: 'waiting' }]);
    expect((await organizer.get(`/api/events/${eventId}/stats`)).body).toMatchObject({ sold: 2, held: 0, spotsRemaining: 0 });
  });

  it('an unclaimed offer expires after 30 minutes and passes to the next entry, who pays as usual', async () => {
    const { eventId, registrations } = await soldOut(1, 2500);
    const [first, second] = await attendees(2);
    await joinLater(first!, eventId, 1);
    await joinLater(second!, eventId, 1);
    expect((await registrations[0]!.buyer.post(`/api/registrations/${registrations[0]!.id}/cancel`)).status).toBe(200);
    const offer = (await first!.get('/api/me/waitlist')).body.items[0].offer;
    expect(Date.parse(offer.expiresAt) - t.clock.now().getTime()).toBe(30 * 60_000);

    t.clock.advance(30 * 60_000);
    await Promise.all([first!.renew(), second!.renew(), organizer.renew()]);
    expect(await t.server.home.services.waitlist.expireOffers()).toBeGreaterThanOrEqual(1);
    const late = await first!.post(`/api/waitlist-offers/${offer.id}/claim`);
    expect([late.status, late.body.error.code]).toEqual([410, 'offer_expired']);
    const next = (await second!.get('/api/me/waitlist')).body.items[0];
    expect(next).toMatchObject({ status: 'offered', position: 1 });
    expect((await offerMail(second!))?.text).toContain(next.offer.id);

    const claimed = await second!.post(`/api/waitlist-offers/${next.offer.id}/claim`);
    expect([claimed.status, claimed.body.status, claimed.body.amountCents]).toEqual([201, 'pending_payment', 2500]);
    const intent = await second!.post(`/api/registrations/${claimed.body.id}/payment-intents`);
    expect((await second!.post(`/api/payment-intents/${intent.body.id}/confirm`, { card: TEST_CARDS.ok })).body.status).toBe('succeeded');
    expect((await second!.get(`/api/registrations/${claimed.body.id}`)).body.status).toBe('confirmed');
  });

  it("the organizer sees the list; another organizer, an attendee and a leaver's second leave get 404", async () => {
    const { eventId } = await soldOut(1, 0);
    const [first, second] = await attendees(2);
    await joinLater(first!, eventId, 2);
    await joinLater(second!, eventId, 1);
    const list = await organizer.get(`/api/events/${eventId}/waitlist`);
    expect(list.body).toMatchObject({ count: 2, waitingQuantity: 3, offeredQuantity: 0 });
    expect(list.body.items.map((e: { attendeeEmail: string; position: number }) => [e.attendeeEmail, e.position])).toEqual([[first!.user!.email, 1], [second!.user!.email, 2]]);
    const otherOrganizer = await t.client().signUpVerified('organizer');
    expect((await otherOrganizer.get(`/api/events/${eventId}/waitlist`)).status).toBe(404);
    expect((await first!.get(`/api/events/${eventId}/waitlist`)).status).toBe(404);
    expect((await first!.request('DELETE', `/api/events/${eventId}/waitlist`)).status).toBe(204);
    expect((await first!.request('DELETE', `/api/events/${eventId}/waitlist`)).status).toBe(404);
    expect((await second!.get('/api/me/waitlist')).body.items[0].position).toBe(1);
  });

  it('refuses bad input with 400, an event with spots left with 409 not_sold_out, and an organizer with 403', async () => {
    const open = (await organizer.post('/api/events', eventInput({ capacity: 5 }))).body.id;
    const [attendee] = await attendees(1);
    const refused = await attendee!.post(`/api/events/${open}/waitlist`, { quantity: 2 });
    expect([refused.status, refused.body.error]).toMatchObject([409, { code: 'not_sold_out', details: { spotsRemaining: 5 } }]);
    for (const bad of [{}, { quantity: 0 }, { quantity: 11 }, { quantity: 1.5 }, { quantity: '1' }, { quantity: 1, extra: true }, { quantity: 1, ticketTypeId: '../x' }]) {
      const r = await attendee!.post(`/api/events/${open}/waitlist`, bad);
      expect([r.status, r.body.error.code], JSON.stringify(bad)).toEqual([400, 'validation_failed']);
    }
    expect((await attendee!.post(`/api/events/${open}/waitlist`, { quantity: 1, ticketTypeId: 'tt_nope' })).status).toBe(404);
    expect((await attendee!.post('/api/events/evt_nope/waitlist', { quantity: 1 })).status).toBe(404);
    expect((await organizer.post(`/api/events/${open}/waitlist`, { quantity: 1 })).status).toBe(403);
    expect((await attendee!.post('/api/waitlist-offers/wlo_nope/claim')).status).toBe(404);
  });
});
