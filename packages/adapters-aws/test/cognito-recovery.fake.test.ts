import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DomainError, systemClock, type Identity } from '@ticketbooth/core';
import { createCognitoIdentity } from '../src/index.js';
import { startFakeCognito, type FakeCognito } from './support/cognito-fake.js';
import { memoryUsers } from './support/memory-users.js';

/**
 * Password reset and change on the Cognito identity, through the real SDK against a local fake of
 * the user-pool endpoints (support/cognito-fake.ts): what the adapter asks Cognito, in what order,
 * and what each Cognito refusal becomes.
 */
const PASSWORD = 'correct horse battery';
const NEW_PASSWORD = 'a brand new passphrase';
let fake: FakeCognito;
let cognito: CognitoIdentityProviderClient;
let identity: Identity;
const users = memoryUsers();
let counter = 0;

async function refusal(promise: Promise<unknown>): Promise<DomainError> {
  const error = await promise.then(() => null, (e: unknown) => e);
  if (!(error instanceof DomainError)) throw new Error(`expected a DomainError, got ${String(error)}`);
  return error;
}

/** A confirmed, verified account in Cognito and in the store, and its email. */
async function account(): Promise<string> {
  const email = `owner-${++counter}@example.test`;
  const sub = fake.addUser(email, PASSWORD);
  await users.insertUser({ id: sub, email, name: 'Owner', role: 'attendee', emailVerified: true, createdAt: new Date().toISOString() });
  return email;
}

const operations = () => fake.calls.map((c) => c.operation);
const codeMailedTo = (email: string) => fake.mailedCodes.filter((m) => m.email === email).at(-1)!.code;

beforeAll(async () => {
  fake = await startFakeCognito();
  cognito = new CognitoIdentityProviderClient({ endpoint: fake.endpoint, region: 'eu-west-1', credentials: { accessKeyId: 'fake', secretAccessKey: 'fake' }, maxAttempts: 1 });
  identity = createCognitoIdentity({
    cognito,
    userPoolId: 'eu-west-1_AbCdEf123',
    clientId: 'client123',
    users,
    clock: systemClock,
    verifier: { verify: async (token) => ({ sub: fake.issued(token) ?? '' }) },
  });
});

afterAll(async () => {
  cognito?.destroy();
  await fake?.stop();
});

beforeEach(() => {
  fake.calls.length = 0;
});

describe('Cognito identity: password reset and change (local fake of the user-pool endpoints)', () => {
  it('a reset by the mailed code sets the password and ends every session opened before it', async () => {
    const email = await account();
    const laptop = await identity.logIn(email, PASSWORD, '203.0.113.1');
    const phone = await identity.logIn(email, PASSWORD, '203.0.113.2');
    await identity.requestPasswordReset(email, '203.0.113.3');
    expect(fake.calls.at(-1)).toEqual({ operation: 'ForgotPassword', input: { ClientId: 'client123', Username: email } });
    fake.calls.length = 0;

    const user = await identity.confirmPasswordReset({ email, code: codeMailedTo(email), newPassword: NEW_PASSWORD }, '203.0.113.3');
    expect(user).toMatchObject({ email, emailVerified: true });
    expect(operations()).toEqual(['ConfirmForgotPassword', 'InitiateAuth', 'GlobalSignOut']);
    expect((await refusal(identity.refresh(laptop.refreshToken))).code).toBe('unauthorized');
    expect((await refusal(identity.refresh(phone.refreshToken))).code).toBe('unauthorized');
    expect((await refusal(identity.logIn(email, PASSWORD, '203.0.113.1'))).code).toBe('invalid_credentials');
    expect((await identity.logIn(email, NEW_PASSWORD, '203.0.113.1')).user.email).toBe(email);
  });

  it('answers a reset request for an unknown email like a sent one, and mails nothing', async () => {
    const mailed = fake.mailedCodes.length;
    await expect(identity.requestPasswordReset('nobody@example.test', '203.0.113.3')).resolves.toBeUndefined();
    expect(operations()).toEqual(['ForgotPassword']);
    expect(fake.mailedCodes).toHaveLength(mailed);
  });

  it('a wrong, expired or refused code ends no session and sets no password', async () => {
    const email = await account();
    const session = await identity.logIn(email, PASSWORD, '203.0.113.1');
    await identity.requestPasswordReset(email, '203.0.113.3');
    const code = codeMailedTo(email);
    const wrong = await refusal(identity.confirmPasswordReset({ email, code: code === '000000' ? '111111' : '000000', newPassword: NEW_PASSWORD }, '203.0.113.3'));
    expect({ code: wrong.code, details: wrong.details }).toEqual({ code: 'invalid_code', details: undefined });
    const weak = await refusal(identity.confirmPasswordReset({ email, code, newPassword: 'short' }, '203.0.113.3'));
    expect(weak.code).toBe('weak_password');
    fake.expireResetCode(email);
    const expired = await refusal(identity.confirmPasswordReset({ email, code, newPassword: NEW_PASSWORD }, '203.0.113.3'));
    expect({ code: expired.code, details: expired.details }).toEqual({ code: 'invalid_code', details: { reason: 'expired' } });
    expect(operations()).not.toContain('GlobalSignOut');
    expect((await identity.refresh(session.refreshToken)).refreshToken).toBe(session.refreshToken);
    expect((await identity.logIn(email, PASSWORD, '203.0.113.1')).user.email).toBe(email);
  });

  it("Cognito's attempt limits on reset requests, codes and changes answer too_many_attempts", async () => {
    const email = await account();
    fake.failNext('ForgotPassword', 'LimitExceededException', 'Attempt limit exceeded, please try after some time.');
    expect((await refusal(identity.requestPasswordReset(email, '203.0.113.3'))).code).toBe('too_many_attempts');
    await identity.requestPasswordReset(email, '203.0.113.3');
    fake.failNext('ConfirmForgotPassword', 'TooManyFailedAttemptsException', 'Too many failed attempts.');
    expect((await refusal(identity.confirmPasswordReset({ email, code: codeMailedTo(email), newPassword: NEW_PASSWORD }, '203.0.113.3'))).code).toBe('too_many_attempts');
    const session = await identity.logIn(email, PASSWORD, '203.0.113.1');
    fake.failNext('ChangePassword', 'LimitExceededException', 'Attempt limit exceeded, please try after some time.');
    expect((await refusal(identity.changePassword(session.accessToken, PASSWORD, NEW_PASSWORD, '203.0.113.1'))).code).toBe('too_many_attempts');
    expect(operations()).not.toContain('GlobalSignOut');
  });

  it('a change with the right password ends every session, the caller\'s too; a wrong one ends none', async () => {
    const email = await account();
    const other = await identity.logIn(email, PASSWORD, '203.0.113.1');
    const caller = await identity.logIn(email, PASSWORD, '203.0.113.2');
    expect((await refusal(identity.changePassword(caller.accessToken, 'not the password', NEW_PASSWORD, '203.0.113.2'))).code).toBe('invalid_credentials');
    expect((await refusal(identity.changePassword(caller.accessToken, PASSWORD, 'short', '203.0.113.2'))).code).toBe('weak_password');
    expect(operations()).not.toContain('GlobalSignOut');
    expect((await identity.refresh(other.refreshToken)).refreshToken).toBe(other.refreshToken);

    fake.calls.length = 0;
    await identity.changePassword(caller.accessToken, PASSWORD, NEW_PASSWORD, '203.0.113.2');
    expect(operations()).toEqual(['ChangePassword', 'GlobalSignOut']);
    expect(fake.calls[1]!.input).toEqual({ AccessToken: caller.accessToken });
    expect((await refusal(identity.refresh(other.refreshToken))).code).toBe('unauthorized');
    expect((await refusal(identity.refresh(caller.refreshToken))).code).toBe('unauthorized');
    expect((await identity.logIn(email, NEW_PASSWORD, '203.0.113.1')).user.email).toBe(email);
  });
});
