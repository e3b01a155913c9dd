import type { Model } from '../model.js';
import type { SettledEvent, Snapshot } from '../snapshot.js';
import { checkAdmitsOnce, checkSettledAdmissions } from './admits-once.js';
import { checkExactOrders } from './exact-orders.js';
import { checkIdempotentWrites } from './idempotent-writes.js';
import { checkNeverOversold, checkSettledSales } from './never-oversold.js';
import { checkPaidMeansTicketed, checkSettledOrders } from './paid-means-ticketed.js';
import { checkRefundsOnce } from './refunds-once.js';
import { checkCancellationsRelease, checkSettledHolds } from './releases-spots.js';
import { checkTicketsSigned } from './tickets-not-forged.js';

/** After every step: each invariant over the store read back. */
export function checkEveryInvariant(s: Snapshot): void {
  checkExactOrders(s);
  checkIdempotentWrites(s);
  checkPaidMeansTicketed(s);
  checkRefundsOnce(s);
  checkCancellationsRelease(s);
  checkTicketsSigned(s);
  checkAdmitsOnce(s);
  checkNeverOversold(s);
}

/** At the end of a run, once holds ran out and the outbox drained: what must have settled. */
export function checkSettledRun(model: Model, events: SettledEvent[]): void {
  checkSettledHolds(model);
  for (const e of events) {
    checkSettledOrders(e);
    checkSettledSales(e);
    checkSettledAdmissions(e);
  }
}
