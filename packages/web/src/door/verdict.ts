import type { DoorTicketData } from '../api/shapes.js';
import { verifyQr, type KeyRing } from '../scanner/qr-verify.js';

/**
 * The door's answer made in the browser from its local copy of the event (door-data): what the
 * server would answer, for when there is no server. Pure apart from WebCrypto.
 */

export type DoorResult = 'admitted' | 'already_used' | 'invalid' | 'wrong_event' | 'cancelled' | 'not_on_list';

/** A ticket of door-data as the phone keeps it, with the door that admitted it where known. */
export type DoorTicket = DoorTicketData;

export interface DoorVerdict {
  result: DoorResult;
  ticket?: DoorTicket;
}

export interface DoorScope {
  eventId: string;
  /** The list's ticket types; empty means every type. */
  ticketTypeIds: string[];
}

/** What a scan names: a QR text, a code typed from under the QR, or a ticket picked by name. */
export type ScanInput = { qr: string } | { code: string } | { ticketId: string };

/** The local copy of the event's tickets, found by id and by printed code. */
export class TicketIndex {
  private readonly byId = new Map<string, DoorTicket>();
  private readonly byCode = new Map<string, string>();

  constructor(tickets: Iterable<DoorTicket> = []) {
    for (const ticket of tickets) this.put(ticket);
  }

  put(ticket: DoorTicket): void {
    const previous = this.byId.get(ticket.id);
    if (previous) this.byCode.delete(normalizeCode(previous.code));
    this.byId.set(ticket.id, ticket);
    this.byCode.set(normalizeCode(ticket.code), ticket.id);
  }

  get(id: string): DoorTicket | undefined {
    return this.byId.get(id);
  }

  byPrintedCode(code: string): DoorTicket | undefined {
    const id = this.byCode.get(normalizeCode(code));
    return id === undefined ? undefined : this.byId.get(id);
  }

  all(): DoorTicket[] {
    return [...this.byId.values()];
  }

  get size(): number {
    return this.byId.size;
  }

  /** Tickets whose attendee name contains every word typed, case- and accent-insensitively. */
  searchByName(query: string, limit = 8): DoorTicket[] {
    const words = fold(query).split(/\s+/).filter(Boolean);
    if (words.length === 0) return [];
    const found: DoorTicket[] = [];
    for (const ticket of this.byId.values()) {
      const name = fold(ticket.attendeeName);
      if (words.every((w) => name.includes(w))) found.push(ticket);
      if (found.length === limit) break;
    }
    return found;
  }
}

/** Codes are printed in groups and read aloud: case, spaces and dashes do not matter. */
export function normalizeCode(code: string): string {
  return code.toUpperCase().replace(/[\s-]/g, '');
}

const fold = (text: string): string => text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

/** The answer for a ticket found locally, by its status and the list's ticket types. */
export function judgeTicket(ticket: DoorTicket, scope: DoorScope): DoorVerdict {
  if (ticket.status === 'cancelled') return { result: 'cancelled', ticket };
  if (scope.ticketTypeIds.length > 0 && !scope.ticketTypeIds.includes(ticket.ticketTypeId)) return { result: 'not_on_list', ticket };
  if (ticket.status === 'used') return { result: 'already_used', ticket };
  return { result: 'admitted', ticket };
}

/**
 * The verdict for one scan. A QR whose signature is genuine for this event but whose ticket is not
 * in the local copy yet (sold after the last pull) is admitted: a genuine ticket is never refused
 * for want of a network, and the server settles it at sync.
 */
export async function judgeScan(input: ScanInput, scope: DoorScope, tickets: TicketIndex, keys: KeyRing): Promise<DoorVerdict> {
  if ('qr' in input) {
    const verified = await verifyQr(input.qr.trim(), keys);
    if (!verified) return { result: 'invalid' };
    if (verified.eventId !== scope.eventId) return { result: 'wrong_event' };
    const ticket = tickets.get(verified.ticketId);
    return ticket ? judgeTicket(ticket, scope) : { result: 'admitted' };
  }
  const ticket = 'code' in input ? tickets.byPrintedCode(input.code) : tickets.get(input.ticketId);
  return ticket ? judgeTicket(ticket, scope) : { result: 'invalid' };
}

/** The local copy after this door admitted a ticket: used, now, here. */
export function markAdmitted(ticket: DoorTicket, at: string, door: string): DoorTicket {
  return { ...ticket, status: 'used', checkedInAt: at, checkedInBy: door };
}
