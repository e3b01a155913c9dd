import { z } from '@hono/zod-openapi';
import { MAX_REFUND_REASON_LENGTH, MAX_TICKETS_PER_REGISTRATION } from '@ticketbooth/core';
import { id, text } from './schemas.js';

/** Shapes of the organizer's order tools and the attendee's cancel of one ticket. */

export const RefundBody = z
  .object({
    ticketIds: z.array(id).min(1).max(MAX_TICKETS_PER_REGISTRATION).optional().openapi({ description: 'The tickets to refund; absent: every ticket not used yet' }),
    reason: z.string().trim().max(MAX_REFUND_REASON_LENGTH).optional().openapi({ description: 'Kept with the refund and mailed to the attendee' }),
  })
  .strict()
  .openapi('RefundRequest');

export const RenameTicketBody = z.object({ attendeeName: text(120) }).strict().openapi('RenameTicket');

const timestamp = z.iso.datetime();
const money = z.number().int();

export const OrderHistorySchema = z
  .object({
    registrationId: z.string(),
    currency: z.string(),
    amountCents: money.openapi({ description: 'What the order cost' }),
    refundedCents: money.openapi({ description: 'What was refunded of it ticket by ticket' }),
    items: z.array(
      z.discriminatedUnion('kind', [
        z.object({ kind: z.literal('placed'), at: timestamp, amountCents: money }),
        z.object({ kind: z.literal('paid'), at: timestamp, amountCents: money, paymentIntentId: z.string() }),
        z.object({ kind: z.literal('payment_failed'), at: timestamp, amountCents: money, paymentIntentId: z.string(), error: z.string() }),
        z.object({
          kind: z.literal('refunded'),
          at: timestamp,
          amountCents: money,
          refundId: z.string(),
          ticketIds: z.array(z.string()),
          reason: z.string(),
          by: z.enum(['organizer', 'attendee']),
        }),
      ]),
    ).openapi({ description: 'Oldest first' }),
  })
  .openapi('OrderHistory');
