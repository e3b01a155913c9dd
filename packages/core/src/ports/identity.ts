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
 * email_not_verified, unauthorized.
 */
export interface Identity {
  signUp(input: { email: string; password: string; name: string; role: Role }): Promise<User>;
  verifyEmail(email: string, code: string): Promise<User>;
  /** Always resolves, whether or not the email is registered (no account enumeration). */
  resendVerification(email: string): Promise<void>;
  /** `clientKey` identifies the caller's address for rate limiting. */
  logIn(email: string, password: string, clientKey: string): Promise<TokenPair & { user: User }>;
  refresh(refreshToken: string): Promise<TokenPair>;
  logOut(principal: Principal, refreshToken: string): Promise<void>;
  /** Throws DomainError('unauthorized') for a missing, expired, tampered or revoked token. */
  verifyAccessToken(token: string): Promise<Principal>;
}
