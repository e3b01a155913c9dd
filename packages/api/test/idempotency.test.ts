import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { startTestServer, type TestServer } from './support/server.js';
import { ApiClient, TEST_CARDS, eventInput } from './support/client.js';

describe('Idempotency-Key', () => {
  let t: TestServer;
  let organizer: ApiClient;
  let attendee: ApiClient;
  let eventId: string;
  /** An event of its own for a test: an account holds one pending registration per event. */
  const paidEvent = async (): Promise<string> => (await organizer.post('/api/events', eventInput({ capacity: 10, ticketTypes: undefined, priceCents: 1500 }))).body.id;

  beforeAll(async () => {
    t = await startTestServer();
    organizer = await t.client().signUpVerified('organizer');
    attendee = await t.client().signUpVerified('attendee');
    eventId = await paidEvent();
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
    const eventId = await paidEvent();
    expect((await attendee.post(`/api/events/${eventId}/registrations`, { quantity: 1 }, key)).status).toBe(201);
    const other = await attendee.post(`/api/events/${eventId}/registrations`, { quantity: 3 }, key);
    expect(other.status).toBe(422);
    expect(other.body.error.code).toBe('idempotency_key_reused');
  });

  it('keys are per user: another attendee with the same key gets their own registration', async () => {
    const other = await t.client().signUpVerified('attendee');
    const eventId = await paidEvent();
    const mine = await attendee.post(`/api/events/${eventId}/registrations`, { quantity: 1 }, { 'Idempotency-Key': 'shared-key' });
    const theirs = await other.post(`/api/events/${eventId}/registrations`, { quantity: 1 }, { 'Idempotency-Key': 'shared-key' });
    expect(theirs.status).toBe(201);
    expect(theirs.body.id).not.toBe(mine.body.id);
    expect(theirs.body.userId).toBe(other.user!.id);
  });

  it('a retried payment confirmation charges once and replays the success', async () => {
    const eventId = await paidEvent();
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

  describe('a key whose request died mid-way (a crash) is taken over after its 60 s lease', () => {
    const LEASE_MS = 60_000;
    let crashEventId: string;
    beforeAll(async () => {
      crashEventId = (await organizer.post('/api/events', eventInput({ capacity: 20, ticketTypes: undefined, priceCents: 1500 }))).body.id;
    });
    afterEach(() => {
      vi.restoreAllMocks();
    });

    /** The process "dies" when `fault` strikes: it never abandons the key, so the key stays in progress. */
    const crashDuringNextRequest = () => vi.spyOn(t.server.home.services.deps.store, 'abandonIdempotent').mockResolvedValueOnce(undefined);
    const registrationsForEvent = async (client: ApiClient, id: string) =>
      (await client.get('/api/me/registrations?limit=100')).body.items.filter((r: { eventId: string }) => r.eventId === id);

    it('registration placed, answer never recorded: the retry after the lease answers with that registration', async () => {
      const buyer = await t.client().signUpVerified('attendee');
      const key = { 'Idempotency-Key': 'crash-after-placing' };
      vi.spyOn(t.server.home.services.deps.store, 'completeIdempotent').mockRejectedValueOnce(new Error('SIGKILL'));
      crashDuringNextRequest();
      expect((await buyer.post(`/api/events/${crashEventId}/registrations`, { quantity: 1 }, key)).status).toBe(500);
      const [placed] = await registrationsForEvent(buyer, crashEventId);

      const early = await buyer.post(`/api/events/${crashEventId}/registrations`, { quantity: 1 }, key);
      expect(early.status).toBe(409);
      expect(early.body.error.code).toBe('idempotency_in_progress');
      t.clock.advance(LEASE_MS + 1000);
      const taken = await buyer.post(`/api/events/${crashEventId}/registrations`, { quantity: 1 }, key);
      expect(taken.status).toBe(201);
      expect(taken.body.id).toBe(placed.id);
      expect(taken.body).toMatchObject({ status: 'pending_payment', quantity: 1 });
      const replay = await buyer.post(`/api/events/${crashEventId}/registrations`, { quantity: 1 }, key);
      expect(replay.headers.get('idempotent-replayed')).toBe('true');
      expect(replay.body).toEqual(taken.body);
      expect(await registrationsForEvent(buyer, crashEventId)).toHaveLength(1);
    });

    it('registration never placed: the retry after the lease places it, once', async () => {
      const buyer = await t.client().signUpVerified('attendee');
      const key = { 'Idempotency-Key': 'crash-before-placing' };
      vi.spyOn(t.server.home.services.deps.store, 'placeRegistration').mockRejectedValueOnce(new Error('SIGKILL'));
      crashDuringNextRequest();
      expect((await buyer.post(`/api/events/${crashEventId}/registrations`, { quantity: 2 }, key)).status).toBe(500);
      expect(await registrationsForEvent(buyer, crashEventId)).toHaveLength(0);

      expect((await buyer.post(`/api/events/${crashEventId}/registrations`, { quantity: 2 }, key)).status).toBe(409);
      t.clock.advance(LEASE_MS + 1000);
      const retries = await Promise.all([1, 2, 3].map(() => buyer.post(`/api/events/${crashEventId}/registrations`, { quantity: 2 }, key)));
      const placed = retries.filter((r) => r.status === 201);
      expect(placed).toHaveLength(1);
      expect(retries.filter((r) => r.status === 409)).toHaveLength(2);
      expect(placed[0]!.body).toMatchObject({ status: 'pending_payment', quantity: 2 });
      expect((await registrationsForEvent(buyer, crashEventId)).map((r: { id: string }) => r.id)).toEqual([placed[0]!.body.id]);
      expect((await buyer.post(`/api/events/${crashEventId}/registrations`, { quantity: 3 }, key)).status).toBe(422);
    });

    it('placement committed but its reply lost (the key abandoned): the retry answers with that registration', async () => {
      const buyer = await t.client().signUpVerified('attendee');
      const { store } = t.server.home.services.deps;
      const place = store.placeRegistration.bind(store);
      vi.spyOn(store, 'placeRegistration').mockImplementationOnce(async (...args) => {
        await place(...args);
        throw new Error('connection reset after commit');
      });
      const key = { 'Idempotency-Key': 'reply-lost-after-commit' };
      expect((await buyer.post(`/api/events/${crashEventId}/registrations`, { quantity: 1 }, key)).status).toBe(500);
      const [placed] = await registrationsForEvent(buyer, crashEventId);
      const retry = await buyer.post(`/api/events/${crashEventId}/registrations`, { quantity: 1 }, key);
      expect(retry.status).toBe(201);
      expect(retry.body.id).toBe(placed.id);
      expect(await registrationsForEvent(buyer, crashEventId)).toHaveLength(1);
    });

    it('card charged, then the crash: the retry after the lease answers succeeded without charging again', async () => {
      const buyer = await t.client().signUpVerified('attendee');
      const reg = await buyer.post(`/api/events/${crashEventId}/registrations`, { quantity: 1 });
      const intent = await buyer.post(`/api/registrations/${reg.body.id}/payment-intents`);
      const gateway = t.server.home.services.deps.payments;
      const charge = gateway.charge.bind(gateway);
      vi.spyOn(gateway, 'charge').mockImplementationOnce(async (input) => {
        await charge(input);
        throw new Error('SIGKILL');
      });
      crashDuringNextRequest();
      const key = { 'Idempotency-Key': 'crash-after-charging' };
      expect((await buyer.post(`/api/payment-intents/${intent.body.id}/confirm`, { card: TEST_CARDS.ok }, key)).status).toBe(500);

      expect((await buyer.post(`/api/payment-intents/${intent.body.id}/confirm`, { card: TEST_CARDS.ok }, key)).status).toBe(409);
      t.clock.advance(LEASE_MS + 1000);
      const taken = await buyer.post(`/api/payment-intents/${intent.body.id}/confirm`, { card: TEST_CARDS.ok }, key);
      expect(taken.status).toBe(200);
      expect(taken.body).toMatchObject({ id: intent.body.id, status: 'succeeded' });
      expect((await buyer.get(`/api/registrations/${reg.body.id}`)).body).toMatchObject({ status: 'confirmed', tickets: [{ status: 'valid' }] });
      const ledger = readFileSync(join(t.dataDir, 'mock-gateway.jsonl'), 'utf8').split('\n').filter(Boolean)
        .map((line) => JSON.parse(line) as { type: string; key: string; chargeKey?: string });
      const ofThisIntent = (chargeKey: string | undefined) => chargeKey?.startsWith(`${intent.body.id}:`) === true;
      expect(ledger.filter((e) => e.type === 'charge' && ofThisIntent(e.key))).toHaveLength(1);
      expect(ledger.filter((e) => e.type !== 'charge' && ofThisIntent(e.chargeKey))).toEqual([]);
    });
  });
});

describe('Idempotency-Key retention', () => {
  it('a key is remembered for 24 hours, then a different request may use it again', async () => {
    const t = await startTestServer();
    try {
      const organizer = await t.client().signUpVerified('organizer');
      const attendee = await t.client().signUpVerified('attendee');
      const eventId = (await organizer.post('/api/events', eventInput({ capacity: 10, ticketTypes: undefined, priceCents: 0 }))).body.id;
      const key = { 'Idempotency-Key': 'monthly-order' };
      const first = await attendee.post(`/api/events/${eventId}/registrations`, { quantity: 1 }, key);
      expect(first.status).toBe(201);

      t.clock.advance(23 * 3_600_000);
      await attendee.renew();
      expect((await attendee.post(`/api/events/${eventId}/registrations`, { quantity: 2 }, key)).status).toBe(422);

      t.clock.advance(3_600_000);
      await attendee.renew();
      const again = await attendee.post(`/api/events/${eventId}/registrations`, { quantity: 2 }, key);
      expect(again.status).toBe(201);
      expect(again.body.id).not.toBe(first.body.id);
      expect(again.body.tickets).toHaveLength(2);
    } finally {
      await t.stop();
    }
  });
});
