import { createHash, createHmac, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import { createSigner, createVerifier } from 'fast-jwt';
import {
  DomainError,
  defaultSettings,
  jobIds,
  newJobs,
  normalizeEmail,
  passwordResetMail,
  verificationCodeMail,
  type AccountStore,
  type Clock,
  type Credentials,
  type IdGenerator,
  type Identity,
  type Logger,
  type Mailer,
  type Principal,
  type RefreshTokenRecord,
  type Role,
  type Store,
  type TokenPair,
  type User,
} from '@ticketbooth/core';
import { DEFAULT_SCRYPT, hashPassword, verifyPassword, type ScryptParams } from './passwords.js';
import { HashGate } from './hash-gate.js';
import { RateLimiter } from './rate-limiter.js';
import { RecentRotations } from './recent-rotations.js';
import { VerifiedTokens, type VerifiedAccess } from './verified-tokens.js';

export interface LocalIdentityOptions {
  store: Store;
  accounts: AccountStore;
  mailer: Mailer;
  clock: Clock;
  ids: IdGenerator;
  logger: Logger;
  /** HS256 key, at least 32 bytes. */
  jwtSecret: Uint8Array;
  issuer?: string;
  accessTokenTtlSeconds?: number;
  refreshTokenTtlSeconds?: number;
  verificationCodeTtlSeconds?: number;
  scrypt?: ScryptParams;
  /**
   * Failed logins only, so nobody can lock out an account's owner and a venue or office behind one
   * address can log everyone in. Per account and client address: 5 in 15 minutes (guessing one
   * password from one address: 20 an hour). Per client address: 60 in 15 minutes across accounts.
   */
  loginRateLimit?: { failuresPerAccountAndClient: number; failuresPerClient: number; windowMs: number };
  /**
   * Password hashes (sign-up, login) in flight at once, and how many may wait; beyond that the
   * caller gets 503 busy. Default 2 and 32: half of libuv's 4 threads stay free for file I/O, and a
   * full queue drains in a few seconds.
   */
  passwordHashing?: { concurrency: number; maxQueued: number };
  /**
   * Per client address, checked before any password is hashed: sign-ups (20 in 15 minutes: a venue
   * or office can still sign a group up), verification resends (10) and reset requests (10) in 15
   * minutes, and wrong reset codes (20 in 15 minutes; each code also dies after 5 wrong tries).
   */
  addressLimits?: AddressLimits;
  /**
   * Runs jobs this identity enqueued (the reset mail) right away, in the background; the outbox
   * retries them if that fails. Without it they wait for the outbox's next drain.
   */
  runJobs?: (jobIds: string[]) => Promise<unknown>;
}

export interface AddressLimits {
  signUps: number;
  resends: number;
  resetRequests: number;
  /** Wrong verification or reset codes one address may send: fewer than burn a code, so one address cannot burn another's. */
  codeFailures: number;
  windowMs: number;
}

export const DEFAULT_ADDRESS_LIMITS: AddressLimits = { signUps: 20, resends: 10, resetRequests: 10, codeFailures: 10, windowMs: 15 * 60_000 };

const AUDIENCE = 'ticketbooth-api';
/**
 * Wrong tries (from all addresses) that burn a code: three addresses' worth of codeFailures, so no
 * one address can burn the owner's code, while a guess stays a 1 in 33,000 chance per code.
 */
const MAX_CODE_ATTEMPTS = 30;
/** Two tabs or a retried request present one refresh token twice within this; later, reuse is theft. */
const REFRESH_REUSE_GRACE_MS = 30_000;

const unauthorized = () => new DomainError('unauthorized', 'Your session is missing, expired or invalid. Please log in again.');
const invalidCredentials = () => new DomainError('invalid_credentials', 'The email or password is not right.');
/** Reset codes per email: at most this many mailed an hour, whoever asks. */
const RESETS_PER_EMAIL_PER_HOUR = 3;

const invalidCode = () => new DomainError('invalid_code', 'That code is not right or has expired. Ask for a new one.');
/** Said only to whoever typed the right code: a guesser learns nothing, the owner learns to ask again. */
const expiredCode = () => new DomainError('invalid_code', 'That code has expired. Ask for a new one.', { reason: 'expired' });
const tooMany = (what: string) => new DomainError('too_many_attempts', `Too many ${what}. Please wait a few minutes and try again.`);
const throttled = (what: string, retryAfterMs: number) =>
  new DomainError('too_many_attempts', `Too many ${what} from here. Please wait a few minutes and try again.`, { retryAfterSeconds: Math.max(1, Math.ceil(retryAfterMs / 1000)) });
const loginThrottled = (retryAfterMs: number) => throttled('failed logins', retryAfterMs);

const sha256 = (value: string): string => createHash('sha256').update(value).digest('base64url');

/** The built-in identity: scrypt password hashes, 6-digit mailed codes, JWT access + rotating refresh tokens. */
export function createLocalIdentity(options: LocalIdentityOptions): Identity {
  const { store, accounts, mailer, clock, ids, logger } = options;
  if (options.jwtSecret.length < 32) throw new Error('jwtSecret must be at least 32 bytes.');
  const issuer = options.issuer ?? 'ticketbooth';
  const accessTtl = options.accessTokenTtlSeconds ?? 900;
  const refreshTtl = options.refreshTokenTtlSeconds ?? 30 * 86_400;
  const codeTtl = options.verificationCodeTtlSeconds ?? 15 * 60;
  const params = options.scrypt ?? DEFAULT_SCRYPT;
  const limits = options.loginRateLimit ?? { failuresPerAccountAndClient: 5, failuresPerClient: 60, windowMs: 15 * 60_000 };
  const failuresPerAccount = new RateLimiter(limits.failuresPerAccountAndClient, limits.windowMs);
  const failuresPerClient = new RateLimiter(limits.failuresPerClient, limits.windowMs);
  const hashing = options.passwordHashing ?? { concurrency: 2, maxQueued: 32 };
  const hashes = new HashGate(hashing.concurrency, hashing.maxQueued);
  const verified = new VerifiedTokens();
  const rotations = new RecentRotations(REFRESH_REUSE_GRACE_MS, options.jwtSecret);
  // fast-jwt's HMAC is node:crypto's, synchronous: a new token's check measured 7-13 µs of the main
  // thread, against 46-70 µs through WebCrypto's (jose's) job queue, and every rush request brings a
  // new token. Expiry is checked against the injected clock below, so the verifier ignores its own.
  const jwtSecret = Buffer.from(options.jwtSecret);
  const signJwt = createSigner({ key: jwtSecret, algorithm: 'HS256' });
  const verifyJwt = createVerifier({
    key: jwtSecret,
    algorithms: ['HS256'],
    allowedIss: issuer,
    allowedAud: AUDIENCE,
    requiredClaims: ['sub', 'exp', 'iat'],
    ignoreExpiration: true,
    ignoreNotBefore: true,
  });
  const resends = new RateLimiter(5, 60 * 60_000);
  const resetsPerEmail = new RateLimiter(RESETS_PER_EMAIL_PER_HOUR, 60 * 60_000);
  const perAddress = options.addressLimits ?? DEFAULT_ADDRESS_LIMITS;
  const signUpsPerClient = new RateLimiter(perAddress.signUps, perAddress.windowMs);
  const resendsPerClient = new RateLimiter(perAddress.resends, perAddress.windowMs);
  const resetRequestsPerClient = new RateLimiter(perAddress.resetRequests, perAddress.windowMs);
  const codeFailuresPerClient = new RateLimiter(perAddress.codeFailures, perAddress.windowMs);
  const codeKey = createHmac('sha256', options.jwtSecret).update('verification-codes').digest();
  // Verified against when the email is unknown, so both answers cost one scrypt.
  const dummyHash = hashPassword(randomBytes(16).toString('hex'), params);

  const hashCode = (userId: string, code: string) => createHmac('sha256', codeKey).update(`${userId}:${code}`).digest('base64url');

  const newCode = (user: User) => {
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    const expiresAt = new Date(clock.now().getTime() + codeTtl * 1000).toISOString();
    return { code, record: { userId: user.id, codeHash: hashCode(user.id, code), expiresAt, attempts: 0 } };
  };
  const codeMatches = (userId: string, stored: string, code: string) => {
    const expected = Buffer.from(stored);
    const actual = Buffer.from(hashCode(userId, code));
    return expected.length === actual.length && timingSafeEqual(expected, actual);
  };

  async function sendCode(user: User): Promise<void> {
    const { code, record } = newCode(user);
    await accounts.putVerificationCode(record);
    await mailer.send({ to: user.email, ...verificationCodeMail(user.name, code, Math.round(codeTtl / 60), defaultSettings.appName) });
  }

  async function sendResetCode(email: string): Promise<void> {
    const user = await store.getUserByEmail(email);
    if (!user) return;
    const { code, record } = newCode(user);
    await accounts.putResetCode(record);
    await mailer.send({ to: user.email, ...passwordResetMail(user.name, code, Math.round(codeTtl / 60), defaultSettings.appName) });
  }

  /** Refuses a caller over an address limit before any work (or hashing) is done for it; the attempt's time, to forgive it by. */
  function admit(limiter: RateLimiter, clientKey: string | undefined, what: string): number {
    const now = clock.now().getTime();
    if (clientKey !== undefined && !limiter.attempt(clientKey, now)) throw throttled(what, limiter.retryAfterMs(clientKey, now));
    return now;
  }

  /**
   * Checks a password against `stored` under the login throttles. Each attempt counts as a failure
   * until its password proves right (so concurrent guesses cannot slip past the limit), and is then
   * taken back: successes are never counted.
   */
  async function passwordMatches(email: string, clientKey: string, password: string, stored: string): Promise<boolean> {
    const now = clock.now().getTime();
    const accountKey = `${email}\n${clientKey}`;
    if (!failuresPerClient.attempt(clientKey, now)) throw loginThrottled(failuresPerClient.retryAfterMs(clientKey, now));
    if (!failuresPerAccount.attempt(accountKey, now)) {
      failuresPerClient.forgive(clientKey, now);
      throw loginThrottled(failuresPerAccount.retryAfterMs(accountKey, now));
    }
    // Refused as busy, the password was never checked: that is no failed attempt.
    const valid = await hashes.run(() => verifyPassword(password, stored), 'login').catch((error: unknown) => {
      failuresPerClient.forgive(clientKey, now);
      failuresPerAccount.forgive(accountKey, now);
      throw error;
    });
    if (valid) {
      failuresPerClient.forgive(clientKey, now);
      failuresPerAccount.reset(accountKey);
    }
    return valid;
  }

  /** The caller's account and credentials, having proven its password again. */
  async function reauthenticate(userId: string, password: string, clientKey: string): Promise<{ user: User; credentials: Credentials }> {
    const user = await store.getUser(userId);
    const credentials = user ? await accounts.getCredentials(user.id) : null;
    if (!user || !credentials) throw unauthorized();
    if (!(await passwordMatches(user.email, clientKey, password, credentials.passwordHash))) throw invalidCredentials();
    return { user, credentials };
  }

  async function issueTokens(userId: string, role: Role, familyId: string): Promise<TokenPair> {
    const credentials = await accounts.getCredentials(userId);
    if (!credentials) throw unauthorized();
    const now = clock.now();
    const issuedAt = Math.floor(now.getTime() / 1000);
    const accessToken = signJwt({
      role,
      ver: credentials.tokenVersion,
      typ: 'access',
      fam: familyId,
      sub: userId,
      iss: issuer,
      aud: AUDIENCE,
      iat: issuedAt,
      exp: issuedAt + accessTtl,
      jti: ids.newId('jti'),
    });
    const refreshToken = randomBytes(32).toString('base64url');
    await accounts.putRefreshToken({
      tokenHash: sha256(refreshToken),
      userId,
      familyId,
      expiresAt: new Date(now.getTime() + refreshTtl * 1000).toISOString(),
      usedAt: null,
      revokedAt: null,
    });
    return { accessToken, refreshToken, expiresIn: accessTtl };
  }

  async function rotate(record: RefreshTokenRecord): Promise<TokenPair> {
    if (record.usedAt || !(await accounts.markRefreshTokenUsed(record.tokenHash, clock.now().toISOString()))) {
      await revokeFamily(record.familyId, record.userId);
      logger.warn({ userId: record.userId }, 'refresh token reused: session family revoked');
      throw unauthorized();
    }
    const user = await store.getUser(record.userId);
    if (!user) throw unauthorized();
    return issueTokens(user.id, user.role, record.familyId);
  }

  /** A stolen refresh token was replayed: end every session of the family and its access tokens. */
  async function revokeFamily(familyId: string, userId: string): Promise<void> {
    await accounts.revokeRefreshFamily(familyId, clock.now().toISOString());
    await accounts.bumpTokenVersion(userId);
  }

  /** The claims of a valid, current access token: signature, expiry and token version checked. */
  async function verifiedAccess(token: string): Promise<VerifiedAccess> {
    const nowSeconds = Math.floor(clock.now().getTime() / 1000);
    let access = verified.get(token, nowSeconds);
    if (!access) {
      let claims: Record<string, unknown>;
      try {
        claims = verifyJwt(token) as Record<string, unknown>;
      } catch {
        throw unauthorized();
      }
      const { role, exp, nbf, iat } = claims;
      if (typeof iat !== 'number' || typeof exp !== 'number' || exp <= nowSeconds) throw unauthorized();
      if (nbf !== undefined && (typeof nbf !== 'number' || nbf > nowSeconds)) throw unauthorized();
      if (claims.typ !== 'access' || typeof claims.sub !== 'string' || (role !== 'organizer' && role !== 'attendee')) throw unauthorized();
      access = { sub: claims.sub, role, ver: claims.ver, exp, ...(typeof claims.fam === 'string' ? { fam: claims.fam } : {}) };
      verified.remember(token, access);
    }
    const credentials = await accounts.getCredentials(access.sub);
    if (!credentials || credentials.tokenVersion !== access.ver) throw unauthorized();
    return access;
  }

  return {
    async signUp({ email, password, name, role }, clientKey) {
      admit(signUpsPerClient, clientKey, 'sign-ups');
      const passwordHash = await hashes.run(() => hashPassword(password, params));
      const user: User = { id: ids.newId('usr'), email: normalizeEmail(email), name: name.trim(), role, emailVerified: false, createdAt: clock.now().toISOString() };
      const inserted = await store.insertUser(user);
      if (!inserted.ok) throw new DomainError('email_taken', 'An account with this email already exists. Log in instead.');
      await accounts.putCredentials({ userId: user.id, passwordHash, tokenVersion: 0 });
      await sendCode(user);
      logger.info({ userId: user.id, role }, 'account created');
      return user;
    },

    async verifyEmail(email, code, clientKey) {
      // Counted as a wrong code until it proves right: an address guessing is throttled, the owner is not.
      const at = admit(codeFailuresPerClient, clientKey, 'wrong codes');
      const user = await store.getUserByEmail(normalizeEmail(email));
      const record = user ? await accounts.getVerificationCode(user.id) : null;
      if (!user || !record) throw invalidCode();
      if (record.attempts >= MAX_CODE_ATTEMPTS) {
        await accounts.deleteVerificationCode(user.id);
        throw tooMany('wrong codes; ask for a new code');
      }
      if (!codeMatches(user.id, record.codeHash, code)) {
        await accounts.incrementVerificationAttempts(user.id);
        throw invalidCode();
      }
      if (Date.parse(record.expiresAt) <= clock.now().getTime()) throw expiredCode();
      if (clientKey !== undefined) codeFailuresPerClient.forgive(clientKey, at);
      await store.markEmailVerified(user.id);
      await accounts.deleteVerificationCode(user.id);
      return { ...user, emailVerified: true };
    },

    async resendVerification(email, clientKey) {
      admit(resendsPerClient, clientKey, 'code requests');
      const normalized = normalizeEmail(email);
      const user = await store.getUserByEmail(normalized);
      if (!user || user.emailVerified || !resends.attempt(normalized, clock.now().getTime())) return;
      await sendCode(user);
    },

    async logIn(email, password, clientKey) {
      const normalized = normalizeEmail(email);
      const user = await store.getUserByEmail(normalized);
      const credentials = user ? await accounts.getCredentials(user.id) : null;
      const valid = await passwordMatches(normalized, clientKey, password, credentials?.passwordHash ?? (await dummyHash));
      if (!user || !credentials || !valid) throw invalidCredentials();
      if (!user.emailVerified) throw new DomainError('email_not_verified', 'Verify your email first: enter the code we mailed you.');
      const tokens = await issueTokens(user.id, user.role, ids.newId('fam'));
      return { ...tokens, user };
    },

    async requestPasswordReset(email, clientKey) {
      admit(resetRequestsPerClient, clientKey, 'password reset requests');
      const normalized = normalizeEmail(email);
      if (!resetsPerEmail.attempt(normalized, clock.now().getTime())) return;
      // Into the outbox before answering, so a crash loses no reset mail; enqueued before the account
      // is even looked up, so a known and an unknown email take as long.
      const jobs = newJobs(ids, [{ kind: 'send_password_reset_mail', email: normalized }]);
      await store.enqueueJobs(jobs, clock.now().toISOString());
      options.runJobs?.(jobIds(jobs)).catch((error: unknown) => logger.error({ err: error }, 'password reset mail job not run'));
    },

    mailPasswordResetCode: (email) => sendResetCode(email),

    async confirmPasswordReset({ email, code, newPassword }, clientKey) {
      const now = admit(codeFailuresPerClient, clientKey, 'wrong codes');
      const user = await store.getUserByEmail(normalizeEmail(email));
      const record = user ? await accounts.getResetCode(user.id) : null;
      if (!user || !record) throw invalidCode();
      if (Date.parse(record.expiresAt) <= now) throw codeMatches(user.id, record.codeHash, code) ? expiredCode() : invalidCode();
      // Counted before comparing, atomically in the store: concurrent guesses all count.
      const tries = await accounts.countResetAttempt(user.id);
      const matches = tries <= MAX_CODE_ATTEMPTS && codeMatches(user.id, record.codeHash, code);
      if (!matches) {
        if (tries >= MAX_CODE_ATTEMPTS) await accounts.deleteResetCode(user.id);
        throw invalidCode();
      }
      codeFailuresPerClient.forgive(clientKey, now);
      const passwordHash = await hashes.run(() => hashPassword(newPassword, params));
      await accounts.deleteResetCode(user.id);
      await accounts.setPasswordHash(user.id, passwordHash);
      await accounts.revokeUserRefreshTokens(user.id, clock.now().toISOString());
      // The code reached the mailbox: that verifies the email as well as a sign-up code would.
      if (!user.emailVerified) await store.markEmailVerified(user.id);
      logger.info({ userId: user.id }, 'password reset: every session ended');
      return { ...user, emailVerified: true };
    },

    async changePassword(accessToken, currentPassword, newPassword, clientKey) {
      const access = await verifiedAccess(accessToken);
      const { user } = await reauthenticate(access.sub, currentPassword, clientKey);
      const passwordHash = await hashes.run(() => hashPassword(newPassword, params));
      // Every access token goes stale; every refresh family but the caller's is revoked, so this
      // session continues with one refresh and every other one ends.
      await accounts.setPasswordHash(user.id, passwordHash);
      await accounts.revokeUserRefreshTokens(user.id, clock.now().toISOString(), access.fam);
      logger.info({ userId: user.id }, 'password changed: other sessions ended');
    },

    async deleteAccount(principal, password, clientKey, remove) {
      await reauthenticate(principal.userId, password, clientKey);
      // The SQLite store drops the credentials and sessions with the user, in one transaction.
      await remove();
      logger.info({ userId: principal.userId }, 'account deleted');
    },

    async refresh(refreshToken) {
      const tokenHash = sha256(refreshToken);
      const record = await accounts.getRefreshToken(tokenHash);
      const now = clock.now().getTime();
      if (!record || record.revokedAt || Date.parse(record.expiresAt) <= now) throw unauthorized();
      // Looked up and remembered with no await between, so of two concurrent refreshes one rotates
      // and the other is handed the same pair.
      const again = rotations.recall(tokenHash, refreshToken, now);
      if (again) return again;
      const rotation = rotate(record);
      rotations.remember(tokenHash, refreshToken, now, rotation);
      return rotation;
    },

    // Ends every session of the user: the token version in all their access tokens goes stale.
    async logOut(principal: Principal, refreshToken) {
      const record = await accounts.getRefreshToken(sha256(refreshToken));
      if (record && record.userId === principal.userId) await accounts.revokeRefreshFamily(record.familyId, clock.now().toISOString());
      await accounts.bumpTokenVersion(principal.userId);
    },

    async verifyAccessToken(token) {
      const access = await verifiedAccess(token);
      return { userId: access.sub, role: access.role };
    },
  };
}
