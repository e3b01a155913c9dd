import { must } from '../checking.js';
import type { SettledEvent, Snapshot } from '../snapshot.js';

/**
 * DESIGN.md invariant 3, paid means ticketed: a confirmed registration (paid, or free) has one usable
 * ticket per spot, of its lines' types, rendered once the outbox ran; nothing is ticketed before it
 * is confirmed; and no ticket exists without its confirmed registration, seen from the holder too.
 */
export function checkPaidMeansTicketed(s: Snapshot): void {
  const { at } = s;
  for (const { registration: r, tickets: ts, intents, paid } of s.registrations) {
    switch (r.status) {
      case 'pending_payment':
        must(r.holdExpiresAt !== null && r.amountCents > 0, `a pending registration without a hold, or free ${at}`, r);
        must(ts.length === 0 && !paid, `tickets or a payment before payment confirmed ${at}`, { r, ts: ts.length, paid });
        break;
      case 'expired':
        must(ts.length === 0 && !paid && r.amountCents > 0, `an expired hold with tickets or a payment ${at}`, { r, ts: ts.length, paid });
        break;
      case 'confirmed': {
        must(r.holdExpiresAt === null, `confirmed with a hold ${at}`, r);
        must(r.amountCents === 0 ? intents.length === 0 : !!paid, `confirmed ${r.amountCents > 0 ? 'paid registration without a succeeded payment' : 'free registration with a payment'} ${at}`, { r, intents });
        must(ts.length === r.quantity, `confirmed with ${ts.length} tickets for ${r.quantity} spots ${at}`, r);
        for (const l of r.lines) must(ts.filter((t) => t.ticketTypeId === l.ticketTypeId).length === l.quantity, `tickets do not match the lines ${at}`, { r, ts });
        must(ts.every((t) => t.status === 'valid' || t.status === 'used'), `a confirmed registration has a cancelled ticket ${at}`, ts.map((t) => t.status));
        break;
      }
    }
    for (const t of ts) {
      must(t.registrationId === r.id && t.eventId === r.eventId && t.userId === r.userId, `ticket fields do not match its registration ${at}`, t);
      if (s.phase === 'drained' && r.status === 'confirmed') must(s.blobKeys.has(`tickets/${t.id}.pdf`), `a confirmed ticket was never rendered by the outbox ${at}`, t);
    }
  }

  // no ticket without a confirmed registration, found from the holder's side as well
  for (const { user, page } of s.holders) {
    const expected = s.registrations.filter((r) => r.model.user.userId === user.userId).reduce((n, r) => n + r.tickets.length, 0);
    must(page.nextCursor === null && page.items.length === expected, `the holder's ticket list differs from the registrations' tickets ${at}`, { listed: page.items.length, expected });
    for (const t of page.items) {
      const owner = s.model.regs.get(t.registrationId);
      must(!!owner && owner.user.userId === t.userId, `a ticket without a known registration ${at}`, t);
      if (t.status !== 'cancelled') must(owner.last.status === 'confirmed', `a usable ticket whose registration is ${owner.last.status} ${at}`, t);
    }
  }
}

/** At the end of a run: the event's registrant list holds exactly the registrations made (no phantom, none lost). */
export function checkSettledOrders(e: SettledEvent): void {
  const { registrants, registrations } = e;
  must(
    registrants.nextCursor === null && registrants.items.length === registrations.length && registrations.every((r) => registrants.items.some((x) => x.registration.id === r.id)),
    `the event's registrant list differs from the registrations made (a phantom or lost order)`,
    { event: e.model.index, listed: registrants.items.length, made: registrations.length },
  );
}
