import type { Registration } from '../domain/registration.js';

type Held = Pick<Registration, 'status' | 'holdExpiresAt'>;

/** A pending registration's hold is live strictly before its end: at the end instant it is over. */
export function holdIsLive(registration: Held, now: Date): boolean {
  return (
    registration.status === 'pending_payment' &&
    registration.holdExpiresAt !== null &&
    Date.parse(registration.holdExpiresAt) > now.getTime()
  );
}

/** A pending registration whose hold has ended: due to expire, its spots due back. */
export function holdHasLapsed(registration: Held, now: Date): boolean {
  return registration.status === 'pending_payment' && registration.holdExpiresAt !== null && !holdIsLive(registration, now);
}
