import { SignJWT } from 'jose';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DomainError, randomIds, silentLogger, type Identity } from '@ticketbooth/core';
import { openSqlite, type SqliteStores } from '@ticketbooth/store-sqlite';
import { TestClock } from '@ticketbooth/testkit';
import { createLocalIdentity, createLocalMailer, hashPassword, verifyPassword } from '../src/index.js';

const secret = new TextEncoder().encode('a-test-secret-that-is-long-enough-32b');

async function codeFor(db: SqliteStores, email: string): Promise<string> {
  const [mail] = await db.mailbox.list(email, 1);
  return /\b(\d{6})\b/.exec(mail!.text)![1]!;
}

async function rejects(promise: Promise<unknown>, code: string): Promise<void> {
  await expect(promise).rejects.toSatisfy((e: unknown) => e instanceof DomainError && e.code === code);
}

describe('local identity', () => {
  let db: SqliteStores;
  let clock: TestClock;
  let identity: Identity;

  beforeEach(() => {
    db = openSqlite(':memory:');
    clock = new TestClock(Date.parse('2030-01-01T00:00:00Z'));
    const mailer = createLocalMailer({ mailbox: db.mailbox, clock, ids: randomIds, logger: silentLogger, from: 'test@example.test' });
    identity = createLocalIdentity({ store: db.store, accounts: db.accounts, mailer, clock, ids: randomIds, logger: silentLogger, jwtSecret: secret, scrypt: { N: 2 ** 10, r: 8, p: 1 } });
  });
  afterEach(() => db.close());

  const verified = async (email = 'ada@example.test', password = 'long enough pw') => {
    await identity.signUp({ email, password, name: 'Ada', role: 'attendee' });
    await identity.verifyEmail(email, await codeFor(db, email));
    return identity.logIn(email, password, '10.0.0.1');
  };

  it('signs up, mails a code, verifies, logs in and proves the token', async () => {
    const user = await identity.signUp({ email: ' Ada@Example.TEST ', password: 'long enough pw', name: 'Ada', role: 'organizer' });
    expect(user).toMatchObject({ email: 'ada@example.test', emailVerified: false, role: 'organizer' });
    await rejects(identity.logIn('ada@example.test', 'long enough pw', 'c'), 'email_not_verified');
    const verifiedUser = await identity.verifyEmail('ada@example.test', await codeFor(db, 'ada@example.test'));
    expect(verifiedUser.emailVerified).toBe(true);
    const session = await identity.logIn('ADA@example.test', 'long enough pw', 'c');
    expect(await identity.verifyAccessToken(session.accessToken)).toEqual({ userId: user.id, role: 'organizer' });
  });

  it('burns the code after 30 wrong tries from all addresses together', async () => {
    await identity.signUp({ email: 'bob@example.test', password: 'long enough pw', name: 'Bob', role: 'attendee' });
    const code = await codeFor(db, 'bob@example.test');
    const wrong = code === '000000' ? '111111' : '000000';
    for (let i = 0; i < 30; i++) await rejects(identity.verifyEmail('bob@example.test', wrong, `203.0.113.${i % 3}`), 'invalid_code');
    await rejects(identity.verifyEmail('bob@example.test', code, '198.51.100.7'), 'too_many_attempts');
    await rejects(identity.verifyEmail('bob@example.test', code, '198.51.100.7'), 'invalid_code');
  });

  it("one address's wrong codes are throttled after 10, and the owner's code still works from another address", async () => {
    await identity.signUp({ email: 'eve-target@example.test', password: 'long enough pw', name: 'Target', role: 'attendee' });
    const code = await codeFor(db, 'eve-target@example.test');
    const wrong = code === '000000' ? '111111' : '000000';
    for (let i = 0; i < 10; i++) await rejects(identity.verifyEmail('eve-target@example.test', wrong, '203.0.113.66'), 'invalid_code');
    await rejects(identity.verifyEmail('eve-target@example.test', wrong, '203.0.113.66'), 'too_many_attempts');
    await rejects(identity.verifyEmail('eve-target@example.test', code, '203.0.113.66'), 'too_many_attempts');
    expect((await identity.verifyEmail('eve-target@example.test', code, '198.51.100.7')).emailVerified).toBe(true);
  });

  it('an expired code is refused; a resent one works', async () => {
    await identity.signUp({ email: 'cy@example.test', password: 'long enough pw', name: 'Cy', role: 'attendee' });
    const old = await codeFor(db, 'cy@example.test');
    clock.advance(16 * 60_000);
    await rejects(identity.verifyEmail('cy@example.test', old), 'invalid_code');
    await identity.resendVerification('cy@example.test');
    await identity.resendVerification('nobody@example.test');
    expect((await identity.verifyEmail('cy@example.test', await codeFor(db, 'cy@example.test'))).emailVerified).toBe(true);
  });

  it('says a right but expired code expired, and a wrong one only that it is not right', async () => {
    await identity.signUp({ email: 'di@example.test', password: 'long enough pw', name: 'Di', role: 'attendee' });
    const code = await codeFor(db, 'di@example.test');
    clock.advance(16 * 60_000);
    const expired = await identity.verifyEmail('di@example.test', code).catch((e: DomainError) => e);
    expect(expired).toMatchObject({ code: 'invalid_code', details: { reason: 'expired' } });
    const wrong = await identity.verifyEmail('di@example.test', code === '000000' ? '111111' : '000000').catch((e: DomainError) => e);
    expect(wrong).toMatchObject({ code: 'invalid_code' });
    expect((wrong as DomainError).details).toBeUndefined();
  });

  it('wrong password and unknown email are the same invalid_credentials', async () => {
    await verified();
    const a = await identity.logIn('ada@example.test', 'nope nope nope', 'c1').catch((e: DomainError) => e);
    const b = await identity.logIn('ghost@example.test', 'nope nope nope', 'c1').catch((e: DomainError) => e);
    expect(a).toBeInstanceOf(DomainError);
    expect([(a as DomainError).code, (a as DomainError).message]).toEqual([(b as DomainError).code, (b as DomainError).message]);
  });

  it('throttles failed logins per account and address; a success clears that counter', async () => {
    await verified();
    for (let i = 0; i < 4; i++) await rejects(identity.logIn('ada@example.test', 'wrong', 'c1'), 'invalid_credentials');
    await identity.logIn('ada@example.test', 'long enough pw', 'c1');
    for (let i = 0; i < 5; i++) await rejects(identity.logIn('ada@example.test', 'wrong', 'd1'), 'invalid_credentials');
    await rejects(identity.logIn('ada@example.test', 'long enough pw', 'd1'), 'too_many_attempts');
    clock.advance(16 * 60_000);
    await identity.logIn('ada@example.test', 'long enough pw', 'd1');
  });

  it("5 wrong passwords from one address do not stop the owner's correct login from another", async () => {
    await verified();
    for (let i = 0; i < 5; i++) await rejects(identity.logIn('ada@example.test', 'wrong', 'attacker'), 'invalid_credentials');
    await rejects(identity.logIn('ada@example.test', 'long enough pw', 'attacker'), 'too_many_attempts');
    const owner = await identity.logIn('ada@example.test', 'long enough pw', 'owner');
    expect(await identity.verifyAccessToken(owner.accessToken)).toBeTruthy();
  });

  it('100 successful logins from one address in a minute are not throttled', async () => {
    await verified();
    for (let i = 0; i < 100; i++) {
      clock.advance(500);
      await identity.logIn('ada@example.test', 'long enough pw', 'venue');
    }
  });

  it('an address that fails across accounts is throttled, with how long to wait', async () => {
    for (let i = 0; i < 60; i++) await rejects(identity.logIn(`spray-${i}@example.test`, 'Summer2026!', 'sprayer'), 'invalid_credentials');
    clock.advance(60_000);
    const refused = await identity.logIn('spray-60@example.test', 'Summer2026!', 'sprayer').catch((e: DomainError) => e);
    expect(refused).toMatchObject({ code: 'too_many_attempts', details: { retryAfterSeconds: 14 * 60 } });
    await rejects(identity.logIn('spray-0@example.test', 'Summer2026!', 'someone else'), 'invalid_credentials');
  });

  it('with the hash queue full, a login is refused as busy and does not count as a failure', async () => {
    await verified();
    const mailer = createLocalMailer({ mailbox: db.mailbox, clock, ids: randomIds, logger: silentLogger, from: 'test@example.test' });
    const tiny = createLocalIdentity({ store: db.store, accounts: db.accounts, mailer, clock, ids: randomIds, logger: silentLogger, jwtSecret: secret,
      scrypt: { N: 2 ** 10, r: 8, p: 1 }, passwordHashing: { concurrency: 1, maxQueued: 1 }, loginRateLimit: { failuresPerAccountAndClient: 1, failuresPerClient: 1, windowMs: 60_000 } });
    const outcomes = await Promise.all(Array.from({ length: 4 }, (_, i) => tiny.logIn('ada@example.test', 'long enough pw', `venue-${i}`).then(() => 'ok', (e: DomainError) => e.code)));
    expect(outcomes).toEqual(['ok', 'ok', 'busy', 'busy']);
    await tiny.logIn('ada@example.test', 'long enough pw', 'venue-2');
    await rejects(tiny.logIn('ada@example.test', 'wrong', 'venue-3'), 'invalid_credentials');
  });

  it('rotates refresh tokens and revokes the family when a rotated one is reused after 30 s', async () => {
    const first = await verified();
    const second = await identity.refresh(first.refreshToken);
    expect(await identity.verifyAccessToken(second.accessToken)).toBeTruthy();
    clock.advance(31_000);
    await rejects(identity.refresh(first.refreshToken), 'unauthorized');
    await rejects(identity.refresh(second.refreshToken), 'unauthorized');
    await rejects(identity.verifyAccessToken(second.accessToken), 'unauthorized');
  });

  it('two concurrent refreshes with one token both get the same pair, and the session lives', async () => {
    const first = await verified();
    const [a, b] = await Promise.all([identity.refresh(first.refreshToken), identity.refresh(first.refreshToken)]);
    expect(b).toEqual(a);
    expect(a.refreshToken).not.toBe(first.refreshToken);
    clock.advance(29_000);
    expect(await identity.refresh(first.refreshToken)).toEqual(a);
    expect(await identity.verifyAccessToken(a.accessToken)).toBeTruthy();
    const next = await identity.refresh(a.refreshToken);
    expect(await identity.verifyAccessToken(next.accessToken)).toBeTruthy();
  });

  it('logout ends the access token and the refresh token', async () => {
    const session = await verified();
    const principal = await identity.verifyAccessToken(session.accessToken);
    await identity.logOut(principal, session.refreshToken);
    await rejects(identity.verifyAccessToken(session.accessToken), 'unauthorized');
    await rejects(identity.refresh(session.refreshToken), 'unauthorized');
  });

  it('a token that verified before (and is remembered) still expires on time', async () => {
    const session = await verified();
    await identity.verifyAccessToken(session.accessToken);
    clock.advance(14 * 60_000);
    await identity.verifyAccessToken(session.accessToken);
    clock.advance(2 * 60_000);
    await rejects(identity.verifyAccessToken(session.accessToken), 'unauthorized');
    clock.advance(-16 * 60_000);
  });

  it('refuses expired, tampered, foreign-key and alg:none tokens', async () => {
    const session = await verified();
    clock.advance(16 * 60_000);
    await rejects(identity.verifyAccessToken(session.accessToken), 'unauthorized');
    clock.advance(-16 * 60_000);
    const [h, p, s] = session.accessToken.split('.');
    const claims = JSON.parse(Buffer.from(p!, 'base64url').toString());
    await rejects(identity.verifyAccessToken([h, Buffer.from(JSON.stringify({ ...claims, role: 'organizer' })).toString('base64url'), s].join('.')), 'unauthorized');
    await rejects(identity.verifyAccessToken([Buffer.from('{"alg":"none"}').toString('base64url'), p, ''].join('.')), 'unauthorized');
    const foreign = await new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).sign(new TextEncoder().encode('another-secret-another-secret-another'));
    await rejects(identity.verifyAccessToken(foreign), 'unauthorized');
    const refreshAsAccess = await new SignJWT({ ...claims, typ: 'refresh' }).setProtectedHeader({ alg: 'HS256' }).sign(secret);
    await rejects(identity.verifyAccessToken(refreshAsAccess), 'unauthorized');
  });

  it('refuses a token signed with the right key whose audience, issuer or times are wrong', async () => {
    const session = await verified();
    const claims = JSON.parse(Buffer.from(session.accessToken.split('.')[1]!, 'base64url').toString());
    const resigned = (changed: Record<string, unknown>) => new SignJWT({ ...claims, ...changed }).setProtectedHeader({ alg: 'HS256' }).sign(secret);
    expect((await identity.verifyAccessToken(await resigned({}))).userId).toBe(claims.sub);
    const wrong = [{ aud: 'another-api' }, { iss: 'someone-else' }, { nbf: claims.iat + 60 }, { iat: undefined }, { iat: 'now' }, { exp: String(claims.exp) }, { exp: claims.iat }];
    for (const changed of wrong) await rejects(identity.verifyAccessToken(await resigned(changed)), 'unauthorized');
  });

  it('stores a salted, parameterised hash, never the password', async () => {
    const user = await identity.signUp({ email: 'dee@example.test', password: 'my secret words', name: 'Dee', role: 'attendee' });
    const credentials = await db.accounts.getCredentials(user.id);
    expect(credentials!.passwordHash).toMatch(/^scrypt\$1024\$8\$1\$[\w-]+\$[\w-]+$/);
    expect(credentials!.passwordHash).not.toContain('my secret words');
  });
});

describe('password hashing', () => {
  it('defaults to scrypt N=2^17, r=8, p=1 (OWASP ASVS) and verifies only the right password', async () => {
    const hash = await hashPassword('correct horse');
    expect(hash.startsWith('scrypt$131072$8$1$')).toBe(true);
    expect(await verifyPassword('correct horse', hash)).toBe(true);
    expect(await verifyPassword('correct hors', hash)).toBe(false);
    expect(await hashPassword('correct horse')).not.toBe(hash);
  });
});
