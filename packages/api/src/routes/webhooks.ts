import { z } from '@hono/zod-openapi';
import type { App, AppOptions } from '../context.js';
import { errorBody } from '../http/errors.js';
import { errorResponse, json, route } from './define.js';

/** Webhook deliveries are signed by the gateway: the signature is the credential, so no token. */
export function webhookRoutes(app: App, { services }: AppOptions): void {
  app.openapi(
    route({ operationId: 'receiveStripeWebhook', method: 'post', path: '/api/webhooks/stripe', tags: ['Payments'],
      summary: 'Stripe event delivery: checkout.session.completed and payment_intent.succeeded confirm the registration (once, however often delivered)',
      request: { headers: z.object({ 'stripe-signature': z.string().min(1).max(2000) }) },
      responses: {
        200: json(z.object({ received: z.literal(true) }), 'Handled, or not an event this server acts on'),
        400: errorResponse('The signature is missing, wrong or older than 5 minutes (invalid_signature); nothing changed'),
        404: errorResponse('This server does not use Stripe'),
      } }),
    async (c) => {
      const checkout = services.deps.payments.checkout;
      if (!checkout) return c.json(errorBody('not_found', 'This server does not take Stripe payments.'), 404);
      // The signature is over the exact bytes sent: the raw body, never a re-serialized parse.
      const payload = await c.req.text();
      const notification = checkout.verifyNotification(payload, c.req.valid('header')['stripe-signature']);
      if (!notification) return c.json(errorBody('invalid_signature', 'The Stripe signature is missing, wrong or too old.'), 400);
      if (notification.kind === 'payment') await services.payments.settleCheckout(notification.paymentIntentId);
      return c.json({ received: true as const }, 200);
    },
  );
}
