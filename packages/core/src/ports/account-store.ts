/**
 * Credentials for the built-in (local) identity: kept apart from User so that the AWS home,
 * where Cognito holds them, needs none of it.
 */
export interface Credentials {
  userId: string;
  /** Self-describing hash, e.g. "scrypt$N$r$p$salt$hash", so parameters can be raised later. */
  passwordHash: string;
  /** Bumped on logout-everywhere or family revocation; access tokens carry it. */
  tokenVersion: number;
}

export interface VerificationCode {
  userId: string;
  codeHash: string;
  expiresAt: string;
  attempts: number;
}

export interface RefreshTokenRecord {
  /** SHA-256 of the token; the token itself is never stored. */
  tokenHash: string;
  userId: string;
  familyId: string;
  expiresAt: string;
  /** Set when rotated: presenting it again means it was stolen, and the family is revoked. */
  usedAt: string | null;
  revokedAt: string | null;
}

export interface AccountStore {
  putCredentials(credentials: Credentials): Promise<void>;
  getCredentials(userId: string): Promise<Credentials | null>;
  bumpTokenVersion(userId: string): Promise<number>;

  putVerificationCode(code: VerificationCode): Promise<void>;
  getVerificationCode(userId: string): Promise<VerificationCode | null>;
  incrementVerificationAttempts(userId: string): Promise<void>;
  deleteVerificationCode(userId: string): Promise<void>;

  /** Password reset codes, one per user, kept apart from email verification codes. */
  putResetCode(code: VerificationCode): Promise<void>;
  getResetCode(userId: string): Promise<VerificationCode | null>;
  /** Counts one try against the user's reset code, atomically; the count after it (0: no code). */
  countResetAttempt(userId: string): Promise<number>;
  deleteResetCode(userId: string): Promise<void>;
  /** Sets a new password hash and bumps the token version (every access token goes stale). */
  setPasswordHash(userId: string, passwordHash: string): Promise<void>;
  /** Revokes every refresh family of the user except `keepFamilyId` (the caller's own session). */
  revokeUserRefreshTokens(userId: string, at: string, keepFamilyId?: string): Promise<void>;

  putRefreshToken(record: RefreshTokenRecord): Promise<void>;
  getRefreshToken(tokenHash: string): Promise<RefreshTokenRecord | null>;
  /** Marks a token used if it was unused; false when another request rotated it first. */
  markRefreshTokenUsed(tokenHash: string, at: string): Promise<boolean>;
  revokeRefreshFamily(familyId: string, at: string): Promise<void>;
}
