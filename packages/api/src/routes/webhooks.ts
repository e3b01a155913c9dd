import { z } from '@hono/zod-openapi';
// By its module: the package's index brings nodemailer (the local mailer) into the API function's start.
import { RateLimiter } from '@ticketbooth/adapters-local/rate-limiter';
import type { App, AppOptions } from '../context.js';
import { errorBody } from '../http/errors.js';
import { errorResponse, json, retryLaterResponse, route } from './define.js';

const WEBHOOK_WINDOW_MS = 60_000;
/**
 * Enough for Stripe's deliveries in a busy on-sale (10 a second from one of its addresses); past it
 * Stripe retries with backoff, so a refused delivery is late, not lost.
 */
const DEFAULT_DELIVERIES_PER_MINUTE = 600;

/** Webhook deliveries are signed by the gateway: the signature is the credential, so no token. */
export function webhookRoutes(app: App, { services, clientAddress, webhookDeliveriesPerMinute }: AppOptions): void {
  const { clock } = services.deps;
  /*
   * Deliberately per process, unlike the store-kept limits (RATE_LIMITS): it runs before the
   * signature is checked, on every request anyone sends, so it must cost nothing. A counter in the
   * store would make each forged request a paid DynamoDB write and a round trip, more than the HMAC
   * it saves; on Lambda the sum over instances may pass the limit, which only lets more forged
   * requests reach a check that costs microseconds and changes nothing. The limit across instances
   * is the edge's job (a WAF rate rule), not a store counter's.
   * It cannot block Stripe's real deliveries: the key is the client address as TRUST_PROXY allows
   * (on AWS the address CloudFront appends), which a sender cannot choose, so a flood from any other
   * address fills only its own count; and a refused delivery is retried by Stripe for days.
   */
  const perAddress = new RateLimiter(webhookDeliveriesPerMinute ?? DEFAULT_DELIVERIES_PER_MINUTE, WEBHOOK_WINDOW_MS);
  // Before the body is read or a signature computed: a flood costs a map lookup per request.
  app.use('/api/webhooks/stripe', async (c, next) => {
    const address = clientAddress(c);
    const now = clock.now().getTime();
    if (perAddress.attempt(address, now)) return next();
    c.header('Retry-After', String(Math.max(1, Math.ceil(perAddress.retryAfterMs(address, now) / 1000))));
    return c.json(errorBody('too_many_attempts', 'Too many webhook deliveries from this address; try again later.'), 429);
  });

  app.openapi(
    route({ operationId: 'receiveStripeWebhook', method: 'post', path: '/api/webhooks/stripe', tags: ['Payments'],
      summary: 'Stripe event delivery: checkout.session.completed and payment_intent.succeeded confirm the registration (once, however often delivered)',
      request: { headers: z.object({ 'stripe-signature': z.string().min(1).max(2000) }) },
      responses: {
        200: json(z.object({ received: z.literal(true) }), 'Handled, or not an event this server acts on'),
        400: errorResponse('The signature is missing, wrong or older than 5 minutes (invalid_signature); nothing changed'),
        404: errorResponse('This server does not use Stripe'),
        429: retryLaterResponse('Too many deliveries from this address in a minute (too_many_attempts), answered before the signature is checked; nothing changed'),
      } }),
    async (c) => {
      const checkout = services.deps.payments.checkout;
      if (!checkout) return c.json(errorBody('not_found', 'This server does not take Stripe payments.'), 404);
      // The signature is over the exact bytes sent: the raw body, never a re-serialized parse.
      const payload = await c.req.text();
      const notification = await checkout.verifyNotification(payload, c.req.valid('header')['stripe-signature']);
      if (!notification) return c.json(errorBody('invalid_signature', 'The Stripe signature is missing, wrong or too old.'), 400);
      if (notification.kind === 'payment') await services.payments.settleCheckout(notification.paymentIntentId);
      return c.json({ received: true as const }, 200);
    },
  );
}
