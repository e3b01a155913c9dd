import type { AttendeePolicy } from '../domain/event.js';
import type { Registration } from '../domain/registration.js';
import { holdIsLive } from './hold.js';

type Placing = Pick<Registration, 'userId' | 'eventId' | 'status'>;
type Placed = Placing & Pick<Registration, 'holdExpiresAt'>;

/**
 * One pending registration per account and event: the account's live hold on the event that a new
 * pending placement would add to (the back button must lead back to it), or null when there is none.
 * A confirmed placement adds no hold; a lapsed hold does not count.
 */
export function blockingHold<R extends Placed>(placing: Placing, existing: readonly R[], now: Date): R | null {
  if (placing.status !== 'pending_payment') return null;
  return existing.find((r) => r.userId === placing.userId && r.eventId === placing.eventId && holdIsLive(r, now)) ?? null;
}

type Holding = Pick<Registration, 'userId' | 'eventId' | 'status' | 'holdExpiresAt' | 'quantity'>;

/**
 * The tickets an account holds for an event: its confirmed registrations and its live holds (a
 * lapsed hold is due back, so it does not count).
 */
export function ticketsHeldByAccount(userId: string, eventId: string, existing: readonly Holding[], now: Date): number {
  return existing
    .filter((r) => r.userId === userId && r.eventId === eventId && (r.status === 'confirmed' || holdIsLive(r, now)))
    .reduce((n, r) => n + r.quantity, 0);
}

/** The `details` of an account_limit refusal. */
export interface AccountLimitReached {
  maxTicketsPerAccount: number;
  held: number;
}

/**
 * Fair shares: a placement may not take an account past the event's tickets per account. The
 * refusal's details, or null when it fits. A lowered limit cancels nothing already held.
 */
export function accountLimitReached(
  event: Pick<AttendeePolicy, 'maxTicketsPerAccount'>,
  held: number,
  placing: Pick<Registration, 'quantity'>,
): AccountLimitReached | null {
  return held + placing.quantity > event.maxTicketsPerAccount ? { maxTicketsPerAccount: event.maxTicketsPerAccount, held } : null;
}
