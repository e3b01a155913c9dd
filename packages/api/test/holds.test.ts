import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './support/server.js';
import { ApiClient, TEST_CARDS, eventInput } from './support/client.js';

describe('holds on paid registrations', () => {
  let t: TestServer;
  let organizer: ApiClient;
  let first: ApiClient;
  let second: ApiClient;
  let eventId: string;

  beforeAll(async () => {
    t = await startTestServer();
    organizer = await t.client().signUpVerified('organizer');
    first = await t.client().signUpVerified('attendee');
    second = await t.client().signUpVerified('attendee');
    eventId = (await organizer.post('/api/events', eventInput({ capacity: 2, ticketTypes: undefined, priceCents: 5000 }))).body.id;
  });
  afterAll(() => t.stop());

  it('holds the spots for 15 minutes, then releases them to the next buyer', async () => {
    const held = await first.post(`/api/events/${eventId}/registrations`, { quantity: 2 });
    expect(held.status).toBe(201);
    expect(Date.parse(held.body.holdExpiresAt) - t.clock.now().getTime()).toBe(15 * 60_000);
    const intent = await first.post(`/api/registrations/${held.body.id}/payment-intents`);

    const blocked = await second.post(`/api/events/${eventId}/registrations`, { quantity: 1 });
    expect(blocked.status).toBe(409);
    expect(blocked.body.error.code).toBe('sold_out');

    t.clock.advance(14 * 60_000);
    await Promise.all([first.renew(), second.renew(), organizer.renew()]);
    expect((await second.post(`/api/events/${eventId}/registrations`, { quantity: 1 })).status).toBe(409);

    t.clock.advance(61_000);
    await Promise.all([first.renew(), second.renew(), organizer.renew()]);
    const next = await second.post(`/api/events/${eventId}/registrations`, { quantity: 1 });
    expect(next.status).toBe(201);
    expect((await first.get(`/api/registrations/${held.body.id}`)).body.status).toBe('expired');

    const late = await first.post(`/api/payment-intents/${intent.body.id}/confirm`, { card: TEST_CARDS.ok });
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('hold_expired');
  });

  it('the maintenance sweep expires holds even when nobody registers', async () => {
    const event = (await organizer.post('/api/events', eventInput({ capacity: 3, ticketTypes: undefined, priceCents: 5000 }))).body.id;
    const held = await first.post(`/api/events/${event}/registrations`, { quantity: 3 });
    expect((await organizer.get(`/api/events/${event}/stats`)).body.held).toBe(3);
    t.clock.advance(16 * 60_000);
    await Promise.all([first.renew(), second.renew(), organizer.renew()]);
    expect(await t.server.home.services.registrations.expireHolds()).toBeGreaterThanOrEqual(1);
    expect((await organizer.get(`/api/events/${event}/stats`)).body).toMatchObject({ held: 0, spotsRemaining: 3 });
    expect((await first.get(`/api/registrations/${held.body.id}`)).body.status).toBe('expired');
  });

  it('an attendee can cancel a hold, releasing the spots', async () => {
    const event = (await organizer.post('/api/events', eventInput({ capacity: 1, ticketTypes: undefined, priceCents: 5000 }))).body.id;
    const held = await first.post(`/api/events/${event}/registrations`, { quantity: 1 });
    const cancelled = await first.post(`/api/registrations/${held.body.id}/cancel`);
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.status).toBe('cancelled');
    expect((await second.post(`/api/events/${event}/registrations`, { quantity: 1 })).status).toBe(201);
    expect((await first.post(`/api/registrations/${held.body.id}/cancel`)).status).toBe(409);
  });

  it('a hold on an event cancelled a moment ago cannot be paid, even before the cancellation job has run', async () => {
    const event = (await organizer.post('/api/events', eventInput({ capacity: 2, ticketTypes: undefined, priceCents: 5000 }))).body.id;
    const held = await first.post(`/api/events/${event}/registrations`, { quantity: 1 });
    const intent = await first.post(`/api/registrations/${held.body.id}/payment-intents`);
    const other = await second.post(`/api/events/${event}/registrations`, { quantity: 1 });
    // The cancellation as the route commits it, without draining the job that cancels the holds.
    await t.server.home.services.events.cancel({ userId: organizer.user!.id, role: 'organizer' }, event, 'Storm warning.');

    const paid = await first.post(`/api/payment-intents/${intent.body.id}/confirm`, { card: TEST_CARDS.ok });
    expect(paid.status).toBe(409);
    expect(paid.body.error).toMatchObject({ code: 'not_payable', message: expect.stringContaining('cancelled') });
    const started = await second.post(`/api/registrations/${other.body.id}/payment-intents`);
    expect(started.status).toBe(409);
    expect(started.body.error.code).toBe('not_payable');
    expect((await first.get(`/api/registrations/${held.body.id}`)).body.status).toBe('pending_payment');
  });
});
