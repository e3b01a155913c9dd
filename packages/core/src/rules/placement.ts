import { spotsRemaining, ticketTypeSpotsRemaining, type Room } from '../domain/event.js';
import type { Registration, RegistrationStatus } from '../domain/registration.js';

/** What placement looks at of a registration: how many spots in all, and of which ticket types. */
export type Order = Pick<Registration, 'quantity' | 'lines'>;

/** The counter a registration's spots are in: a pending one holds them, a confirmed one bought them. */
export function spotsTakenAs(status: RegistrationStatus): 'held' | 'sold' | null {
  if (status === 'pending_payment') return 'held';
  if (status === 'confirmed') return 'sold';
  return null;
}

export interface RoomNeeded {
  /** Spots out of the event's capacity. */
  total: number;
  /** `limited`: the ticket type has a quantity of its own, so its room must be checked too. */
  lines: { ticketTypeId: string; quantity: number; limited: boolean }[];
}

/**
 * The room an order needs, line by line: what a store must find free when it writes (DynamoDB
 * turns it into its conditions). null when a line names a ticket type the event does not have.
 */
export function roomNeeded(event: Room, order: Order): RoomNeeded | null {
  const lines: RoomNeeded['lines'] = [];
  for (const line of order.lines) {
    const ticketType = event.ticketTypes.find((t) => t.id === line.ticketTypeId);
    if (!ticketType) return null;
    lines.push({ ticketTypeId: line.ticketTypeId, quantity: line.quantity, limited: ticketType.quantity !== null });
  }
  return { total: order.quantity, lines };
}

export type PlacementVerdict =
  | { ok: true }
  /** `spotsRemaining`: what the buyer could still get, the smallest room among the types asked for. */
  | { ok: false; reason: 'sold_out'; spotsRemaining: number }
  | { ok: false; reason: 'not_found' };

/** The never-oversold rule: every line fits its ticket type's quantity, and the total fits the capacity. */
export function checkPlacement(event: Room, order: Order): PlacementVerdict {
  if (!roomNeeded(event, order)) return { ok: false, reason: 'not_found' };
  const left = order.lines.map((l) => ticketTypeSpotsRemaining(event, l.ticketTypeId));
  const fits = spotsRemaining(event) >= order.quantity && order.lines.every((l, i) => left[i]! >= l.quantity);
  if (fits) return { ok: true };
  return { ok: false, reason: 'sold_out', spotsRemaining: Math.min(spotsRemaining(event), ...left) };
}
