import type { Registration } from '../domain/registration.js';
import type { Ticket } from '../domain/ticket.js';

/**
 * Each ticket's share of what the order actually paid, in the order's ticket order: proportional
 * to the tickets' list prices (a discount spreads evenly over what it discounted), in whole minor
 * units. The cents rounding leaves over go one each to the largest fractional parts (the earlier
 * ticket first on a tie), so the shares always add up to `paidCents` exactly.
 */
export function ticketShares(paidCents: number, listPricesCents: readonly number[]): number[] {
  const listTotal = listPricesCents.reduce((sum, price) => sum + price, 0);
  if (listTotal === 0 || paidCents === 0) return listPricesCents.map(() => 0);
  const exact = listPricesCents.map((price) => (paidCents * price) / listTotal);
  const shares = exact.map(Math.floor);
  let left = paidCents - shares.reduce((sum, share) => sum + share, 0);
  const byRemainder = exact.map((value, index) => ({ index, remainder: value - Math.floor(value) })).sort((a, b) => b.remainder - a.remainder || a.index - b.index);
  for (const { index } of byRemainder) {
    if (left === 0) break;
    shares[index]! += 1;
    left--;
  }
  return shares;
}

/** A ticket's list price: the unit price its order was placed at for its type. */
const listPriceOf = (registration: Pick<Registration, 'lines'>, ticket: Pick<Ticket, 'ticketTypeId'>): number =>
  registration.lines.find((line) => line.ticketTypeId === ticket.ticketTypeId)?.unitPriceCents ?? 0;

/**
 * What each of the order's tickets (all of them, in issue order, cancelled ones too) paid, by id.
 * The order's tickets never change, so a ticket's share is the same whenever it is computed.
 */
export function sharesByTicket(
  registration: Pick<Registration, 'lines' | 'amountCents'>,
  tickets: readonly Pick<Ticket, 'id' | 'ticketTypeId'>[],
): Map<string, number> {
  const shares = ticketShares(registration.amountCents, tickets.map((t) => listPriceOf(registration, t)));
  return new Map(tickets.map((t, index) => [t.id, shares[index]!]));
}
