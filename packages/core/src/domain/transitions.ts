import type { EventStatus } from './event.js';
import type { PaymentIntentStatus } from './payment.js';
import type { RegistrationStatus } from './registration.js';
import type { TicketStatus } from './ticket.js';

/** The things whose status moves, and the statuses each can be in. */
export interface StatusOf {
  registration: RegistrationStatus;
  ticket: TicketStatus;
  payment_intent: PaymentIntentStatus;
  event: EventStatus;
}

export type Lifecycle = keyof StatusOf;

type Moves = { [K in Lifecycle]: { readonly [S in StatusOf[K]]: readonly StatusOf[K][] } };

/**
 * Every status move the platform makes, read as "from: allowed targets". A status with no targets
 * is final. A newcomer reads each life here; stores and services check their moves against it.
 */
export const TRANSITIONS: Moves = {
  registration: {
    // Paid, or the hold ran out, or the attendee (or the event's cancellation) let it go.
    pending_payment: ['confirmed', 'expired', 'cancelled'],
    // A free order is cancelled; a paid one is refunded.
    confirmed: ['cancelled', 'refunded'],
    expired: [],
    cancelled: [],
    refunded: [],
  },
  ticket: {
    valid: ['used', 'cancelled'],
    // A cancelled order voids its tickets, the ones already scanned too.
    used: ['cancelled'],
    cancelled: [],
  },
  payment_intent: {
    requires_payment_method: ['processing'],
    // The charge succeeded; or it failed or never reached the gateway (the buyer may try again);
    // or it succeeded after the hold ran out and was refunded.
    processing: ['succeeded', 'requires_payment_method', 'canceled'],
    succeeded: [],
    canceled: [],
  },
  event: {
    draft: ['published', 'cancelled'],
    published: ['cancelled'],
    cancelled: [],
  },
};

/** One lifecycle's table with its own status type (TypeScript cannot narrow the mapped type by itself). */
function movesOf<K extends Lifecycle>(kind: K): Record<StatusOf[K], readonly StatusOf[K][]> {
  return TRANSITIONS[kind] as Record<StatusOf[K], readonly StatusOf[K][]>;
}

export function canMove<K extends Lifecycle>(kind: K, from: StatusOf[K], to: StatusOf[K]): boolean {
  return movesOf(kind)[from].includes(to);
}

/** For moves the code itself asks for: a refused one is a bug, not a user's mistake. */
export function assertMove<K extends Lifecycle>(kind: K, from: StatusOf[K], to: StatusOf[K]): void {
  if (!canMove(kind, from, to)) throw new Error(`A ${kind} cannot move from ${from} to ${to}.`);
}

/** The statuses that may move to `to`: what a store's conditional write expects to find. */
export function sourcesOf<K extends Lifecycle>(kind: K, to: StatusOf[K]): StatusOf[K][] {
  const table = movesOf(kind);
  return (Object.keys(table) as StatusOf[K][]).filter((from) => table[from].includes(to));
}

/** A final status has no move out of it. */
export function isFinal<K extends Lifecycle>(kind: K, status: StatusOf[K]): boolean {
  return movesOf(kind)[status].length === 0;
}
