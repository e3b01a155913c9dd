import Stripe from 'stripe';
import type { ChargeResult, CheckoutNotification, Clock, PaymentGateway } from '@ticketbooth/core';

export interface StripeGatewayOptions {
  secretKey: string;
  webhookSecret: string;
  /** Where the web app is served: Stripe sends the attendee back to its checkout page. */
  publicUrl: string;
  clock: Clock;
  /** Another API address (a local fake in tests); Stripe's own by default. */
  api?: { host: string; port: number; protocol: 'http' | 'https' };
}

/** Stripe refuses a session that expires sooner than 30 minutes; a minute of margin for clock skew. */
const SESSION_MINUTES = 31;

/**
 * Stripe Checkout behind the payment port. The Checkout Session id is the charge key: a paid
 * session is a succeeded charge, an expired one a failed charge, an open one not settled yet.
 * Every call that creates something carries an idempotency key, so a retry never pays or refunds twice.
 */
export function createStripeGateway(options: StripeGatewayOptions): PaymentGateway {
  const { clock, publicUrl, webhookSecret } = options;
  const stripe = new Stripe(options.secretKey, {
    maxNetworkRetries: 2,
    ...(options.api ? { host: options.api.host, port: options.api.port, protocol: options.api.protocol } : {}),
  });
  const checkoutPage = (registrationId: string) => `${publicUrl}/checkout/${encodeURIComponent(registrationId)}`;

  const findCharge = async (sessionId: string): Promise<ChargeResult | null> => {
    const session = await stripe.checkout.sessions.retrieve(sessionId);
    if (session.status === 'expired') {
      return { status: 'failed', error: { code: 'checkout_expired', message: 'The checkout page expired before it was paid.' } };
    }
    if (session.payment_status !== 'paid' || typeof session.payment_intent !== 'string') return null;
    // The session says paid; the payment itself is the proof (and its charge the receipt id).
    const payment = await stripe.paymentIntents.retrieve(session.payment_intent);
    if (payment.status !== 'succeeded') return null;
    const charge = payment.latest_charge;
    return { status: 'succeeded', chargeId: typeof charge === 'string' ? charge : charge?.id ?? payment.id };
  };

  return {
    name: 'stripe',
    async charge() {
      throw new Error('Stripe takes payments on its hosted checkout page, not with card numbers.');
    },
    findCharge,
    async refund({ idempotencyKey, chargeIdempotencyKey, amountCents }) {
      const session = await stripe.checkout.sessions.retrieve(chargeIdempotencyKey);
      if (typeof session.payment_intent !== 'string' || session.payment_status !== 'paid') {
        throw new Error('Only a paid checkout session can be refunded.');
      }
      await stripe.refunds.create({ payment_intent: session.payment_intent, ...(amountCents === undefined ? {} : { amount: amountCents }) }, { idempotencyKey });
    },
    checkout: {
      async openSession({ idempotencyKey, amountCents, currency, description, registrationId, paymentIntentId }) {
        const metadata = { registrationId, paymentIntentId };
        const session = await stripe.checkout.sessions.create(
          {
            mode: 'payment',
            line_items: [{ quantity: 1, price_data: { currency: currency.toLowerCase(), unit_amount: amountCents, product_data: { name: description } } }],
            client_reference_id: registrationId,
            metadata,
            // payment_intent.succeeded carries the payment's own metadata, so it names the intent too.
            payment_intent_data: { metadata },
            success_url: `${checkoutPage(registrationId)}?paid=1`,
            cancel_url: checkoutPage(registrationId),
            expires_at: Math.floor(clock.now().getTime() / 1000) + SESSION_MINUTES * 60,
          },
          { idempotencyKey },
        );
        if (!session.url) throw new Error(`Stripe opened checkout session ${session.id} without a page address.`);
        return { id: session.id, url: session.url };
      },
      async openUrl(sessionId) {
        const session = await stripe.checkout.sessions.retrieve(sessionId);
        return session.status === 'open' ? session.url : null;
      },
      async verifyNotification(payload, signature): Promise<CheckoutNotification | null> {
        let event: Stripe.Event;
        try {
          // Default tolerance (5 minutes), measured on our clock.
          event = stripe.webhooks.constructEvent(payload, signature, webhookSecret, undefined, undefined, clock.now().getTime());
        } catch {
          return null;
        }
        if (event.type !== 'checkout.session.completed' && event.type !== 'payment_intent.succeeded') return { kind: 'other' };
        const paymentIntentId = event.data.object.metadata?.paymentIntentId;
        return paymentIntentId ? { kind: 'payment', paymentIntentId } : { kind: 'other' };
      },
    },
  };
}
