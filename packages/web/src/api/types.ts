/** Shapes of the HTTP contract (docs/api.md) that the app reads. */

export type Role = 'organizer' | 'attendee';

export interface User {
  id: string;
  email: string;
  name: string;
  role: Role;
  emailVerified: boolean;
}

export interface Tokens {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
}

export interface TicketType {
  id: string;
  name: string;
  priceCents: number;
  quantity: number | null;
  sold: number;
  spotsRemaining: number;
}

export type EventStatus = 'draft' | 'published' | 'cancelled';

export interface TicketEvent {
  id: string;
  organizerId: string;
  name: string;
  description: string;
  category: string;
  location: string;
  startsAt: string;
  endsAt: string;
  timezone: string;
  status: EventStatus;
  currency: string;
  capacity: number;
  ticketTypes: TicketType[];
  sold: number;
  spotsRemaining: number;
  cancelReason?: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export type TicketStatus = 'valid' | 'used' | 'cancelled';

export interface Ticket {
  id: string;
  registrationId: string;
  eventId: string;
  ticketTypeId: string;
  ticketTypeName: string;
  attendeeName: string;
  status: TicketStatus;
  qr: string;
  checkedInAt: string | null;
}

export type RegistrationStatus = 'pending_payment' | 'confirmed' | 'expired' | 'cancelled' | 'refunded';

export interface Registration {
  id: string;
  eventId: string;
  userId: string;
  lines: { ticketTypeId: string; quantity: number; unitPriceCents?: number }[];
  quantity: number;
  amountCents: number;
  currency: string;
  status: RegistrationStatus;
  holdExpiresAt: string | null;
  tickets: Ticket[];
  createdAt: string;
}

export interface PaymentIntent {
  id: string;
  registrationId: string;
  amountCents: number;
  currency: string;
  status: 'requires_payment_method' | 'processing' | 'succeeded' | 'canceled';
  clientSecret: string;
  lastError: { code: string; message: string } | null;
}

export type CheckInResult = 'admitted' | 'already_used' | 'invalid' | 'wrong_event' | 'cancelled';

export interface CheckInResponse {
  result: CheckInResult;
  ticket?: { id: string; attendeeName: string; ticketTypeName: string; checkedInAt: string | null };
}

export interface Registrant {
  registrationId: string;
  attendeeName: string;
  attendeeEmail: string;
  quantity: number;
  ticketTypes: { ticketTypeId: string; name: string; quantity: number }[];
  amountCents: number;
  currency: string;
  status: string;
  createdAt: string;
  checkedIn: number;
}

export interface EventStats {
  capacity: number;
  sold: number;
  held: number;
  spotsRemaining: number;
  utilization: number;
  registrations: number;
  confirmed: number;
  revenueCents: number;
  currency: string;
  checkedIn: number;
  timeline: { date: string; registrations: number; revenueCents: number }[];
  failedJobs: FailedJob[];
}

/** Outbox work for an event that was given up on after its last retry. */
export interface FailedJob {
  jobId: string;
  kind: 'send_ticket_mail' | 'send_cancellation_mail' | 'refund_registration' | 'cancel_event_registrations';
  registrationId: string | null;
  attendeeEmail: string | null;
  attempts: number;
  failedAt: string;
}

export interface MailItem {
  to: string;
  subject: string;
  text: string;
  sentAt: string;
  attachments: { filename: string; contentType: string; size: number }[];
}
