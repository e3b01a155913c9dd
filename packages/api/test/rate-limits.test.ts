import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RATE_LIMITS } from '@ticketbooth/core';
import { parseCapturedLine, sampleImage } from '@ticketbooth/testkit';
import { startTestServer, type TestServer } from './support/server.js';
import { ApiClient, eventInput } from './support/client.js';

/** Limits kept in the store: promo-code quotes, ticket renames, the order's one-file PDF (kept once rendered) and cover-image uploads. */
describe('rate limits kept in the store', () => {
  let t: TestServer;
  let organizer: ApiClient;
  let eventId: string;

  beforeAll(async () => {
    // One proxy hop trusted, so a test can speak from several client addresses.
    t = await startTestServer({ env: { TRUST_PROXY: '1' } });
    organizer = await t.client().signUpVerified('organizer');
    const event = await organizer.post('/api/events', eventInput({ name: 'Rate Limit Night', capacity: 500 }));
    eventId = event.body.id;
    expect((await organizer.post(`/api/events/${eventId}/promo-codes`, { code: 'FRIENDS', percentOff: 30 })).status).toBe(201);
  });
  afterAll(() => t.stop());

  /** Moves the clock to a later window; the clients' access tokens expired meanwhile, so they renew. */
  const advance = async (ms: number, ...clients: ApiClient[]) => {
    t.clock.advance(ms);
    for (const client of [organizer, ...clients]) await client.renew();
  };

  const quote = (client: ApiClient, promoCode: string | undefined, from = '203.0.113.1') =>
    client.post(`/api/events/${eventId}/quote`, { quantity: 1, ...(promoCode === undefined ? {} : { promoCode }) }, { 'x-forwarded-for': from });

  describe('promo-code quotes', () => {
    const perAccount = RATE_LIMITS.quote_by_account.max;
    const perEventAddress = RATE_LIMITS.quote_by_event_address.max;

    it(`of ${perAccount + 1} concurrent quotes with a code by one account, exactly ${perAccount} are answered; the other gets 429 with Retry-After`, async () => {
      const attendee = await t.client().signUpVerified('attendee');
      const answers = await Promise.all(Array.from({ length: perAccount + 1 }, (_, i) => quote(attendee, i === 0 ? 'friends' : `GUESS${i}`, `198.51.100.${i + 1}`)));
      expect(answers.filter((a) => a.status !== 429)).toHaveLength(perAccount);
      const refused = answers.find((a) => a.status === 429)!;
      expect(refused.body).toEqual({ error: { code: 'too_many_attempts', message: expect.any(String), details: { retryAfterSeconds: expect.any(Number) } } });
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      // A quote without a code tells nothing about codes: never limited.
      expect((await quote(attendee, undefined)).status).toBe(200);
      // The next window answers again.
      await advance(RATE_LIMITS.quote_by_account.windowMs, attendee);
      expect((await quote(attendee, 'friends')).status).toBe(200);
    });

    it(`new accounts buy no more guesses: ${perEventAddress} quotes with a code for one event from one address, then 429 for any account there, not elsewhere`, async () => {
      await advance(RATE_LIMITS.quote_by_event_address.windowMs);
      const guessers = await Promise.all(Array.from({ length: Math.ceil(perEventAddress / perAccount) + 1 }, () => t.client().signUpVerified('attendee')));
      const address = '192.0.2.7';
      for (let i = 0; i < perEventAddress; i++) expect((await quote(guessers[Math.floor(i / perAccount)]!, `GUESS${i}`, address)).status).toBe(400);
      const fresh = guessers[guessers.length - 1]!;
      expect((await quote(fresh, 'friends', address)).status).toBe(429);
      expect((await quote(fresh, 'friends', '192.0.2.8')).status).toBe(200);
    });
  });

  async function confirmedOrder(quantity: number) {
    const attendee = await t.client().signUpVerified('attendee');
    const event = await organizer.post('/api/events', eventInput({ ticketTypes: undefined, priceCents: 0, capacity: 50 }));
    expect(event.status, event.text).toBe(201);
    const registration = await attendee.post(`/api/events/${event.body.id}/registrations`, { quantity });
    expect([registration.status, registration.body.status], registration.text).toEqual([201, 'confirmed']);
    return { attendee, eventId: event.body.id as string, registrationId: registration.body.id as string, ticketIds: (registration.body.tickets as { id: string }[]).map((tk) => tk.id) };
  }

  it(`renames: ${RATE_LIMITS.rename_by_ticket.max} an hour per ticket, then 429 with nothing changed; another ticket and the next hour are free`, async () => {
    const { attendee, ticketIds } = await confirmedOrder(2);
    const max = RATE_LIMITS.rename_by_ticket.max;
    for (let i = 0; i < max; i++) expect((await organizer.patch(`/api/tickets/${ticketIds[0]}`, { attendeeName: `Name ${i}` })).status).toBe(200);
    const refused = await attendee.patch(`/api/tickets/${ticketIds[0]}`, { attendeeName: 'One Too Many' });
    expect([refused.status, refused.body.error.code, Number(refused.headers.get('retry-after')) >= 1]).toEqual([429, 'too_many_attempts', true]);
    expect((await attendee.get(`/api/tickets/${ticketIds[0]}`)).body.attendeeName).toBe(`Name ${max - 1}`);
    expect((await organizer.patch(`/api/tickets/${ticketIds[1]}`, { attendeeName: 'Grace Hopper' })).status).toBe(200);
    await advance(RATE_LIMITS.rename_by_ticket.windowMs, attendee);
    expect((await attendee.patch(`/api/tickets/${ticketIds[0]}`, { attendeeName: 'Ada Lovelace' })).status).toBe(200);
  });

  it(`cover images: ${RATE_LIMITS.image_upload_by_account.max} uploads an hour by one organizer, counted before the body is read (garbage too); another organizer and the next hour are free`, async () => {
    const max = RATE_LIMITS.image_upload_by_account.max;
    const upload = (as: ApiClient, id: string, body: Uint8Array) =>
      fetch(`${t.url}/api/events/${id}/image`, { method: 'PUT', headers: { 'content-type': 'image/png', authorization: `Bearer ${as.token}` }, body: new Uint8Array(body) });
    const [flooder, neighbour] = await Promise.all([t.client().signUpVerified('organizer'), t.client().signUpVerified('organizer')]);
    const own = (await flooder.post('/api/events', eventInput({ name: 'Flooded Cover' }))).body.id as string;
    const theirs = (await neighbour.post('/api/events', eventInput({ name: 'Quiet Cover' }))).body.id as string;
    const png = await sampleImage('png');

    const answers = await Promise.all(Array.from({ length: max + 1 }, () => upload(flooder, own, new TextEncoder().encode('not a picture'))));
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses).toEqual([...Array(max).fill(400), 429]);
    const refused = answers.find((a) => a.status === 429)!;
    expect([(await refused.json()).error.code, Number(refused.headers.get('retry-after')) >= 1]).toEqual(['too_many_attempts', true]);
    expect((await upload(flooder, own, png)).status).toBe(429);
    expect((await upload(neighbour, theirs, png)).status).toBe(200);

    await advance(RATE_LIMITS.image_upload_by_account.windowMs, flooder, neighbour);
    expect((await upload(flooder, own, png)).status).toBe(200);
  });

  describe("an order's tickets in one PDF", () => {
    const renders = (registrationId: string) => t.logs.map(parseCapturedLine).filter((l) => l.msg === 'order pdf rendered' && l.registrationId === registrationId).length;
    const download = async (client: ApiClient, registrationId: string) => {
      const response = await fetch(`${t.url}/api/registrations/${registrationId}/tickets.pdf`, { headers: { authorization: `Bearer ${client.token}` } });
      return { status: response.status, pdf: Buffer.from(await response.arrayBuffer()) };
    };

    it('is rendered once for 20 concurrent downloads and kept; renamed, cancelled or event edited, it is rendered anew once', async () => {
      const { attendee, eventId: orderEventId, registrationId, ticketIds } = await confirmedOrder(3);
      const first = await Promise.all(Array.from({ length: 20 }, () => download(attendee, registrationId)));
      expect(first.map((d) => d.status)).toEqual(Array(20).fill(200));
      expect(new Set(first.map((d) => d.pdf.toString('base64'))).size).toBe(1);
      expect(renders(registrationId)).toBe(1);
      expect((await download(attendee, registrationId)).pdf.equals(first[0]!.pdf)).toBe(true);
      expect(renders(registrationId)).toBe(1);

      expect((await organizer.patch(`/api/tickets/${ticketIds[0]}`, { attendeeName: 'Grace Hopper' })).status).toBe(200);
      const renamed = await download(attendee, registrationId);
      expect([renamed.status, renamed.pdf.equals(first[0]!.pdf), renders(registrationId)]).toEqual([200, false, 2]);

      expect((await organizer.post(`/api/registrations/${registrationId}/refund`, { ticketIds: [ticketIds[1]], reason: 'Cannot come' })).status).toBe(200);
      await download(attendee, registrationId);
      expect(renders(registrationId)).toBe(3);

      expect((await organizer.patch(`/api/events/${orderEventId}`, { location: 'The Other Hall, Berlin' })).status).toBe(200);
      await download(attendee, registrationId);
      await download(attendee, registrationId);
      expect(renders(registrationId)).toBe(4);
    });

    it(`is downloaded at most ${RATE_LIMITS.order_pdf_by_account.max} times an hour by one account, then 429 with Retry-After`, async () => {
      const { attendee, registrationId } = await confirmedOrder(1);
      const max = RATE_LIMITS.order_pdf_by_account.max;
      const answers = await Promise.all(Array.from({ length: max + 1 }, () => download(attendee, registrationId)));
      expect(answers.filter((a) => a.status === 200)).toHaveLength(max);
      expect(answers.filter((a) => a.status === 429)).toHaveLength(1);
      // Someone else's order is still 404, and asking for it spends nothing of the owner's downloads.
      const stranger = await t.client().signUpVerified('attendee');
      expect((await stranger.get(`/api/registrations/${registrationId}/tickets.pdf`)).status).toBe(404);
    });
  });
});
