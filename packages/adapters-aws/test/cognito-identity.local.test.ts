import {
  AdminGetUserCommand,
  CognitoIdentityProviderClient,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { JwtVerifier } from 'aws-jwt-verify';
import type { Jwks } from 'aws-jwt-verify/jwk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DomainError, systemClock, type Identity } from '@ticketbooth/core';
import { createCognitoIdentity, type AccessTokenVerifier } from '../src/index.js';
import { FIXED_CODE, startCognitoLocal, type CognitoLocal } from './support/cognito-local.js';
import { memoryUsers } from './support/memory-users.js';

const PASSWORD = 'correct horse battery';
let local: CognitoLocal;
let cognito: CognitoIdentityProviderClient;
let userPoolId: string;
let identity: Identity;
const users = memoryUsers();

/**
 * cognito-local's pool ids (`local_…`) do not fit aws-jwt-verify's Cognito pool-id pattern, so this
 * suite checks its tokens with aws-jwt-verify's generic verifier against cognito-local's own JWKS,
 * with the same claims CognitoJwtVerifier checks (iss, client_id, token_use). The Cognito verifier
 * itself is covered in cognito-identity.contract.test.ts.
 */
async function cognitoLocalVerifier(poolId: string, clientId: string): Promise<AccessTokenVerifier> {
  const verifier = JwtVerifier.create({
    issuer: `https://cognito-idp.local.amazonaws.com/${poolId}`,
    audience: null,
    customJwtCheck: ({ payload }) => {
      if (payload.client_id !== clientId) throw new Error('wrong client');
      if (payload.token_use !== 'access') throw new Error('not an access token');
    },
  });
  const jwks = (await (await fetch(`${local.endpoint}/${poolId}/.well-known/jwks.json`)).json()) as Jwks;
  verifier.cacheJwks(jwks);
  return {
    async verify(token) {
      const { sub } = await verifier.verify(token);
      if (!sub) throw new Error('no sub');
      return { sub };
    },
  };
}

async function expectCode(promise: Promise<unknown>, code: string): Promise<void> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  expect((error as DomainError).code).toBe(code);
}

beforeAll(async () => {
  local = await startCognitoLocal();
  cognito = new CognitoIdentityProviderClient({
    endpoint: local.endpoint,
    region: 'local',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  const pool = await cognito.send(
    new CreateUserPoolCommand({
      PoolName: 'ticketbooth-test',
      UsernameAttributes: ['email'],
      Schema: [{ Name: 'role', AttributeDataType: 'String', Mutable: false }],
    }),
  );
  userPoolId = pool.UserPool!.Id!;
  const client = await cognito.send(
    new CreateUserPoolClientCommand({
      UserPoolId: userPoolId,
      ClientName: 'api',
      ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
    }),
  );
  const clientId = client.UserPoolClient!.ClientId!;
  identity = createCognitoIdentity({
    cognito,
    userPoolId,
    clientId,
    users,
    clock: systemClock,
    verifier: await cognitoLocalVerifier(userPoolId, clientId),
  });
});

afterAll(async () => {
  cognito?.destroy();
  await local?.stop();
});

describe('Cognito identity (against cognito-local)', () => {
  it('signs up with the role in Cognito and the User in the store under the Cognito sub', async () => {
    const user = await identity.signUp({ email: 'Olga@Example.com', password: PASSWORD, name: 'Olga', role: 'organizer' });
    expect(user).toMatchObject({ email: 'olga@example.com', name: 'Olga', role: 'organizer', emailVerified: false });
    expect(users.all()).toEqual([user]);
    const inCognito = await cognito.send(new AdminGetUserCommand({ UserPoolId: userPoolId, Username: 'olga@example.com' }));
    const attributes = Object.fromEntries((inCognito.UserAttributes ?? []).map((a) => [a.Name, a.Value]));
    expect(attributes).toMatchObject({ sub: user.id, 'custom:role': 'organizer', name: 'Olga', email: 'olga@example.com' });
  });

  it('refuses a second account for the same email, whatever its case', async () => {
    await expectCode(identity.signUp({ email: 'OLGA@example.com', password: PASSWORD, name: 'Other', role: 'attendee' }), 'email_taken');
    expect(users.all()).toHaveLength(1);
  });

  it('refuses to log in before the email is verified', async () => {
    await expectCode(identity.logIn('olga@example.com', PASSWORD, '127.0.0.1'), 'email_not_verified');
  });

  it('refuses a wrong verification code and leaves the user unverified', async () => {
    await expectCode(identity.verifyEmail('olga@example.com', '000000'), 'invalid_code');
    expect(users.all()[0]!.emailVerified).toBe(false);
  });

  it('verifies the email with the code Cognito sent and marks the store user verified', async () => {
    const user = await identity.verifyEmail('olga@example.com', FIXED_CODE);
    expect(user.emailVerified).toBe(true);
    expect(users.all()[0]!.emailVerified).toBe(true);
  });

  it('logs in and proves the caller with a verified access token carrying the stored role', async () => {
    const session = await identity.logIn('olga@example.com', PASSWORD, '127.0.0.1');
    expect(session.user).toMatchObject({ email: 'olga@example.com', role: 'organizer', emailVerified: true });
    expect(session.expiresIn).toBeGreaterThan(0);
    expect(await identity.verifyAccessToken(session.accessToken)).toEqual({ userId: session.user.id, role: 'organizer' });
  });

  it('answers a wrong password and an unknown email alike', async () => {
    await expectCode(identity.logIn('olga@example.com', 'wrong password!', '127.0.0.1'), 'invalid_credentials');
    await expectCode(identity.logIn('nobody@example.com', PASSWORD, '127.0.0.1'), 'invalid_credentials');
  });

  it('rejects a tampered access token', async () => {
    const { accessToken } = await identity.logIn('olga@example.com', PASSWORD, '127.0.0.1');
    const [header, payload, signature] = accessToken.split('.');
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString()) as Record<string, unknown>;
    const forged = Buffer.from(JSON.stringify({ ...claims, sub: 'someone-else' })).toString('base64url');
    await expectCode(identity.verifyAccessToken(`${header}.${forged}.${signature}`), 'unauthorized');
    await expectCode(identity.verifyAccessToken('not-a-token'), 'unauthorized');
  });

  it('refreshes an access token and keeps the refresh token Cognito does not rotate', async () => {
    const session = await identity.logIn('olga@example.com', PASSWORD, '127.0.0.1');
    const refreshed = await identity.refresh(session.refreshToken);
    expect(refreshed.refreshToken).toBe(session.refreshToken);
    expect(await identity.verifyAccessToken(refreshed.accessToken)).toEqual({ userId: session.user.id, role: 'organizer' });
  });

  it('ends the session on logout: the refresh token no longer works', async () => {
    const session = await identity.logIn('olga@example.com', PASSWORD, '127.0.0.1');
    await identity.logOut({ userId: session.user.id, role: 'organizer' }, session.refreshToken);
    await expectCode(identity.refresh(session.refreshToken), 'unauthorized');
  });
});
