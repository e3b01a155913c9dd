import type {
  CheckIn,
  Event,
  EventImage,
  EventWithCounts,
  FailedJob,
  Job,
  PaymentIntent,
  Registration,
  Ticket,
  User,
} from '@ticketbooth/core';

/** Row shapes as SQLite returns them, and their mapping back to the exact domain objects. */

export interface UserRow { id: string; email: string; name: string; role: User['role']; email_verified: number; created_at: string }
export interface EventRow {
  id: string; organizer_id: string; name: string; description: string; category: string; location: string;
  starts_at: string; ends_at: string; open_ended: number; timezone: string; currency: string; capacity: number; status: Event['status'];
  cancel_reason: string | null; max_tickets_per_account: number; attendee_cancellation_cutoff_hours: number | null;
  revision: number; change_notice: string | null; image: string | null; counter_shards: number | null; created_at: string; updated_at: string;
}
export interface TicketTypeRow { id: string; event_id: string; name: string; price_cents: number; quantity: number | null; sold: number; held: number }
export interface RegistrationRow {
  id: string; event_id: string; user_id: string; attendee_name: string; attendee_email: string; lines: string; quantity: number;
  amount_cents: number; currency: string; status: Registration['status']; hold_expires_at: string | null; created_at: string; updated_at: string;
  promo_code_id: string | null; promo_code: string | null; discount_cents: number | null;
}
export interface TicketRow {
  id: string; registration_id: string; event_id: string; user_id: string; ticket_type_id: string; ticket_type_name: string;
  attendee_name: string; status: Ticket['status']; qr: string; code: string; checked_in_at: string | null; created_at: string;
  changed_at: string; checked_in_by: string | null; pdf_version: number;
}
export interface PaymentIntentRow {
  id: string; registration_id: string; user_id: string; amount_cents: number; currency: string; status: PaymentIntent['status'];
  client_secret: string; last_error: string | null; charge_key: string | null; created_at: string; updated_at: string;
}
export interface CheckInRow { id: string; event_id: string; ticket_id: string | null; nonce: string | null; result: CheckIn['result']; at: string; by_user: string }
export interface JobRow {
  id: string; payload: string; attempts: number; run_after: string; last_error: string | null; failed_at: string | null; event_id: string | null;
}

export const toUser = (r: UserRow): User => ({
  id: r.id, email: r.email, name: r.name, role: r.role, emailVerified: r.email_verified === 1, createdAt: r.created_at,
});

export const imageText = (image: EventImage | null): string | null => (image ? JSON.stringify(image) : null);

export function toEvent(r: EventRow, types: TicketTypeRow[]): EventWithCounts {
  return {
    id: r.id, organizerId: r.organizer_id, name: r.name, description: r.description, category: r.category, location: r.location,
    startsAt: r.starts_at, endsAt: r.ends_at, ...(r.open_ended ? { openEnded: true } : {}), timezone: r.timezone, currency: r.currency, capacity: r.capacity, status: r.status,
    cancelReason: r.cancel_reason, maxTicketsPerAccount: r.max_tickets_per_account,
    attendeeCancellationCutoffHours: r.attendee_cancellation_cutoff_hours, ...(r.counter_shards === null ? {} : { counterShards: r.counter_shards }), revision: r.revision,
    image: r.image ? (JSON.parse(r.image) as EventImage) : null, createdAt: r.created_at, updatedAt: r.updated_at,
    ticketTypes: types.map((t) => ({ id: t.id, name: t.name, priceCents: t.price_cents, quantity: t.quantity })),
    counts: Object.fromEntries(types.map((t) => [t.id, { sold: t.sold, held: t.held }])),
  };
}

export const toRegistration = (r: RegistrationRow): Registration => ({
  id: r.id, eventId: r.event_id, userId: r.user_id, attendeeName: r.attendee_name, attendeeEmail: r.attendee_email,
  lines: JSON.parse(r.lines) as Registration['lines'], quantity: r.quantity, amountCents: r.amount_cents, currency: r.currency,
  status: r.status, holdExpiresAt: r.hold_expires_at, createdAt: r.created_at, updatedAt: r.updated_at,
  ...(r.promo_code_id === null ? {} : { promo: { promoCodeId: r.promo_code_id, code: r.promo_code!, discountCents: r.discount_cents! } }),
});

export const toTicket = (r: TicketRow): Ticket => ({
  id: r.id, registrationId: r.registration_id, eventId: r.event_id, userId: r.user_id, ticketTypeId: r.ticket_type_id,
  ticketTypeName: r.ticket_type_name, attendeeName: r.attendee_name, status: r.status, qr: r.qr, code: r.code, checkedInAt: r.checked_in_at, checkedInBy: r.checked_in_by,
  createdAt: r.created_at, ...(r.pdf_version > 0 ? { pdfVersion: r.pdf_version } : {}),
});

export const toPaymentIntent = (r: PaymentIntentRow): PaymentIntent => ({
  id: r.id, registrationId: r.registration_id, userId: r.user_id, amountCents: r.amount_cents, currency: r.currency,
  status: r.status, clientSecret: r.client_secret, lastError: r.last_error ? (JSON.parse(r.last_error) as PaymentIntent['lastError']) : null,
  chargeKey: r.charge_key, createdAt: r.created_at, updatedAt: r.updated_at,
});

export const toCheckIn = (r: CheckInRow): CheckIn => ({
  id: r.id, eventId: r.event_id, ticketId: r.ticket_id, nonce: r.nonce, result: r.result, at: r.at, by: r.by_user,
});

export const toJob = (r: JobRow): Job => ({
  id: r.id, payload: JSON.parse(r.payload) as Job['payload'], attempts: r.attempts, runAfter: r.run_after, lastError: r.last_error,
});

export const toFailedJob = (r: JobRow): FailedJob => ({
  id: r.id, payload: JSON.parse(r.payload) as Job['payload'], attempts: r.attempts, lastError: r.last_error ?? '', failedAt: r.failed_at!, eventId: r.event_id,
});

export function searchText(e: Pick<Event, 'name' | 'description' | 'location' | 'category'>): string {
  return `${e.name}\n${e.description}\n${e.location}\n${e.category}`.toLowerCase();
}
