import type { TicketType } from '../domain/event.js';
import type { PromoCode } from '../domain/promo-code.js';
import type { RegistrationLine } from '../domain/registration.js';

type Discount = Pick<PromoCode, 'percentOff' | 'amountOffCents' | 'ticketTypeIds'>;
type Line = Pick<RegistrationLine, 'ticketTypeId' | 'quantity' | 'unitPriceCents'>;

const appliesTo = (code: Pick<PromoCode, 'ticketTypeIds'>, ticketTypeId: string): boolean =>
  code.ticketTypeIds.length === 0 || code.ticketTypeIds.includes(ticketTypeId);

/**
 * What a code takes off one ticket at `unitPriceCents`: a percent rounded to the nearest minor
 * unit, or the fixed amount but never more than the price, so no ticket costs less than 0. Each
 * ticket's share is a whole number of minor units, so refunding one ticket refunds exactly its share.
 */
export function discountPerTicket(code: Pick<PromoCode, 'percentOff' | 'amountOffCents'>, unitPriceCents: number): number {
  const off = code.percentOff !== null ? Math.round((unitPriceCents * code.percentOff) / 100) : (code.amountOffCents ?? 0);
  return Math.max(0, Math.min(off, unitPriceCents));
}

/** The discount on an order, ticket by ticket, over the lines of the ticket types the code applies to. */
export function promoDiscount(code: Discount, lines: readonly Line[]): number {
  return lines.reduce((sum, l) => sum + (appliesTo(code, l.ticketTypeId) ? l.quantity * discountPerTicket(code, l.unitPriceCents) : 0), 0);
}

export type PromoRefusal = 'invalid_promo_code' | 'promo_code_used_up';

/**
 * Whether an order may use the code now: unknown, disabled, outside its window, or for none of the
 * order's ticket types is invalid; a code with all its uses taken is used up.
 */
export function promoCodeRefusal(code: PromoCode | null, lines: readonly Pick<Line, 'ticketTypeId'>[], now: Date): PromoRefusal | null {
  if (!code || code.disabledAt !== null) return 'invalid_promo_code';
  if (code.validFrom !== null && Date.parse(code.validFrom) > now.getTime()) return 'invalid_promo_code';
  if (code.validUntil !== null && Date.parse(code.validUntil) <= now.getTime()) return 'invalid_promo_code';
  if (!lines.some((l) => appliesTo(code, l.ticketTypeId))) return 'invalid_promo_code';
  if (code.maxUses !== null && code.uses >= code.maxUses) return 'promo_code_used_up';
  return null;
}

export type PromoCodeTerms = Pick<PromoCode, 'percentOff' | 'amountOffCents' | 'validFrom' | 'validUntil' | 'ticketTypeIds'>;

/**
 * What is wrong with a new code's terms for the event's ticket types, field by field (null: nothing):
 * exactly one of a percent (1..100) or an amount off, an amount off no more than the price of any
 * paid ticket type it applies to, only the event's ticket types, a window that ends after it starts.
 */
export function promoCodeTermsProblems(terms: PromoCodeTerms, ticketTypes: readonly Pick<TicketType, 'id' | 'priceCents'>[]): Record<string, string> | null {
  const problems: Record<string, string> = {};
  if ((terms.percentOff === null) === (terms.amountOffCents === null)) problems.percentOff = 'give either percentOff or amountOffCents';
  if (terms.percentOff !== null && !(Number.isInteger(terms.percentOff) && terms.percentOff >= 1 && terms.percentOff <= 100)) {
    problems.percentOff = 'a whole percent from 1 to 100';
  }
  const unknown = terms.ticketTypeIds.filter((id) => !ticketTypes.some((t) => t.id === id));
  if (unknown.length > 0) problems.ticketTypeIds = `this event has no ticket type ${unknown.join(', ')}`;
  if (terms.amountOffCents !== null) {
    const paid = ticketTypes.filter((t) => appliesTo(terms, t.id) && t.priceCents > 0);
    const cheapest = paid.length > 0 ? Math.min(...paid.map((t) => t.priceCents)) : 0;
    if (!(Number.isInteger(terms.amountOffCents) && terms.amountOffCents >= 1)) problems.amountOffCents = 'a whole amount in minor units, at least 1';
    else if (terms.amountOffCents > cheapest) problems.amountOffCents = `no more than the price it applies to (${cheapest})`;
  }
  if (terms.validFrom !== null && terms.validUntil !== null && Date.parse(terms.validUntil) <= Date.parse(terms.validFrom)) {
    problems.validUntil = 'after validFrom';
  }
  return Object.keys(problems).length > 0 ? problems : null;
}
