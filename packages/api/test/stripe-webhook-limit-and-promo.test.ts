import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeStripe, type FakeStripe } from '@ticketbooth/adapters-stripe/fake';
import { startTestServer, type TestServer } from './support/server.js';
import { ApiClient, eventInput } from './support/client.js';

describe('Stripe: the discounted amount is charged, and webhook deliveries are limited per address', () => {
  let stripe: FakeStripe;
  let t: TestServer;
  let organizer: ApiClient;
  let eventId: string;

  beforeAll(async () => {
    stripe = await startFakeStripe();
    t = await startTestServer({
      env: {
        PAYMENTS: 'stripe', STRIPE_SECRET_KEY: stripe.secretKey, STRIPE_WEBHOOK_SECRET: stripe.webhookSecret, STRIPE_API_URL: stripe.url,
        STRIPE_WEBHOOK_LIMIT: '5',
      },
    });
    organizer = await t.client().signUpVerified('organizer');
    eventId = (await organizer.post('/api/events', eventInput({ name: 'Stripe Promo Night' }))).body.id;
    expect((await organizer.post(`/api/events/${eventId}/promo-codes`, { code: 'FRIENDS', percentOff: 30 })).status).toBe(201);
  });
  afterAll(async () => {
    await t.stop();
    await stripe.close();
  });

  const nowSeconds = () => Math.floor(t.clock.now().getTime() / 1000);
  const deliver = (body: string, signature: string) => t.client().post('/api/webhooks/stripe', body, { 'stripe-signature': signature });

  /** Two Standard tickets (2 x 25.00 EUR) with 30% off, sent to Stripe's page. */
  async function discountedCheckout() {
    const attendee = await t.client().signUpVerified('attendee');
    const reg = await attendee.post(`/api/events/${eventId}/registrations`, { quantity: 2, promoCode: 'friends' });
    expect([reg.status, reg.body.amountCents, reg.body.discountCents]).toEqual([201, 3500, 1500]);
    const intent = await attendee.post(`/api/registrations/${reg.body.id}/payment-intents`);
    const started = await attendee.post(`/api/payment-intents/${intent.body.id}/checkout-session`);
    expect(started.status).toBe(201);
    return { registrationId: reg.body.id as string, sessionId: new URL(started.body.url).pathname.split('/').pop()! };
  }

  it("the checkout session charges the registration's discounted amount, read on the server", async () => {
    const { registrationId } = await discountedCheckout();
    const create = stripe.requests.find((r) => r.method === 'POST' && r.path === '/v1/checkout/sessions' && r.form['metadata[registrationId]'] === registrationId)!;
    expect(create.form['line_items[0][price_data][unit_amount]']).toBe('3500');
  });

  it('past 5 deliveries a minute from one address, even a well-signed one answers 429 with Retry-After and changes nothing; a minute later it confirms', async () => {
    const { registrationId, sessionId } = await discountedCheckout();
    const { session } = stripe.pay(sessionId);
    for (let i = 0; i < 5; i++) expect((await deliver('{}', 't=1,v1=forged')).status).toBe(400);
    const signed = stripe.delivery('checkout.session.completed', session, { timestamp: nowSeconds() });
    const refused = await deliver(signed.body, signed.signature);
    expect([refused.status, refused.body.error.code]).toEqual([429, 'too_many_attempts']);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect((await t.server.home.services.deps.store.getRegistration(registrationId))!.status).toBe('pending_payment');

    t.clock.advance(60_001);
    const later = stripe.delivery('checkout.session.completed', session, { timestamp: nowSeconds() });
    expect((await deliver(later.body, later.signature)).status).toBe(200);
    expect((await t.server.home.services.deps.store.getRegistration(registrationId))!.status).toBe('confirmed');
  });
});
