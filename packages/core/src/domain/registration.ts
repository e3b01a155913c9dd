import type { AppliedPromo } from './promo-code.js';

export type RegistrationStatus = 'pending_payment' | 'confirmed' | 'expired' | 'cancelled' | 'refunded';

export interface RegistrationLine {
  ticketTypeId: string;
  quantity: number;
  /** Price at the time of registration, so later price edits never change an order. */
  unitPriceCents: number;
}

export interface Registration {
  id: string;
  eventId: string;
  userId: string;
  /** Copied from the user so an organizer's registrant list needs no join (DynamoDB has none). */
  attendeeName: string;
  attendeeEmail: string;
  lines: RegistrationLine[];
  quantity: number;
  /** What the buyer pays: the lines' prices less the promo code's discount, if any. */
  amountCents: number;
  /** The promo code it was placed with; absent when none. Its use counts while the registration holds spots. */
  promo?: AppliedPromo;
  currency: string;
  status: RegistrationStatus;
  holdExpiresAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export const MAX_TICKETS_PER_REGISTRATION = 10;
