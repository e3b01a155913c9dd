import { presumedDeadAfterMs, publicIntent, type PaymentIntent, type RegistrationRequest } from '@ticketbooth/core';
import type { App, AppOptions } from '../context.js';
import { authenticate } from '../http/auth.js';
import { withIdempotency } from '../http/idempotency.js';
import { registrationJson } from '../serializers.js';
import {
  CheckoutSessionSchema,
  ConfirmPaymentBody,
  IdParam,
  PageQuery,
  PaymentIntentSchema,
  RegisterBody,
  RegistrationSchema,
  listOf,
} from '../schemas.js';
import { errorResponse, json, jsonBody, retryLaterResponse, route } from './define.js';

const keyReused = errorResponse('This Idempotency-Key was already used with a different request (idempotency_key_reused)');
const idempotencyHeader = {
  name: 'Idempotency-Key',
  in: 'header' as const,
  required: false,
  description:
    'A retry with the same key replays the first answer; the same key with another body is refused (422). ' +
    'While the first request runs, a retry gets 409 idempotency_in_progress; if that request died, a retry after 60 s takes over and gets its outcome.',
  schema: { type: 'string' as const, maxLength: 255 },
};

/** A keyed request's answer, which may be the stored first answer to its key. */
const replayable = <T extends object>(response: T) => ({
  ...response,
  headers: {
    'Idempotent-Replayed': { description: '`true` when this is the stored answer to an earlier request with the same key', schema: { type: 'string' as const, enum: ['true'] } },
  },
});

export function registrationRoutes(app: App, { services }: AppOptions): void {
  const { identity } = services.deps;
  const auth = authenticate(identity);
  const { registrations, payments } = services;
  // Which gateway answers tells the client which payment form to show.
  const intentJson = (intent: PaymentIntent) => ({ ...publicIntent(intent), gateway: services.deps.payments.name });

  app.openapi(
    route({ operationId: 'register', method: 'post', path: '/api/events/{id}/registrations', tags: ['Registrations'], auth,
      summary: 'Register for 1-10 tickets: free -> confirmed with tickets; paid -> spots held pending payment',
      parameters: [idempotencyHeader],
      request: { params: IdParam, body: jsonBody(RegisterBody) },
      responses: {
        201: replayable(json(RegistrationSchema, 'Registered')),
        409: errorResponse(
          'sold_out {spotsRemaining}, not_on_sale, hold_exists {registrationId} (pay or cancel that one first), ' +
            'account_limit {maxTicketsPerAccount, held} (the account would hold more than the event allows), promo_code_used_up, or idempotency_in_progress',
        ),
        400: errorResponse('invalid_promo_code (unknown, disabled, outside its window or for none of these ticket types), or validation_failed'),
        422: keyReused,
        503: retryLaterResponse('The event\'s prices kept changing while the order was priced (busy); nothing was placed'),
      } }),
    async (c) => {
      const principal = c.var.principal;
      const { id } = c.req.valid('param');
      const body: RegistrationRequest = c.req.valid('json');
      return withIdempotency(c, services.deps, principal, `register:${id}`, body, async ({ requestKey, resumed }) => {
        // A dead first attempt may have placed the registration: that one is the answer it never sent.
        const placed = resumed && requestKey ? await registrations.findByRequestKey(principal, requestKey) : null;
        return c.json(registrationJson(placed ?? (await registrations.register(principal, id, body, requestKey))), 201);
      });
    },
  );

  app.openapi(
    route({ operationId: 'listMyRegistrations', method: 'get', path: '/api/me/registrations', tags: ['Registrations'], auth, summary: 'Your registrations, newest first',
      request: { query: PageQuery }, responses: { 200: json(listOf(RegistrationSchema, 'RegistrationList'), 'A page of registrations') } }),
    async (c) => {
      const principal = c.var.principal;
      const { limit, cursor } = c.req.valid('query');
      const page = await registrations.listMine(principal, limit, cursor);
      return c.json({ items: page.items.map(registrationJson), nextCursor: page.nextCursor }, 200);
    },
  );

  app.openapi(
    route({ operationId: 'getRegistration', method: 'get', path: '/api/registrations/{id}', tags: ['Registrations'], auth, summary: 'A registration (its owner or the event organizer)',
      request: { params: IdParam }, responses: { 200: json(RegistrationSchema, 'The registration') } }),
    async (c) => {
      const principal = c.var.principal;
      return c.json(registrationJson(await registrations.get(principal, c.req.valid('param').id)), 200);
    },
  );

  app.openapi(
    route({ operationId: 'cancelRegistration', method: 'post', path: '/api/registrations/{id}/cancel', tags: ['Registrations'], auth,
      summary: 'Cancel your registration: spots released, a paid one refunded',
      request: { params: IdParam },
      responses: {
        200: json(RegistrationSchema, 'Cancelled'),
        409: errorResponse(
          'invalid_state, or cancellation_closed {reason}: ticket_used, event_started, cutoff_passed {closedAt} ' +
            '(a paid order, past the event\'s attendeeCancellationCutoffHours) or attendee_cancellation_off (the event takes no attendee cancellations of paid orders)',
        ),
      } }),
    async (c) => {
      const principal = c.var.principal;
      const { registration, jobIds } = await registrations.cancel(principal, c.req.valid('param').id);
      // Refund and mail now, this cancel's jobs only; the outbox retries anything that fails.
      await services.jobs.runJobs(jobIds);
      return c.json(registrationJson(registration), 200);
    },
  );

  app.openapi(
    route({ operationId: 'createPaymentIntent', method: 'post', path: '/api/registrations/{id}/payment-intents', tags: ['Payments'], auth,
      summary: 'Start paying a held registration (the amount comes from the server)',
      request: { params: IdParam }, responses: { 201: json(PaymentIntentSchema, 'Payment intent') } }),
    async (c) => {
      const principal = c.var.principal;
      return c.json(intentJson(await payments.createIntent(principal, c.req.valid('param').id)), 201);
    },
  );

  app.openapi(
    route({ operationId: 'startCheckout', method: 'post', path: '/api/payment-intents/{id}/checkout-session', tags: ['Payments'], auth,
      summary: "Open the gateway's hosted payment page (gateway `stripe`); the registration is confirmed when the gateway says it was paid",
      request: { params: IdParam }, responses: { 201: json(CheckoutSessionSchema, 'The page to send the attendee to (the same page again while it is open)') } }),
    async (c) => {
      const principal = c.var.principal;
      return c.json(await payments.startCheckout(principal, c.req.valid('param').id), 201);
    },
  );

  app.openapi(
    route({ operationId: 'confirmPayment', method: 'post', path: '/api/payment-intents/{id}/confirm', tags: ['Payments'], auth,
      summary: 'Pay with a card; on success the registration is confirmed and tickets issued and mailed',
      parameters: [idempotencyHeader],
      request: { params: IdParam, body: jsonBody(ConfirmPaymentBody) },
      responses: { 200: replayable(json(PaymentIntentSchema, 'Succeeded')), 402: errorResponse('The card was refused (card_declined or insufficient_funds); no money was taken'), 422: keyReused } }),
    async (c) => {
      const principal = c.var.principal;
      const { id } = c.req.valid('param');
      const { card } = c.req.valid('json');
      // The card number is not part of the stored request hash: a hash of it would still identify it.
      const fingerprint = { last4: card.number.replace(/\D/g, '').slice(-4), expMonth: card.expMonth, expYear: card.expYear };
      return withIdempotency(c, services.deps, principal, `confirm:${id}`, fingerprint, async ({ resumed }) => {
        // A dead first attempt may have left its charge mid-flight: settle it before charging anew.
        if (resumed) await payments.recoverAbandoned(principal, id, presumedDeadAfterMs(services.deps.settings));
        return c.json(intentJson(await payments.confirm(principal, id, card)), 200);
      });
    },
  );
}
