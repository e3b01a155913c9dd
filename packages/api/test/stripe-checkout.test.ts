import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeStripe, type FakeStripe } from '@ticketbooth/adapters-stripe/fake';
import { startTestServer, type TestServer } from './support/server.js';
import { ApiClient, eventInput } from './support/client.js';
import { runMaintenance } from '../src/worker.js';

describe('Stripe Checkout against a local fake of Stripe', () => {
  let stripe: FakeStripe;
  let t: TestServer;
  let attendee: ApiClient;
  let eventId: string;
  let standardId: string;

  beforeAll(async () => {
    stripe = await startFakeStripe();
    t = await startTestServer({
      env: { PAYMENTS: 'stripe', STRIPE_SECRET_KEY: stripe.secretKey, STRIPE_WEBHOOK_SECRET: stripe.webhookSecret, STRIPE_API_URL: stripe.url },
    });
    const organizer = await t.client().signUpVerified('organizer', 'Olga Organizer');
    const created = await organizer.post('/api/events', eventInput({ name: 'Stripe Night' }));
    eventId = created.body.id;
    standardId = created.body.ticketTypes[0].id;
  });
  afterAll(async () => {
    await t.stop();
    await stripe.close();
  });

  const nowSeconds = () => Math.floor(t.clock.now().getTime() / 1000);
  const maintenance = () => runMaintenance(t.server.home.services, { info() {}, warn() {}, error() {}, debug() {} } as never);

  /** A held registration of `quantity` Standard tickets, sent to Stripe's page: its ids and the session. */
  async function checkout(quantity = 2) {
    // One pending order per attendee and event: each checkout is another attendee's.
    attendee = await t.client().signUpVerified('attendee');
    const reg = await attendee.post(`/api/events/${eventId}/registrations`, { lines: [{ ticketTypeId: standardId, quantity }] });
    expect(reg.status).toBe(201);
    const intent = await attendee.post(`/api/registrations/${reg.body.id}/payment-intents`);
    expect(intent.body.gateway).toBe('stripe');
    const started = await attendee.post(`/api/payment-intents/${intent.body.id}/checkout-session`);
    expect(started.status).toBe(201);
    const sessionId = new URL(started.body.url).pathname.split('/').pop()!;
    return { registrationId: reg.body.id as string, intentId: intent.body.id as string, sessionId, url: started.body.url as string };
  }

  const deliver = (body: string, signature: string) =>
    t.client().post('/api/webhooks/stripe', body, { 'stripe-signature': signature });

  const completed = (sessionId: string, options: { timestamp?: number; secret?: string } = {}) => {
    const { session } = stripe.sessions.get(sessionId)!.status === 'open' ? stripe.pay(sessionId) : { session: stripe.sessions.get(sessionId)! };
    return stripe.delivery('checkout.session.completed', session, { timestamp: nowSeconds(), ...options });
  };

  // Read from the store: the clock moves past access tokens' lifetime in some cases.
  const registration = async (id: string) => {
    const { store } = t.server.home.services.deps;
    const stored = await store.getRegistration(id);
    return { status: stored?.status, tickets: await store.listTicketsByRegistration(id) };
  };

  it('pay -> webhook -> tickets: the session carries the server amount, an idempotency key, the registration and our return page', async () => {
    const { registrationId, sessionId, url } = await checkout(2);
    expect(url.startsWith('https://checkout.stripe.test/')).toBe(true);
    const create = stripe.requests.find((r) => r.method === 'POST' && r.path === '/v1/checkout/sessions' && r.form['metadata[registrationId]'] === registrationId)!;
    expect(create.idempotencyKey).toMatch(/^checkout:/);
    expect(create.form).toMatchObject({
      mode: 'payment',
      'line_items[0][quantity]': '1',
      'line_items[0][price_data][unit_amount]': '5000',
      'line_items[0][price_data][currency]': 'eur',
      client_reference_id: registrationId,
      success_url: `http://127.0.0.1:0/checkout/${registrationId}?paid=1`,
      cancel_url: `http://127.0.0.1:0/checkout/${registrationId}`,
    });
    expect(Number(create.form.expires_at) - nowSeconds()).toBeGreaterThanOrEqual(30 * 60);
    expect((await registration(registrationId)).status).toBe('pending_payment');

    const delivery = completed(sessionId);
    const answer = await deliver(delivery.body, delivery.signature);
    expect(answer.status).toBe(200);
    const confirmed = await registration(registrationId);
    expect(confirmed.status).toBe('confirmed');
    expect(confirmed.tickets).toHaveLength(2);
  });

  it('asking for the page again while it is open gives the same page, not a second session', async () => {
    const { intentId, url } = await checkout(1);
    const again = await attendee.post(`/api/payment-intents/${intentId}/checkout-session`);
    expect(again.body.url).toBe(url);
  });

  it('the same webhook 5 times concurrently, then 5 more times and as payment_intent.succeeded: one confirmation, one set of tickets', async () => {
    const { registrationId, sessionId } = await checkout(3);
    const delivery = completed(sessionId);
    const answers = await Promise.all(Array.from({ length: 5 }, () => deliver(delivery.body, delivery.signature)));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 200]);
    const paymentIntent = stripe.sessions.get(sessionId)!.payment_intent as string;
    const succeeded = stripe.delivery('payment_intent.succeeded', { id: paymentIntent, object: 'payment_intent', status: 'succeeded', metadata: stripe.sessions.get(sessionId)!.paymentIntentMetadata as object }, { timestamp: nowSeconds() });
    for (let i = 0; i < 5; i++) {
      expect((await deliver(delivery.body, delivery.signature)).status).toBe(200);
      expect((await deliver(succeeded.body, succeeded.signature)).status).toBe(200);
    }
    const confirmed = await registration(registrationId);
    expect(confirmed.status).toBe('confirmed');
    expect(confirmed.tickets).toHaveLength(3);
    const mine = await attendee.get('/api/me/tickets?limit=100');
    expect(mine.body.items.filter((tk: { registrationId: string }) => tk.registrationId === registrationId)).toHaveLength(3);
    await maintenance(); // drains the ticket mail job
    const mail = await t.client().get(`/api/dev/mailbox?to=${encodeURIComponent(attendee.user!.email)}&limit=200`);
    expect(mail.body.items.filter((m: { subject: string }) => m.subject.startsWith('Your tickets for Stripe Night'))).toHaveLength(1);
  });

  it('a bad signature, a tampered body, another secret or a replay older than 5 minutes: 400, nothing changed', async () => {
    const { registrationId, sessionId } = await checkout(1);
    const good = completed(sessionId);
    const tampered = good.body.replace('"livemode":false', '"livemode":true');
    const wrongSecret = completed(sessionId, { secret: 'whsec_someone_else' });
    const stale = completed(sessionId, { timestamp: nowSeconds() - 301 });
    for (const [body, signature] of [[good.body, 't=1,v1=deadbeef'], [tampered, good.signature], [wrongSecret.body, wrongSecret.signature], [stale.body, stale.signature]] as const) {
      const answer = await deliver(body, signature);
      expect(answer.status).toBe(400);
      expect(answer.body.error.code).toBe('invalid_signature');
    }
    expect((await t.client().post('/api/webhooks/stripe', good.body)).status).toBe(400);
    expect((await registration(registrationId)).status).toBe('pending_payment');
  });

  it('a payment whose webhook is late is found by the reconcile job', async () => {
    const { registrationId, sessionId } = await checkout(1);
    stripe.pay(sessionId);
    await maintenance();
    expect((await registration(registrationId)).status).toBe('pending_payment'); // younger than the trust window
    t.clock.advance(61_000);
    await maintenance();
    expect((await registration(registrationId)).status).toBe('confirmed');
  });

  it('a payment landing after its hold expired is refunded automatically, with an idempotency key', async () => {
    const { registrationId, sessionId } = await checkout(1);
    t.clock.advance(16 * 60_000);
    await maintenance(); // the hold expires; the spot goes back on sale
    expect((await registration(registrationId)).status).toBe('expired');
    const delivery = completed(sessionId);
    expect((await deliver(delivery.body, delivery.signature)).status).toBe(200);
    const paymentIntent = stripe.sessions.get(sessionId)!.payment_intent;
    expect(stripe.refunds.filter((r) => r.payment_intent === paymentIntent)).toHaveLength(1);
    const refund = stripe.requests.find((r) => r.path === '/v1/refunds' && r.form.payment_intent === paymentIntent)!;
    expect(refund.idempotencyKey).toBe(`refund:${sessionId}`);
    expect((await registration(registrationId)).status).toBe('expired');
    expect((await deliver(delivery.body, delivery.signature)).status).toBe(200); // a retry refunds nothing more
    expect(stripe.refunds.filter((r) => r.payment_intent === paymentIntent)).toHaveLength(1);
  });

  it('cancelling a paid registration refunds it through the Refunds API with an idempotency key', async () => {
    const { registrationId, sessionId } = await checkout(1);
    const delivery = completed(sessionId);
    await deliver(delivery.body, delivery.signature);
    expect((await registration(registrationId)).status).toBe('confirmed');
    const cancelled = await attendee.post(`/api/registrations/${registrationId}/cancel`);
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.status).toBe('refunded');
    const paymentIntent = stripe.sessions.get(sessionId)!.payment_intent;
    const refunds = stripe.requests.filter((r) => r.path === '/v1/refunds' && r.form.payment_intent === paymentIntent);
    expect(refunds.length).toBeGreaterThan(0);
    expect(new Set(refunds.map((r) => r.idempotencyKey))).toEqual(new Set([`refund:${sessionId}`]));
    expect(stripe.refunds.filter((r) => r.payment_intent === paymentIntent)).toHaveLength(1);
  });

  it('card confirmation is refused while Stripe is the gateway: card numbers never reach the server', async () => {
    attendee = await t.client().signUpVerified('attendee');
    const reg = await attendee.post(`/api/events/${eventId}/registrations`, { lines: [{ ticketTypeId: standardId, quantity: 1 }] });
    const intent = await attendee.post(`/api/registrations/${reg.body.id}/payment-intents`);
    const confirm = await attendee.post(`/api/payment-intents/${intent.body.id}/confirm`, { card: { number: '4242424242424242', expMonth: 12, expYear: 2099, cvc: '123' } });
    expect(confirm.status).toBe(409);
    expect(confirm.body.error.code).toBe('not_payable');
  });
});
