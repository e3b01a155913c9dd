import { must } from '../checking.js';
import type { SettledEvent, Snapshot } from '../snapshot.js';

/**
 * DESIGN.md invariant 1, never oversold: for each event and ticket type, confirmed + held spots stay
 * within the capacity and the type's quantity, and the counters are exactly the sum over registrations.
 */
export function checkNeverOversold(s: Snapshot): void {
  const { at } = s;
  const expected = new Map<string, { sold: Map<string, number>; held: Map<string, number> }>();
  for (const e of s.events) expected.set(e.model.id, { sold: new Map(), held: new Map() });
  for (const { registration: r } of s.registrations) {
    if (r.status !== 'confirmed' && r.status !== 'pending_payment') continue;
    const bucket = expected.get(r.eventId)!;
    const into = r.status === 'confirmed' ? bucket.sold : bucket.held;
    for (const l of r.lines) into.set(l.ticketTypeId, (into.get(l.ticketTypeId) ?? 0) + l.quantity);
  }
  for (const { model: e, state } of s.events) {
    const bucket = expected.get(e.id)!;
    let taken = 0;
    for (const t of e.types) {
      const c = state.counts[t.id] ?? { sold: 0, held: 0 };
      const sold = bucket.sold.get(t.id) ?? 0;
      const held = bucket.held.get(t.id) ?? 0;
      must(c.sold === sold && c.held === held, `counters drifted from the registrations ${at}`, { event: e.index, type: t.id, counters: c, registrations: { sold, held } });
      must(t.quantity === null || c.sold + c.held <= t.quantity, `ticket type oversold ${at}`, { event: e.index, type: t, counters: c });
      taken += c.sold + c.held;
    }
    must(taken <= e.capacity, `event oversold: ${taken} taken of ${e.capacity} ${at}`, state.counts);
  }
}

/** At the end of a run: the event's stats agree with the registrations made, and nothing is held. */
export function checkSettledSales(e: SettledEvent): void {
  const { model: event, registrations, stats } = e;
  const confirmed = registrations.filter((r) => r.last.status === 'confirmed');
  const counts = event.state!.counts;
  const sold = event.types.reduce((n, t) => n + (counts[t.id]?.sold ?? 0), 0);
  must(
    stats.registrations === registrations.length && stats.confirmed === confirmed.length && stats.sold === sold && stats.held === 0 &&
      stats.revenueCents === confirmed.reduce((n, r) => n + r.last.amountCents, 0),
    `event stats disagree with the registrations`,
    { event: event.index, stats, registrations: registrations.length, confirmed: confirmed.length, sold },
  );
}
