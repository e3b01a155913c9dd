import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './support/server.js';
import { ApiClient, eventInput } from './support/client.js';

/** An "Ends" left empty stays empty: no end is invented for people to read. */
describe('an event with no end given', () => {
  let t: TestServer;
  let organizer: ApiClient;

  beforeAll(async () => {
    t = await startTestServer();
    organizer = await t.client().signUpVerified('organizer');
  });
  afterAll(() => t.stop());

  it('is answered with a null end, still on sale, and its calendar file has no end', async () => {
    const created = await organizer.post('/api/events', eventInput({ endsAt: undefined, ticketTypes: undefined, priceCents: 0 }));
    expect(created.status).toBe(201);
    expect(created.body.endsAt).toBeNull();
    expect((await t.client().get(`/api/events/${created.body.id}`)).body.endsAt).toBeNull();
    expect((await t.client().get('/api/events?limit=100')).body.items.map((e: { id: string }) => e.id)).toContain(created.body.id);

    const attendee = await t.client().signUpVerified('attendee');
    const registration = await attendee.post(`/api/events/${created.body.id}/registrations`, { quantity: 1 });
    expect(registration.body.status).toBe('confirmed');
    const ics = (await attendee.get(`/api/registrations/${registration.body.id}/calendar.ics`)).text;
    expect(ics).toContain('DTSTART:');
    expect(ics).not.toContain('DTEND:');
  });

  it('gets an end from an edit, and loses it again with null; a moved start keeps it open', async () => {
    const created = await organizer.post('/api/events', eventInput({ endsAt: null }));
    expect(created.body.endsAt).toBeNull();
    const endsAt = new Date(Date.parse(created.body.startsAt) + 5 * 3_600_000).toISOString();
    expect((await organizer.patch(`/api/events/${created.body.id}`, { endsAt })).body.endsAt).toBe(endsAt);
    expect((await organizer.patch(`/api/events/${created.body.id}`, { endsAt: null })).body.endsAt).toBeNull();
    const later = new Date(Date.parse(created.body.startsAt) + 86_400_000).toISOString();
    expect((await organizer.patch(`/api/events/${created.body.id}`, { startsAt: later })).body).toMatchObject({ startsAt: later, endsAt: null });
  });
});
