import { must } from '../checking.js';
import type { Snapshot } from '../snapshot.js';

/**
 * DESIGN.md invariant 8, every refund is one gateway refund, never two: a refunded order was paid and
 * is refunded exactly once (once the outbox ran), a confirmed order keeps its charge, a charge taken
 * while its hold ran out is given back on the spot, and no money is kept for no order.
 */
export function checkRefundsOnce(s: Snapshot): void {
  const { at, ledger } = s;
  for (const { registration: r, tickets: ts, intents, paid } of s.registrations) {
    for (const intent of intents) {
      if (intent.status !== 'canceled') continue;
      // charged while the hold ran out (or the order was cancelled): refunded on the spot
      const charge = intent.chargeKey ? ledger.charges.get(intent.chargeKey) : undefined;
      must(!!charge?.succeeded && ledger.refunds.get(intent.chargeKey!) === 1, `a canceled intent's charge is not refunded exactly once ${at}`, { intent, charge, refunds: ledger.refunds.get(intent.chargeKey ?? '') });
    }
    switch (r.status) {
      case 'confirmed':
        if (paid) must(!ledger.refunds.has(paid.chargeKey!), `a confirmed registration's charge was refunded ${at}`, paid);
        break;
      case 'cancelled':
        must(!paid, `a paid registration was cancelled instead of refunded ${at}`, { r, paid });
        break;
      case 'refunded':
        must(!!paid && ts.length === r.quantity, `refunded without a payment or without its issued tickets ${at}`, { r, paid, ts: ts.length });
        must((ledger.refunds.get(paid.chargeKey!) ?? 0) <= 1, `refunded more than once ${at}`, paid);
        if (s.phase === 'drained') must(ledger.refunds.get(paid.chargeKey!) === 1, `a refunded registration was not refunded (after the outbox ran) ${at}`, { r, paid });
        break;
    }
  }

  // every charge of this run is either the one payment of a confirmed (or refunded) order, or refunded exactly once
  const succeededChargeKeys = new Set(s.registrations.flatMap((r) => (r.paid ? [r.paid.chargeKey ?? ''] : [])));
  for (const k of s.runCharges) {
    const charge = ledger.charges.get(k)!;
    const refunds = ledger.refunds.get(k) ?? 0;
    must(refunds <= 1 && (charge.succeeded || refunds === 0), `a charge refunded ${refunds} times ${at}`, k);
    if (charge.succeeded && !succeededChargeKeys.has(k)) must(refunds === 1, `money taken for no order and not given back ${at}`, k);
  }
}
