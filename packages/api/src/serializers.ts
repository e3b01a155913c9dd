import {
  announcedEnd,
  imageUrl,
  spotsRemaining,
  variantOf,
  ticketTypeSpotsRemaining,
  totals,
  type EventWithCounts,
  type RegistrationView,
  type Ticket,
  type User,
} from '@ticketbooth/core';
import type { z } from '@hono/zod-openapi';
import type { EventSchema, RegistrationSchema, TicketSchema, UserSchema } from './schemas.js';
import type { EventImageSchema } from './image-schemas.js';

/**
 * Domain objects to the JSON of API.md: internal fields (user ids of holders, gateway keys) stay
 * inside. Each returns its response schema's input type, so a field the schema and the serializer
 * disagree on fails the typecheck.
 */

export function userJson(u: User): z.input<typeof UserSchema> {
  return { id: u.id, email: u.email, name: u.name, role: u.role, emailVerified: u.emailVerified };
}

export function eventJson(e: EventWithCounts): z.input<typeof EventSchema> {
  return {
    id: e.id,
    organizerId: e.organizerId,
    name: e.name,
    description: e.description,
    category: e.category,
    location: e.location,
    startsAt: e.startsAt,
    endsAt: announcedEnd(e),
    timezone: e.timezone,
    status: e.status,
    currency: e.currency,
    capacity: e.capacity,
    ticketTypes: e.ticketTypes.map((t) => ({
      id: t.id,
      name: t.name,
      priceCents: t.priceCents,
      quantity: t.quantity,
      sold: e.counts[t.id]?.sold ?? 0,
      spotsRemaining: ticketTypeSpotsRemaining(e, t.id),
    })),
    sold: totals(e).sold,
    spotsRemaining: spotsRemaining(e),
    cancelReason: e.cancelReason,
    maxTicketsPerAccount: e.maxTicketsPerAccount,
    attendeeCancellationCutoffHours: e.attendeeCancellationCutoffHours,
    counterShards: e.counterShards ?? null,
    image: eventImageJson(e),
    createdAt: e.createdAt,
    updatedAt: e.updatedAt,
  };
}

/** The page variant at the top for the simple case; all variants for srcset and share tags. */
export function eventImageJson(e: Pick<EventWithCounts, 'name' | 'image'>): z.input<typeof EventImageSchema> | null {
  if (!e.image) return null;
  const page = variantOf(e.image, 'page') ?? e.image.variants[0]!;
  return {
    url: imageUrl(page.key),
    width: page.width,
    height: page.height,
    alt: e.image.alt ?? e.name,
    variants: e.image.variants.map((v) => ({ kind: v.kind, url: imageUrl(v.key), width: v.width, height: v.height })),
  };
}

export function ticketJson(t: Ticket): z.input<typeof TicketSchema> {
  return {
    id: t.id,
    registrationId: t.registrationId,
    eventId: t.eventId,
    ticketTypeId: t.ticketTypeId,
    ticketTypeName: t.ticketTypeName,
    attendeeName: t.attendeeName,
    status: t.status,
    qr: t.qr,
    code: t.code,
    checkedInAt: t.checkedInAt,
  };
}

export function registrationJson(r: RegistrationView): z.input<typeof RegistrationSchema> {
  return {
    id: r.id,
    eventId: r.eventId,
    userId: r.userId,
    lines: r.lines.map((l) => ({ ticketTypeId: l.ticketTypeId, quantity: l.quantity, unitPriceCents: l.unitPriceCents })),
    quantity: r.quantity,
    amountCents: r.amountCents,
    promoCode: r.promo?.code ?? null,
    discountCents: r.promo?.discountCents ?? 0,
    currency: r.currency,
    status: r.status,
    holdExpiresAt: r.holdExpiresAt,
    tickets: r.tickets.map(ticketJson),
    createdAt: r.createdAt,
  };
}
