import { must } from '../checking.js';
import type { Model } from '../model.js';
import type { Snapshot } from '../snapshot.js';

/**
 * Cancellations release their spots (DESIGN.md's cancellation and refund rules): a cancelled or refunded
 * registration keeps no usable ticket, and once its outbox job ran a cancelled event holds nothing and
 * none of its registrations is still pending or confirmed.
 */
export function checkCancellationsRelease(s: Snapshot): void {
  const { at } = s;
  for (const { registration: r, tickets } of s.registrations) {
    if (r.status === 'cancelled' || r.status === 'refunded') must(tickets.every((t) => t.status === 'cancelled'), `a ${r.status} registration kept a usable ticket ${at}`, tickets.map((t) => t.status));
  }
  for (const { model: e, state } of s.events) {
    must(state.status === (e.cancelled ? 'cancelled' : 'published'), `event status ${state.status}, expected ${e.cancelled ? 'cancelled' : 'published'} ${at}`);
    const taken = e.types.reduce((n, t) => n + (state.counts[t.id]?.sold ?? 0) + (state.counts[t.id]?.held ?? 0), 0);
    if (s.phase === 'drained' && e.cancelled) must(taken === 0, `a cancelled event still holds spots after its outbox job ran ${at}`, state.counts);
  }
  if (s.phase === 'drained') {
    for (const r of s.model.regs.values()) {
      if (s.model.eventById(r.eventId).cancelled) must(!['pending_payment', 'confirmed'].includes(r.last.status), `a registration of a cancelled event is still ${r.last.status} after its outbox job ran ${at}`, r.last);
    }
  }
}

/** At the end of a run, past every hold's time: no hold survived its expiry. */
export function checkSettledHolds(model: Model): void {
  for (const r of model.regs.values()) must(r.last.status !== 'pending_payment', 'a hold survived its expiry at the end of the run', r.last);
}
