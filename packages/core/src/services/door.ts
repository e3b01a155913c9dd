import type { CheckInResult, Ticket } from '../domain/ticket.js';
import type { Principal } from '../ports/identity.js';
import type { PublicKeyInfo } from '../ports/tickets.js';
import type { ServiceDeps } from './deps.js';
import { ownedEvent } from './access.js';

export interface ScanOutcome {
  result: CheckInResult;
  ticket: Pick<Ticket, 'id' | 'attendeeName' | 'ticketTypeName' | 'checkedInAt'> | null;
}

/** Admission at the door: a ticket admits once (invariant 2) and forged codes never do (invariant 6). */
export class DoorService {
  constructor(private readonly deps: ServiceDeps) {}

  async scan(principal: Principal, eventId: string, qr: string, nonce: string | null): Promise<ScanOutcome> {
    await ownedEvent(this.deps.store, principal, eventId);
    const claims = this.deps.signer.verify(qr);
    let presetResult: CheckInResult | null = null;
    if (!claims) presetResult = 'invalid';
    else if (claims.eventId !== eventId) presetResult = 'wrong_event';
    const outcome = await this.deps.store.checkIn({
      id: this.deps.ids.newId('chk'),
      eventId,
      ticketId: claims?.ticketId ?? null,
      presetResult,
      nonce,
      at: this.deps.clock.now().toISOString(),
      by: principal.userId,
    });
    const t = outcome.ticket;
    return {
      result: outcome.result,
      ticket: t && outcome.result !== 'invalid' && outcome.result !== 'wrong_event'
        ? { id: t.id, attendeeName: t.attendeeName, ticketTypeName: t.ticketTypeName, checkedInAt: t.checkedInAt }
        : null,
    };
  }

  async keys(principal: Principal, eventId: string): Promise<PublicKeyInfo[]> {
    await ownedEvent(this.deps.store, principal, eventId);
    return this.deps.signer.publicKeys();
  }
}
