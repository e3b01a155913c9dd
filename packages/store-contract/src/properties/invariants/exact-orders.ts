import { must } from '../checking.js';
import type { Snapshot } from '../snapshot.js';

/**
 * Amounts are exact (DESIGN.md's money rules: integer minor units): an order is price × quantity of
 * 1 to 10 tickets in its event's currency, for the buyer and event it was made for, and its intents
 * and the gateway's charge carry exactly that amount.
 */
export function checkExactOrders(s: Snapshot): void {
  const { at, ledger } = s;
  for (const { model: mr, registration: r, event: ev, intents, paid } of s.registrations) {
    const lineSum = r.lines.reduce((n, l) => n + l.quantity * l.unitPriceCents, 0);
    must(Number.isInteger(r.amountCents) && r.amountCents >= 0 && r.amountCents === lineSum, `amount is not price * quantity ${at}`, r);
    must(r.lines.every((l) => Number.isInteger(l.quantity) && l.quantity > 0 && ev.types.find((t) => t.id === l.ticketTypeId)?.priceCents === l.unitPriceCents), `a line does not carry its type's price ${at}`, r);
    must(r.quantity === r.lines.reduce((n, l) => n + l.quantity, 0) && r.quantity >= 1 && r.quantity <= 10, `quantity is not the sum of 1..10 tickets ${at}`, r);
    must(r.currency === ev.currency && r.userId === mr.user.userId && r.eventId === mr.eventId, `registration fields changed ${at}`, r);
    for (const intent of intents) {
      must(intent.registrationId === r.id && intent.amountCents === r.amountCents && intent.currency === r.currency && Number.isInteger(intent.amountCents), `intent amount differs from its registration ${at}`, { intent, r });
    }
    if (paid) {
      const charge = ledger.charges.get(paid.chargeKey ?? '');
      must(r.amountCents > 0 && !!charge?.succeeded && charge.amountCents === r.amountCents && charge.currency === r.currency, `a succeeded intent without a matching charge ${at}`, { paid, charge });
    }
  }
}
