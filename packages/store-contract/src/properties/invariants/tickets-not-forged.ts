import { must } from '../checking.js';
import type { Snapshot } from '../snapshot.js';

/** DESIGN.md invariant 6, tickets cannot be forged: every issued ticket's QR verifies as that ticket of that event. */
export function checkTicketsSigned(s: Snapshot): void {
  for (const { tickets } of s.registrations) {
    for (const t of tickets) {
      const claims = s.signer.verify(t.qr);
      must(claims?.ticketId === t.id && claims.eventId === t.eventId, `a ticket's QR does not verify ${s.at}`, t);
    }
  }
}
