import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger, systemClock } from '@ticketbooth/core';
import { createCognitoIdentity } from '@ticketbooth/adapters-aws';
import { createApp } from '../src/app.js';
import type { App } from '../src/context.js';
import { startFakeCognito, type FakeCognito } from '../../adapters-aws/test/support/cognito-fake.js';
import { startTestServer, type TestServer } from './support/server.js';

/**
 * The AWS home's account recovery over HTTP: the API's routes on the Cognito identity (the SDK
 * against a local fake of the user-pool endpoints), so each Cognito refusal is seen as the caller
 * sees it: status, Retry-After and the error body of API.md.
 */
const PASSWORD = 'correct horse battery';
const NEW_PASSWORD = 'a brand new passphrase';
let t: TestServer;
let fake: FakeCognito;
let cognito: CognitoIdentityProviderClient;
let app: App;

const post = async (path: string, body: unknown, accessToken?: string) => {
  const res = await app.request(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(accessToken ? { authorization: `Bearer ${accessToken}` } : {}) },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, retryAfter: res.headers.get('retry-after'), body: text ? (JSON.parse(text) as Record<string, any>) : null };
};

async function account(email: string): Promise<void> {
  const id = fake.addUser(email, PASSWORD);
  await t.server.home.services.deps.store.insertUser({ id, email, name: 'Owner', role: 'attendee', emailVerified: true, createdAt: new Date().toISOString() });
}

beforeAll(async () => {
  t = await startTestServer();
  fake = await startFakeCognito();
  cognito = new CognitoIdentityProviderClient({ endpoint: fake.endpoint, region: 'eu-west-1', credentials: { accessKeyId: 'fake', secretAccessKey: 'fake' }, maxAttempts: 1 });
  const { services } = t.server.home;
  const identity = createCognitoIdentity({
    cognito,
    userPoolId: 'eu-west-1_AbCdEf123',
    clientId: 'client123',
    users: services.deps.store,
    clock: systemClock,
    verifier: { verify: async (token) => ({ sub: fake.issued(token) ?? '' }) },
  });
  app = createApp({ services: { ...services, deps: { ...services.deps, identity } }, logger: silentLogger, production: false, corsOrigins: [], clientAddress: () => '203.0.113.7' });
}, 60_000);

afterAll(async () => {
  cognito?.destroy();
  await fake?.stop();
  await t?.stop();
});

describe('account recovery on the AWS home (Cognito), over HTTP', () => {
  it('reset by mailed code: 202, then 200; the sessions from before answer 401 on refresh', async () => {
    const email = 'reset-over-http@example.test';
    await account(email);
    const before = await post('/api/auth/login', { email, password: PASSWORD });
    expect(before.status).toBe(200);
    expect((await post('/api/auth/password-reset', { email })).status).toBe(202);
    const code = fake.mailedCodes.filter((m) => m.email === email).at(-1)!.code;
    const confirmed = await post('/api/auth/password-reset/confirm', { email, code, newPassword: NEW_PASSWORD });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body!.user).toMatchObject({ email, emailVerified: true });
    const stale = await post('/api/auth/refresh', { refreshToken: before.body!.refreshToken });
    expect(stale.status).toBe(401);
    expect(stale.body!.error.code).toBe('unauthorized');
    expect((await post('/api/auth/login', { email, password: NEW_PASSWORD })).status).toBe(200);
  });

  it('CodeMismatch and ExpiredCode answer 400 invalid_code; LimitExceeded answers 429 with Retry-After', async () => {
    const email = 'codes-over-http@example.test';
    await account(email);
    expect((await post('/api/auth/password-reset', { email })).status).toBe(202);
    const code = fake.mailedCodes.filter((m) => m.email === email).at(-1)!.code;
    const wrong = await post('/api/auth/password-reset/confirm', { email, code: code === '000000' ? '111111' : '000000', newPassword: NEW_PASSWORD });
    expect(wrong).toMatchObject({ status: 400, body: { error: { code: 'invalid_code', message: expect.any(String) } } });
    fake.expireResetCode(email);
    const expired = await post('/api/auth/password-reset/confirm', { email, code, newPassword: NEW_PASSWORD });
    expect(expired).toMatchObject({ status: 400, body: { error: { code: 'invalid_code', details: { reason: 'expired' } } } });
    fake.failNext('ForgotPassword', 'LimitExceededException', 'Attempt limit exceeded, please try after some time.');
    const limited = await post('/api/auth/password-reset', { email });
    expect(limited).toMatchObject({ status: 429, body: { error: { code: 'too_many_attempts', message: expect.any(String) } } });
    expect(Number(limited.retryAfter)).toBeGreaterThanOrEqual(1);
  });

  it('change: a wrong current password is 401 and ends nothing; the right one is 204 and ends every session', async () => {
    const email = 'change-over-http@example.test';
    await account(email);
    const other = (await post('/api/auth/login', { email, password: PASSWORD })).body!;
    const caller = (await post('/api/auth/login', { email, password: PASSWORD })).body!;
    const wrong = await post('/api/me/password', { currentPassword: 'not the password', newPassword: NEW_PASSWORD }, caller.accessToken);
    expect(wrong).toMatchObject({ status: 401, body: { error: { code: 'invalid_credentials' } } });
    expect((await post('/api/auth/refresh', { refreshToken: other.refreshToken })).status).toBe(200);
    expect((await post('/api/me/password', { currentPassword: PASSWORD, newPassword: NEW_PASSWORD }, caller.accessToken)).status).toBe(204);
    expect((await post('/api/auth/refresh', { refreshToken: other.refreshToken })).status).toBe(401);
    expect((await post('/api/auth/refresh', { refreshToken: caller.refreshToken })).status).toBe(401);
    expect((await post('/api/auth/login', { email, password: NEW_PASSWORD })).status).toBe(200);
  });
});
