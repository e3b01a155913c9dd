import { z } from '@hono/zod-openapi';
import { MAX_TICKETS_PER_REGISTRATION } from '@ticketbooth/core';
import { IdParam } from './schemas.js';

/** Shapes of the waiting list (join, leave, one's entries, the organizer's list, claiming an offer). */

const timestamp = z.iso.datetime();

export const JoinWaitlistBody = z
  .object({
    quantity: z.number().int().min(1).max(MAX_TICKETS_PER_REGISTRATION),
    ticketTypeId: IdParam.shape.id.optional().openapi({ description: "The sold-out ticket type to wait for (default: the event's first)" }),
  })
  .strict()
  .openapi('JoinWaitlist');

const OfferSchema = z
  .object({ id: z.string(), expiresAt: timestamp.openapi({ description: 'The spots are held until then; claim before it' }) })
  .openapi('WaitlistOffer');

const ENTRY_EXAMPLE = {
  id: 'wl_Qm3x', eventId: 'evt_3kTz9w', ticketTypeId: 'tt_general', quantity: 2, status: 'waiting' as const, position: 4, offer: null, createdAt: '2026-11-22T10:00:00.000Z',
};

export const WaitlistEntrySchema = z
  .object({
    id: z.string(),
    eventId: z.string(),
    ticketTypeId: z.string(),
    quantity: z.number().int(),
    status: z.enum(['waiting', 'offered']),
    position: z.number().int().min(1).openapi({ description: "1 = next in line among the event's live entries" }),
    offer: OfferSchema.nullable(),
    createdAt: timestamp,
  })
  .openapi('WaitlistEntry', { example: ENTRY_EXAMPLE });

const ListedEntrySchema = WaitlistEntrySchema.extend({ attendeeName: z.string(), attendeeEmail: z.string() }).openapi('WaitlistListedEntry', {
  example: { ...ENTRY_EXAMPLE, attendeeName: 'Ada Lovelace', attendeeEmail: 'ada@example.com' },
});

export const MyWaitlistSchema = z.object({ items: z.array(WaitlistEntrySchema) }).openapi('MyWaitlist');

export const EventWaitlistSchema = z
  .object({
    count: z.number().int(),
    waitingQuantity: z.number().int().openapi({ description: 'Spots the entries still waiting want' }),
    offeredQuantity: z.number().int().openapi({ description: 'Spots held for live offers (counted as held in the stats)' }),
    items: z.array(ListedEntrySchema),
  })
  .openapi('EventWaitlist');
