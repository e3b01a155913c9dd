import type { CheckInResult, Ticket } from '../domain/ticket.js';
import { announcedEnd } from '../domain/event.js';
import { ORGANIZER_DOOR, type CheckInConflict, type CheckInList, type DoorTicket, type FirstAdmission } from '../domain/door.js';
import type { DoorCaller, Principal } from '../ports/identity.js';
import type { PublicKeyInfo } from '../ports/tickets.js';
import { normalizeTicketCode } from '../rules/ticket-code.js';
import type { ServiceDeps } from './deps.js';
import { doorScope, ownedEvent, type DoorScope } from './access.js';

export interface ScanOutcome {
  result: CheckInResult;
  ticket: Pick<Ticket, 'id' | 'attendeeName' | 'ticketTypeName' | 'checkedInAt' | 'checkedInBy'> | null;
}

/** How a scan names its ticket: the signed QR, the printed short code, or the id (from door data). */
export type TicketReference = { qr: string } | { code: string } | { ticketId: string };

export interface OfflineScan {
  ticket: TicketReference;
  nonce: string;
  scannedAt: string;
  resultShown: CheckInResult;
}

export interface SyncResult {
  nonce: string;
  result: CheckInResult;
  conflict: FirstAdmission | null;
}

export interface DoorData {
  keys: PublicKeyInfo[];
  /** `endsAt`: the end the organizer gave, null when they gave none (as the event's API answer). */
  event: { id: string; name: string; startsAt: string; endsAt: string | null; timezone: string };
  checkinList: Pick<CheckInList, 'id' | 'name' | 'ticketTypeIds'> | null;
  /** This caller's door name: what its admissions show as `checkedInBy` at the other doors. */
  door: string;
  tickets: DoorTicket[];
  nextSince: string;
}

/**
 * Changes are ordered by the server's clock as each write reaches the store; a write that took
 * longer than this to commit, or another server's clock behind by as much, could be missed, so
 * `nextSince` reaches back this far and the client merges what it gets again.
 */
export const DOOR_DATA_OVERLAP_MS = 30_000;

/** The door that admitted a used ticket; admissions from before doors were named were made with the organizer's login. */
const doorOf = (t: { status: string; checkedInBy: string | null }): string | null => (t.status === 'used' ? (t.checkedInBy ?? ORGANIZER_DOOR) : t.checkedInBy);

/** Admission at the door: a ticket admits once (invariant 2) and forged codes never do (invariant 6). */
export class DoorService {
  constructor(private readonly deps: ServiceDeps) {}

  async scan(caller: DoorCaller, eventId: string, ticket: TicketReference, nonce: string | null): Promise<ScanOutcome> {
    const scope = await doorScope(this.deps.store, caller, eventId);
    const now = this.deps.clock.now().toISOString();
    const outcome = await this.checkIn(scope, ticket, { nonce, at: now, now, deviceId: null, resultShown: null });
    await this.seen(scope, 1);
    const t = outcome.ticket;
    return {
      result: outcome.result,
      ticket: t && outcome.result !== 'invalid' && outcome.result !== 'wrong_event'
        ? { id: t.id, attendeeName: t.attendeeName, ticketTypeName: t.ticketTypeName, checkedInAt: t.checkedInAt, checkedInBy: doorOf(t) }
        : null,
    };
  }

  /**
   * Offline scans, in the order they were made, each through the same check-in as a live scan and
   * keyed by its nonce, so a retried batch answers the same and changes nothing.
   */
  async sync(caller: DoorCaller, eventId: string, deviceId: string, scans: OfflineScan[]): Promise<SyncResult[]> {
    const scope = await doorScope(this.deps.store, caller, eventId);
    const results: SyncResult[] = [];
    for (const scan of scans) {
      const now = this.deps.clock.now();
      // A phone's clock may run ahead: a scan is never recorded as later than its arrival.
      const at = Math.min(Date.parse(scan.scannedAt), now.getTime());
      const outcome = await this.checkIn(scope, scan.ticket, {
        nonce: scan.nonce, at: new Date(at).toISOString(), now: now.toISOString(), deviceId, resultShown: scan.resultShown,
      });
      results.push({ nonce: scan.nonce, result: outcome.result, conflict: outcome.conflict });
    }
    await this.seen(scope, scans.length);
    return results;
  }

  async doorData(caller: DoorCaller, eventId: string, since: string | null): Promise<DoorData> {
    const scope = await doorScope(this.deps.store, caller, eventId);
    const startedAt = this.deps.clock.now().getTime();
    const tickets = await this.deps.store.listDoorTickets(eventId, since);
    await this.seen(scope, 0);
    const { event, list } = scope;
    return {
      keys: this.deps.signer.publicKeys(),
      event: { id: event.id, name: event.name, startsAt: event.startsAt, endsAt: announcedEnd(event), timezone: event.timezone },
      checkinList: list ? { id: list.id, name: list.name, ticketTypeIds: list.ticketTypeIds } : null,
      door: scope.door,
      tickets: tickets.map((t) => ({ ...t, checkedInBy: doorOf(t) })),
      nextSince: new Date(startedAt - DOOR_DATA_OVERLAP_MS).toISOString(),
    };
  }

  async conflicts(principal: Principal, eventId: string, limit: number): Promise<CheckInConflict[]> {
    await ownedEvent(this.deps.store, principal, eventId);
    return this.deps.store.listCheckInConflicts(eventId, limit);
  }

  async keys(principal: Principal, eventId: string): Promise<PublicKeyInfo[]> {
    await ownedEvent(this.deps.store, principal, eventId);
    return this.deps.signer.publicKeys();
  }

  private async checkIn(
    scope: DoorScope,
    ticket: TicketReference,
    scan: { nonce: string | null; at: string; now: string; deviceId: string | null; resultShown: CheckInResult | null },
  ) {
    const { ticketId, presetResult } = await this.resolve(scope.event.id, ticket);
    return this.deps.store.checkIn({
      id: this.deps.ids.newId('chk'),
      eventId: scope.event.id,
      ticketId,
      presetResult,
      by: scope.by,
      door: scope.door,
      listTypes: scope.list?.ticketTypeIds ?? null,
      ...scan,
    });
  }

  /** The ticket a scan names, or the answer when it names none (forged QR, unknown code). */
  private async resolve(eventId: string, ref: TicketReference): Promise<{ ticketId: string | null; presetResult: CheckInResult | null }> {
    if ('ticketId' in ref) return { ticketId: ref.ticketId, presetResult: null };
    if ('code' in ref) {
      const code = normalizeTicketCode(ref.code);
      const ticket = code ? await this.deps.store.getTicketByCode(eventId, code) : null;
      return ticket ? { ticketId: ticket.id, presetResult: null } : { ticketId: null, presetResult: 'invalid' };
    }
    const claims = this.deps.signer.verify(ref.qr);
    if (!claims) return { ticketId: null, presetResult: 'invalid' };
    if (claims.eventId !== eventId) return { ticketId: claims.ticketId, presetResult: 'wrong_event' };
    return { ticketId: claims.ticketId, presetResult: null };
  }

  private async seen(scope: DoorScope, scans: number): Promise<void> {
    if (scope.scannerLinkId) await this.deps.store.touchScannerLink(scope.scannerLinkId, this.deps.clock.now().toISOString(), scans);
  }
}
