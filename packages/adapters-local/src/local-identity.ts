import { createHash, createHmac, randomBytes, randomInt, timingSafeEqual, webcrypto } from 'node:crypto';
import { SignJWT, jwtVerify } from 'jose';
import {
  DomainError,
  defaultSettings,
  normalizeEmail,
  verificationCodeMail,
  type AccountStore,
  type Clock,
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
import { VerifiedTokens } from './verified-tokens.js';

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
}

const AUDIENCE = 'ticketbooth-api';
const MAX_CODE_ATTEMPTS = 5;
/** Two tabs or a retried request present one refresh token twice within this; later, reuse is theft. */
const REFRESH_REUSE_GRACE_MS = 30_000;

const unauthorized = () => new DomainError('unauthorized', 'Your session is missing, expired or invalid. Please log in again.');
const invalidCredentials = () => new DomainError('invalid_credentials', 'The email or password is not right.');
const invalidCode = () => new DomainError('invalid_code', 'That code is not right or has expired. Ask for a new one.');
const tooMany = (what: string) => new DomainError('too_many_attempts', `Too many ${what}. Please wait a few minutes and try again.`);
const loginThrottled = (retryAfterMs: number) =>
  new DomainError('too_many_attempts', 'Too many failed logins from here. Please wait a few minutes and try again.', { retryAfterSeconds: Math.max(1, Math.ceil(retryAfterMs / 1000)) });

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
  // Imported once: given raw bytes, jose imports the key again on every sign and verify (measured
  // 134-142 vs 88-101 µs per HS256 verify, which every request with a new token pays).
  const jwtKey = webcrypto.subtle.importKey('raw', options.jwtSecret, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify']);
  const resends = new RateLimiter(5, 60 * 60_000);
  const codeKey = createHmac('sha256', options.jwtSecret).update('verification-codes').digest();
  // Verified against when the email is unknown, so both answers cost one scrypt.
  const dummyHash = hashPassword(randomBytes(16).toString('hex'), params);

  const hashCode = (userId: string, code: string) => createHmac('sha256', codeKey).update(`${userId}:${code}`).digest('base64url');

  async function sendCode(user: User): Promise<void> {
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    const expiresAt = new Date(clock.now().getTime() + codeTtl * 1000).toISOString();
    await accounts.putVerificationCode({ userId: user.id, codeHash: hashCode(user.id, code), expiresAt, attempts: 0 });
    await mailer.send({ to: user.email, ...verificationCodeMail(user.name, code, Math.round(codeTtl / 60), defaultSettings.appName) });
  }

  async function issueTokens(userId: string, role: Role, familyId: string): Promise<TokenPair> {
    const credentials = await accounts.getCredentials(userId);
    if (!credentials) throw unauthorized();
    const now = clock.now();
    const accessToken = await new SignJWT({ role, ver: credentials.tokenVersion, typ: 'access' })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(userId)
      .setIssuer(issuer)
      .setAudience(AUDIENCE)
      .setIssuedAt(Math.floor(now.getTime() / 1000))
      .setExpirationTime(Math.floor(now.getTime() / 1000) + accessTtl)
      .setJti(ids.newId('jti'))
      .sign(await jwtKey);
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

  return {
    async signUp({ email, password, name, role }) {
      const passwordHash = await hashes.run(() => hashPassword(password, params));
      const user: User = { id: ids.newId('usr'), email: normalizeEmail(email), name: name.trim(), role, emailVerified: false, createdAt: clock.now().toISOString() };
      const inserted = await store.insertUser(user);
      if (!inserted.ok) throw new DomainError('email_taken', 'An account with this email already exists. Log in instead.');
      await accounts.putCredentials({ userId: user.id, passwordHash, tokenVersion: 0 });
      await sendCode(user);
      logger.info({ userId: user.id, role }, 'account created');
      return user;
    },

    async verifyEmail(email, code) {
      const user = await store.getUserByEmail(normalizeEmail(email));
      const record = user ? await accounts.getVerificationCode(user.id) : null;
      if (!user || !record) throw invalidCode();
      if (record.attempts >= MAX_CODE_ATTEMPTS) {
        await accounts.deleteVerificationCode(user.id);
        throw tooMany('wrong codes; ask for a new code');
      }
      const expected = Buffer.from(record.codeHash);
      const actual = Buffer.from(hashCode(user.id, code));
      const matches = expected.length === actual.length && timingSafeEqual(expected, actual);
      if (!matches || Date.parse(record.expiresAt) <= clock.now().getTime()) {
        await accounts.incrementVerificationAttempts(user.id);
        throw invalidCode();
      }
      await store.markEmailVerified(user.id);
      await accounts.deleteVerificationCode(user.id);
      return { ...user, emailVerified: true };
    },

    async resendVerification(email) {
      const normalized = normalizeEmail(email);
      const user = await store.getUserByEmail(normalized);
      if (!user || user.emailVerified || !resends.attempt(normalized, clock.now().getTime())) return;
      await sendCode(user);
    },

    async logIn(email, password, clientKey) {
      const normalized = normalizeEmail(email);
      const now = clock.now().getTime();
      const accountKey = `${normalized}\n${clientKey}`;
      // Each attempt counts as a failure until its password proves right (so concurrent guesses
      // cannot slip past the limit), and is then taken back: successes are never counted.
      if (!failuresPerClient.attempt(clientKey, now)) throw loginThrottled(failuresPerClient.retryAfterMs(clientKey, now));
      if (!failuresPerAccount.attempt(accountKey, now)) {
        failuresPerClient.forgive(clientKey, now);
        throw loginThrottled(failuresPerAccount.retryAfterMs(accountKey, now));
      }
      const user = await store.getUserByEmail(normalized);
      const credentials = user ? await accounts.getCredentials(user.id) : null;
      const stored = credentials?.passwordHash ?? (await dummyHash);
      // Refused as busy, the password was never checked: that is no failed attempt.
      const valid = await hashes.run(() => verifyPassword(password, stored)).catch((error: unknown) => {
        failuresPerClient.forgive(clientKey, now);
        failuresPerAccount.forgive(accountKey, now);
        throw error;
      });
      if (!user || !credentials || !valid) throw invalidCredentials();
      failuresPerClient.forgive(clientKey, now);
      failuresPerAccount.reset(accountKey);
      if (!user.emailVerified) throw new DomainError('email_not_verified', 'Verify your email first: enter the code we mailed you.');
      const tokens = await issueTokens(user.id, user.role, ids.newId('fam'));
      return { ...tokens, user };
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
      const now = clock.now();
      let access = verified.get(token, Math.floor(now.getTime() / 1000));
      if (!access) {
        let claims;
        try {
          ({ payload: claims } = await jwtVerify(token, await jwtKey, {
            algorithms: ['HS256'],
            issuer,
            audience: AUDIENCE,
            currentDate: now,
            requiredClaims: ['sub', 'exp', 'iat'],
          }));
        } catch {
          throw unauthorized();
        }
        const role = claims.role;
        if (claims.typ !== 'access' || typeof claims.sub !== 'string' || (role !== 'organizer' && role !== 'attendee')) throw unauthorized();
        access = { sub: claims.sub, role, ver: claims.ver, exp: claims.exp! };
        verified.remember(token, access);
      }
      const credentials = await accounts.getCredentials(access.sub);
      if (!credentials || credentials.tokenVersion !== access.ver) throw unauthorized();
      return { userId: access.sub, role: access.role };
    },
  };
}
