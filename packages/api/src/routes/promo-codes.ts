import type { PromoCode, RegistrationRequest } from '@ticketbooth/core';
import type { z } from '@hono/zod-openapi';
import type { App, AppOptions } from '../context.js';
import { authenticate } from '../http/auth.js';
import { PromoCodeBody, PromoCodeList, PromoCodeSchema, PromoIdParam, QuoteBody, QuoteSchema } from '../promo-schemas.js';
import { IdParam } from '../schemas.js';
import { errorResponse, json, jsonBody, route } from './define.js';

const promoCodeJson = (p: PromoCode): z.input<typeof PromoCodeSchema> => ({
  id: p.id, eventId: p.eventId, code: p.code, percentOff: p.percentOff, amountOffCents: p.amountOffCents, maxUses: p.maxUses,
  validFrom: p.validFrom, validUntil: p.validUntil, ticketTypeIds: p.ticketTypeIds, uses: p.uses, disabled: p.disabledAt !== null, createdAt: p.createdAt,
});

/** Promo codes: the organizer manages an event's codes; an attendee sees what a code takes off before registering. */
export function promoCodeRoutes(app: App, { services }: AppOptions): void {
  const auth = authenticate(services.deps.identity);
  const { promoCodes, registrations } = services;

  app.openapi(
    route({ operationId: 'createPromoCode', method: 'post', path: '/api/events/{id}/promo-codes', tags: ['Promo codes'], auth,
      summary: 'A promo code: a percent or a fixed amount off each ticket, optional max uses, validity window and ticket types',
      request: { params: IdParam, body: jsonBody(PromoCodeBody) },
      responses: {
        201: json(PromoCodeSchema, 'Created'),
        400: errorResponse('validation_failed: percent outside 1..100, an amount off above a price it applies to, both or neither, unknown ticket types, a window that ends before it starts'),
        409: errorResponse('code_taken: the event already has this code (in any case)'),
      } }),
    async (c) => {
      const { code, maxUses, ...terms } = c.req.valid('json');
      return c.json(promoCodeJson(await promoCodes.create(c.var.principal, c.req.valid('param').id, { code, maxUses, ...terms })), 201);
    },
  );

  app.openapi(
    route({ operationId: 'listPromoCodes', method: 'get', path: '/api/events/{id}/promo-codes', tags: ['Promo codes'], auth,
      summary: "The event's promo codes, oldest first, with their uses", request: { params: IdParam },
      responses: { 200: json(PromoCodeList, 'The codes') } }),
    async (c) => c.json({ items: (await promoCodes.list(c.var.principal, c.req.valid('param').id)).map(promoCodeJson) }, 200),
  );

  app.openapi(
    route({ operationId: 'disablePromoCode', method: 'delete', path: '/api/events/{id}/promo-codes/{promoId}', tags: ['Promo codes'], auth,
      summary: 'Disable a promo code: no new registration may use it; past uses are kept', request: { params: PromoIdParam },
      responses: { 204: { description: 'Disabled' } } }),
    async (c) => {
      const { id, promoId } = c.req.valid('param');
      await promoCodes.disable(c.var.principal, id, promoId);
      return c.body(null, 204);
    },
  );

  app.openapi(
    route({ operationId: 'quoteRegistration', method: 'post', path: '/api/events/{id}/quote', tags: ['Promo codes'], auth,
      summary: 'What a registration would cost now, with its promo code applied (nothing is held)',
      request: { params: IdParam, body: jsonBody(QuoteBody) },
      responses: {
        200: json(QuoteSchema, 'The price'),
        400: errorResponse('invalid_promo_code: unknown, disabled, outside its window or for none of these ticket types; or validation_failed'),
        409: errorResponse('promo_code_used_up'),
      } }),
    async (c) => {
      const body: RegistrationRequest = c.req.valid('json');
      const quote = await registrations.quote(c.var.principal, c.req.valid('param').id, body);
      return c.json({
        subtotalCents: quote.subtotalCents, discountCents: quote.promo?.discountCents ?? 0, amountCents: quote.amountCents,
        currency: quote.currency, promoCode: quote.promo?.code ?? null,
      }, 200);
    },
  );
}
