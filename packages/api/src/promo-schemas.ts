import { z } from '@hono/zod-openapi';
import { PROMO_CODE_PATTERN } from '@ticketbooth/core';
import { IdParam, RegisterBody, isoInstant, money, timestamp } from './schemas.js';

/** Shapes of the promo-code additions: the organizer's codes, and the attendee's quote. */

const id = IdParam.shape.id;

export const PromoCodeBody = z
  .object({
    code: z.string().trim().regex(PROMO_CODE_PATTERN, 'must be 3 to 40 letters, digits, dashes or underscores'),
    // The range is checked with the event's prices (400 validation_failed), so an integer is all the shape asks.
    percentOff: z.number().int().optional().openapi({ description: 'A whole percent off each ticket, 1 to 100' }),
    amountOffCents: money.optional().openapi({ description: 'A fixed amount off each ticket, in minor units; no more than the price of any paid ticket type it applies to' }),
    maxUses: z.number().int().min(1).max(1_000_000).optional().openapi({ description: 'Registrations that may use it (default: unlimited)' }),
    validFrom: isoInstant.optional(),
    validUntil: isoInstant.optional(),
    ticketTypeIds: z.array(id).max(50).optional().openapi({ description: 'The ticket types it applies to (default: all)' }),
  })
  .strict()
  .openapi('PromoCodeRequest');

export const PromoCodeSchema = z
  .object({
    id: z.string(),
    eventId: z.string(),
    code: z.string().openapi({ description: 'Normalized to upper case; typed in any case' }),
    percentOff: z.number().int().nullable(),
    amountOffCents: z.number().int().nullable(),
    maxUses: z.number().int().nullable(),
    validFrom: timestamp.nullable(),
    validUntil: timestamp.nullable(),
    ticketTypeIds: z.array(z.string()),
    uses: z.number().int().openapi({ description: 'Registrations holding or paid with it now (an expired or cancelled one gave its use back)' }),
    disabled: z.boolean(),
    createdAt: timestamp,
  })
  .openapi('PromoCode');

export const PromoCodeList = z.object({ items: z.array(PromoCodeSchema) }).openapi('PromoCodeList');

export const PromoIdParam = z.object({
  id: id.openapi({ param: { name: 'id', in: 'path' } }),
  promoId: id.openapi({ param: { name: 'promoId', in: 'path' } }),
});

export const QuoteBody = RegisterBody.openapi('QuoteRequest');

export const QuoteSchema = z
  .object({
    subtotalCents: z.number().int(),
    discountCents: z.number().int(),
    amountCents: z.number().int().openapi({ description: 'What the registration would cost now' }),
    currency: z.string(),
    promoCode: z.string().nullable(),
  })
  .openapi('Quote');
