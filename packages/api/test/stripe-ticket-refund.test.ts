import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeStripe, type FakeStripe } from '@ticketbooth/adapters-stripe/fake';
import { startTestServer, type TestServer } from './support/server.js';
import { ApiClient, eventInput } from './support/client.js';

describe("a ticket's share refunded through Stripe (against the local fake)", () => {
  let stripe: FakeStripe;
  let t: TestServer;
  let organizer: ApiClient;

  beforeAll(async () => {
    stripe = await startFakeStripe();
    t = await startTestServer({
      env: { PAYMENTS: 'stripe', STRIPE_SECRET_KEY: stripe.secretKey, STRIPE_WEBHOOK_SECRET: stripe.webhookSecret, STRIPE_API_URL: stripe.url },
    });
    organizer = await t.client().signUpVerified('organizer', 'Olga Organizer');
  });
  afterAll(async () => {
    await t.stop();
    await stripe.close();
  });

  it('refunds one ticket of three with an amount of exactly its share and the refund as the idempotency key', async () => {
    const event = await organizer.post('/api/events', eventInput({ capacity: 10, ticketTypes: undefined, priceCents: 1500 }));
    const attendee = await t.client().signUpVerified('attendee');
    const reg = await attendee.post(`/api/events/${event.body.id}/registrations`, { quantity: 3 });
    const intent = await attendee.post(`/api/registrations/${reg.body.id}/payment-intents`);
    const started = await attendee.post(`/api/payment-intents/${intent.body.id}/checkout-session`);
    const sessionId = new URL(started.body.url).pathname.split('/').pop()!;
    const { session } = stripe.pay(sessionId);
    const delivery = stripe.delivery('checkout.session.completed', session, { timestamp: Math.floor(t.clock.now().getTime() / 1000) });
    expect((await t.client().post('/api/webhooks/stripe', delivery.body, { 'stripe-signature': delivery.signature })).status).toBe(200);
    const paid = await attendee.get(`/api/registrations/${reg.body.id}`);
    expect(paid.body.status).toBe('confirmed');

    const refund = await organizer.post(`/api/registrations/${reg.body.id}/refund`, { ticketIds: [paid.body.tickets[0].id], reason: 'Illness' });
    expect(refund.status).toBe(200);
    const calls = stripe.requests.filter((r) => r.method === 'POST' && r.path === '/v1/refunds');
    expect(calls).toHaveLength(1);
    expect(calls[0]!.form).toMatchObject({ payment_intent: session.payment_intent, amount: '1500' });
    expect(calls[0]!.idempotencyKey).toMatch(/^refund:rfd_/);
    expect(stripe.refunds.map((r) => r.amount)).toEqual([1500]);
  });
});
