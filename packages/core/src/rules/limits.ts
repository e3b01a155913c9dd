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
