/**
 * A promo code of one event: a percent or a fixed amount off each ticket of the types it names
 * (all types when it names none), used at most `maxUses` times inside its validity window.
 */
export interface PromoCode {
  id: string;
  eventId: string;
  /** Normalized (normalizePromoCode): codes are compared case-insensitively and unique per event. */
  code: string;
  /** Exactly one of percentOff (1..100) and amountOffCents (minor units, per ticket) is set. */
  percentOff: number | null;
  amountOffCents: number | null;
  /** null: unlimited. */
  maxUses: number | null;
  validFrom: string | null;
  validUntil: string | null;
  /** Empty: every ticket type of the event. */
  ticketTypeIds: string[];
  /** Live registrations placed with it (held or confirmed): a released one gives its use back. */
  uses: number;
  disabledAt: string | null;
  createdAt: string;
}

/** What a registration records of the code it was placed with. */
export interface AppliedPromo {
  promoCodeId: string;
  code: string;
  /** Taken off the order's full price; the registration's amountCents is what is left to pay. */
  discountCents: number;
}

/** Codes people type: letters, digits, dashes and underscores. */
export const PROMO_CODE_PATTERN = /^[A-Za-z0-9_-]{3,40}$/;

export function normalizePromoCode(code: string): string {
  return code.trim().toUpperCase();
}
