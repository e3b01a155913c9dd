import type { Role, User } from '../domain/user.js';

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  /** Seconds until the access token expires. */
  expiresIn: number;
}

/** Who is calling, as proven by a verified access token. */
export interface Principal {
  userId: string;
  role: Role;
}

/**
 * A door phone, proven by a scanner link's secret: no account, scoped to one event (and list),
 * and allowed only the door endpoints of that event (see services/access.ts doorScope).
 */
export interface ScannerPrincipal {
  kind: 'scanner';
  linkId: string;
  eventId: string;
  checkinListId: string | null;
  /** The link's name, shown as the door in check-ins and conflicts. */
  name: string;
}

/** Whoever may call a door endpoint: the event's organizer or one of its scanner links. */
export type DoorCaller = Principal | ScannerPrincipal;

export const isScanner = (caller: DoorCaller): caller is ScannerPrincipal => 'kind' in caller && caller.kind === 'scanner';

/**
 * Accounts and sessions. Local home: scrypt + JWT (adapters-local). AWS: Cognito (adapters-aws).
 * Both keep the Store's users in step so the domain sees one User shape.
 * Errors are DomainErrors: email_taken, invalid_code, too_many_attempts, invalid_credentials,
 * email_not_verified, unauthorized, has_upcoming_tickets, has_events.
 * `clientKey` is the caller's address, for per-address limits (checked before any password is
 * hashed); internal callers (demo data) pass none and are not limited.
 */
export interface Identity {
  signUp(input: { email: string; password: string; name: string; role: Role }, clientKey?: string): Promise<User>;
  /** Wrong codes are limited per address (too_many_attempts), so one address cannot burn another's code. */
  verifyEmail(email: string, code: string, clientKey?: string): Promise<User>;
  /** Resolves alike whether or not the email is registered (no account enumeration); too_many_attempts per address. */
  resendVerification(email: string, clientKey?: string): Promise<void>;
  /** Mails a reset code when the email has an account; resolves alike (and as fast) when not. */
  requestPasswordReset(email: string, clientKey: string): Promise<void>;
  /**
   * The outbox's send_password_reset_mail job: makes a reset code for the account of `email`, if
   * there is one, and mails it. Only identities whose requestPasswordReset enqueues that job have it
   * (local; Cognito mails its own codes).
   */
  mailPasswordResetCode?(email: string): Promise<void>;
  /** Sets the new password and ends every session of the account. */
  confirmPasswordReset(input: { email: string; code: string; newPassword: string }, clientKey: string): Promise<User>;
  /**
   * For the holder of `accessToken`. Ends every other session; whether the caller's own session
   * lives on depends on the identity (local: its refresh token still works; Cognito: it ends too).
   */
  changePassword(accessToken: string, currentPassword: string, newPassword: string, clientKey: string): Promise<void>;
  /**
   * Checks the password, then removes the account through `remove` (the store's anonymising delete,
   * which may refuse) and its credentials and sessions.
   */
  deleteAccount(principal: Principal, password: string, clientKey: string, remove: () => Promise<void>): Promise<void>;
  /** `clientKey` identifies the caller's address for rate limiting. */
  logIn(email: string, password: string, clientKey: string): Promise<TokenPair & { user: User }>;
  refresh(refreshToken: string): Promise<TokenPair>;
  logOut(principal: Principal, refreshToken: string): Promise<void>;
  /** Throws DomainError('unauthorized') for a missing, expired, tampered or revoked token. */
  verifyAccessToken(token: string): Promise<Principal>;
}
