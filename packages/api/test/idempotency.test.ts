import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './support/server.js';
import { ApiClient, TEST_CARDS, eventInput } from './support/client.js';

describe('Idempotency-Key', () => {
  let t: TestServer;
  let organizer: ApiClient;
  let attendee: ApiClient;
  let eventId: string;

  beforeAll(async () => {
    t = await startTestServer();
    organizer = await t.client().signUpVerified('organizer');
    attendee = await t.client().signUpVerified('attendee');
    eventId = (await organizer.post('/api/events', eventInput({ capacity: 10, ticketTypes: undefined, priceCents: 1500 }))).body.id;
  });
  afterAll(() => t.stop());

  it('a retried registration replays the first response and holds the spots once', async () => {
    const key = { 'Idempotency-Key': 'reg-retry-1' };
    const first = await attendee.post(`/api/events/${eventId}/registrations`, { quantity: 2 }, key);
    const retries = await Promise.all([1, 2, 3].map(() => attendee.post(`/api/events/${eventId}/registrations`, { quantity: 2 }, key)));
    expect(first.status).toBe(201);
    for (const retry of retries) {
      expect([201, 409]).toContain(retry.status);
      if (retry.status === 201) expect(retry.body.id).toBe(first.body.id);
      else expect(retry.body.error.code).toBe('idempotency_in_progress');
    }
    const replay = await attendee.post(`/api/events/${eventId}/registrations`, { quantity: 2 }, key);
    expect(replay.status).toBe(201);
    expect(replay.body.id).toBe(first.body.id);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    const mine = await attendee.get('/api/me/registrations');
    expect(mine.body.items.filter((r: { eventId: string }) => r.eventId === eventId)).toHaveLength(1);
    expect((await t.client().get(`/api/events/${eventId}`)).body.spotsRemaining).toBe(8);
  });

  it('the same key with a different body is refused', async () => {
    const key = { 'Idempotency-Key': 'reg-retry-2' };
    expect((await attendee.post(`/api/events/${eventId}/registrations`, { quantity: 1 }, key)).status).toBe(201);
    const other = await attendee.post(`/api/events/${eventId}/registrations`, { quantity: 3 }, key);
    expect(other.status).toBe(422);
    expect(other.body.error.code).toBe('idempotency_key_reused');
  });

  it('keys are per user: another attendee with the same key gets their own registration', async () => {
    const other = await t.client().signUpVerified('attendee');
    const mine = await attendee.post(`/api/events/${eventId}/registrations`, { quantity: 1 }, { 'Idempotency-Key': 'shared-key' });
    const theirs = await other.post(`/api/events/${eventId}/registrations`, { quantity: 1 }, { 'Idempotency-Key': 'shared-key' });
    expect(theirs.status).toBe(201);
    expect(theirs.body.id).not.toBe(mine.body.id);
    expect(theirs.body.userId).toBe(other.user!.id);
  });

  it('a retried payment confirmation charges once and replays the success', async () => {
    const reg = await attendee.post(`/api/events/${eventId}/registrations`, { quantity: 1 });
    const intent = await attendee.post(`/api/registrations/${reg.body.id}/payment-intents`);
    const key = { 'Idempotency-Key': 'pay-retry-1' };
    const first = await attendee.post(`/api/payment-intents/${intent.body.id}/confirm`, { card: TEST_CARDS.ok }, key);
    const second = await attendee.post(`/api/payment-intents/${intent.body.id}/confirm`, { card: TEST_CARDS.ok }, key);
    expect(first.status).toBe(200);
    expect(second.status).toBe(200);
    expect(second.body).toEqual(first.body);
    const confirmed = await attendee.get(`/api/registrations/${reg.body.id}`);
    expect(confirmed.body.tickets).toHaveLength(1);
  });
});
