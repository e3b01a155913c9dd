import type { User } from '../domain/user.js';

/** An account whose email was never verified is let go after this, so nobody can squat an email. */
export const UNVERIFIED_ACCOUNT_DAYS = 7;

/** True when a sign-up may take this email over from the existing account. */
export function unverifiedAccountExpired(existing: Pick<User, 'emailVerified' | 'createdAt'>, now: Date): boolean {
  return !existing.emailVerified && Date.parse(existing.createdAt) + UNVERIFIED_ACCOUNT_DAYS * 86_400_000 <= now.getTime();
}
