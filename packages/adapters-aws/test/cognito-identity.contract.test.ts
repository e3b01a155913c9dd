import {
  CodeMismatchException,
  CognitoIdentityProviderClient,
  ExpiredCodeException,
  InitiateAuthCommand,
  InvalidParameterException,
  LimitExceededException,
  NotAuthorizedException,
  ResendConfirmationCodeCommand,
  RevokeTokenCommand,
  SignUpCommand,
  TooManyRequestsException,
  UserNotConfirmedException,
  UserNotFoundException,
  UsernameExistsException,
} from '@aws-sdk/client-cognito-identity-provider';
import { mockClient } from 'aws-sdk-client-mock';
import { SignJWT, exportJWK, generateKeyPair } from 'jose';
import { beforeEach, describe, expect, it } from 'vitest';
import { DomainError, type Clock } from '@ticketbooth/core';
import { createCognitoAccessTokenVerifier, createCognitoIdentity } from '../src/index.js';
import { memoryUsers } from './support/memory-users.js';

/**
 * A recorded-contract fake: request and error shapes as real Cognito sends them, for what
 * cognito-local does not do (ResendConfirmationCode, ExpiresIn, throttling errors, real pool ids).
 */
const cognito = new CognitoIdentityProviderClient({ region: 'eu-west-1', credentials: { accessKeyId: 't', secretAccessKey: 't' } });
const cognitoMock = mockClient(cognito);
const POOL = 'eu-west-1_AbCdEf123';
const CLIENT = 'client123';
const clock: Clock = { now: () => new Date() };
const meta = { $metadata: {} };

function identity(users = memoryUsers()) {
  return createCognitoIdentity({
    cognito,
    userPoolId: POOL,
    clientId: CLIENT,
    users,
    clock,
    verifier: { verify: async () => ({ sub: 'unused' }) },
  });
}

async function codeOf(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(() => null, (e: unknown) => e);
  if (!(error instanceof DomainError)) throw new Error(`expected a DomainError, got ${String(error)}`);
  return error.code;
}

beforeEach(() => cognitoMock.reset());

describe('Cognito identity (recorded-contract fake)', () => {
  it('sends SignUp with the normalized email, name and custom:role', async () => {
    cognitoMock.on(SignUpCommand).resolves({ UserSub: 'sub-1', UserConfirmed: false });
    await identity().signUp({ email: ' Ana@Example.com ', password: 'pw-123456', name: 'Ana', role: 'attendee' });
    expect(cognitoMock.commandCalls(SignUpCommand)[0]!.args[0].input).toEqual({
      ClientId: CLIENT,
      Username: 'ana@example.com',
      Password: 'pw-123456',
      UserAttributes: [
        { Name: 'email', Value: 'ana@example.com' },
        { Name: 'name', Value: 'Ana' },
        { Name: 'custom:role', Value: 'attendee' },
      ],
    });
  });

  it.each([
    [new UsernameExistsException({ message: 'exists', ...meta }), 'email_taken'],
    [new TooManyRequestsException({ message: 'slow down', ...meta }), 'too_many_attempts'],
  ])('maps a SignUp %s to %s', async (error, code) => {
    cognitoMock.on(SignUpCommand).rejects(error);
    expect(await codeOf(identity().signUp({ email: 'a@b.c', password: 'pw-123456', name: 'A', role: 'attendee' }))).toBe(code);
  });

  it.each([
    [new CodeMismatchException({ message: 'bad', ...meta }), 'invalid_code'],
    [new ExpiredCodeException({ message: 'old', ...meta }), 'invalid_code'],
    [new LimitExceededException({ message: 'limit', ...meta }), 'too_many_attempts'],
  ])('maps a ConfirmSignUp %s to %s', async (error, code) => {
    cognitoMock.rejects(error);
    expect(await codeOf(identity().verifyEmail('a@b.c', '123456'))).toBe(code);
  });

  it.each([
    [new NotAuthorizedException({ message: 'Incorrect username or password.', ...meta }), 'invalid_credentials'],
    [new UserNotFoundException({ message: 'User does not exist.', ...meta }), 'invalid_credentials'],
    [new UserNotConfirmedException({ message: 'not confirmed', ...meta }), 'email_not_verified'],
    [new TooManyRequestsException({ message: 'slow down', ...meta }), 'too_many_attempts'],
    [new LimitExceededException({ message: 'limit', ...meta }), 'too_many_attempts'],
  ])('maps an InitiateAuth %s to %s', async (error, code) => {
    cognitoMock.on(InitiateAuthCommand).rejects(error);
    expect(await codeOf(identity().logIn('a@b.c', 'pw-123456', '203.0.113.9'))).toBe(code);
  });

  it('passes an unexpected failure through unchanged (a server fault, not a user error)', async () => {
    cognitoMock.on(InitiateAuthCommand).rejects(new Error('socket hang up'));
    await expect(identity().logIn('a@b.c', 'pw-123456', '203.0.113.9')).rejects.toThrow('socket hang up');
  });

  it('reports the ExpiresIn Cognito gives with the tokens', async () => {
    const users = memoryUsers();
    await users.insertUser({ id: 'sub-1', email: 'a@b.c', name: 'A', role: 'attendee', emailVerified: true, createdAt: '2025-01-01T00:00:00.000Z' });
    cognitoMock.on(InitiateAuthCommand).resolves({
      AuthenticationResult: { AccessToken: 'access', RefreshToken: 'refresh', IdToken: 'id', ExpiresIn: 3600, TokenType: 'Bearer' },
    });
    const session = await identity(users).logIn('A@B.C', 'pw-123456', '203.0.113.9');
    expect(session).toMatchObject({ accessToken: 'access', refreshToken: 'refresh', expiresIn: 3600, user: { id: 'sub-1' } });
    expect(cognitoMock.commandCalls(InitiateAuthCommand)[0]!.args[0].input).toEqual({
      ClientId: CLIENT,
      AuthFlow: 'USER_PASSWORD_AUTH',
      AuthParameters: { USERNAME: 'a@b.c', PASSWORD: 'pw-123456' },
    });
  });

  it('asks Cognito to resend the code and answers the same for unknown or already verified emails', async () => {
    cognitoMock.on(ResendConfirmationCodeCommand).resolvesOnce({}).rejectsOnce(
      new UserNotFoundException({ message: 'User does not exist.', ...meta }),
    ).rejectsOnce(new InvalidParameterException({ message: 'User is already confirmed.', ...meta }));
    await expect(identity().resendVerification('Ana@Example.com')).resolves.toBeUndefined();
    await expect(identity().resendVerification('nobody@example.com')).resolves.toBeUndefined();
    await expect(identity().resendVerification('done@example.com')).resolves.toBeUndefined();
    expect(cognitoMock.commandCalls(ResendConfirmationCodeCommand).map((c) => c.args[0].input)).toEqual([
      { ClientId: CLIENT, Username: 'ana@example.com' },
      { ClientId: CLIENT, Username: 'nobody@example.com' },
      { ClientId: CLIENT, Username: 'done@example.com' },
    ]);
  });

  it('refuses to resend codes when Cognito throttles', async () => {
    cognitoMock.on(ResendConfirmationCodeCommand).rejects(new LimitExceededException({ message: 'limit', ...meta }));
    expect(await codeOf(identity().resendVerification('ana@example.com'))).toBe('too_many_attempts');
  });

  it('revokes the refresh token on logout, and treats an already revoked one as logged out', async () => {
    cognitoMock.on(RevokeTokenCommand).resolvesOnce({}).rejectsOnce(new NotAuthorizedException({ message: 'revoked', ...meta }));
    const principal = { userId: 'sub-1', role: 'attendee' as const };
    await identity().logOut(principal, 'refresh-1');
    await identity().logOut(principal, 'refresh-1');
    expect(cognitoMock.commandCalls(RevokeTokenCommand).map((c) => c.args[0].input)).toEqual([
      { ClientId: CLIENT, Token: 'refresh-1' },
      { ClientId: CLIENT, Token: 'refresh-1' },
    ]);
  });

  it('answers unauthorized when a refresh token is refused', async () => {
    cognitoMock.on(InitiateAuthCommand).rejects(new NotAuthorizedException({ message: 'Refresh Token has been revoked', ...meta }));
    expect(await codeOf(identity().refresh('refresh-1'))).toBe('unauthorized');
  });
});

describe('Cognito access-token verifier (aws-jwt-verify, keys of a fake pool)', () => {
  const issuer = `https://cognito-idp.eu-west-1.amazonaws.com/${POOL}`;

  async function setUp() {
    const { privateKey, publicKey } = await generateKeyPair('RS256');
    const { n, e } = await exportJWK(publicKey);
    const jwk = { kty: 'RSA', n: n!, e: e!, kid: 'key-1', alg: 'RS256', use: 'sig' } as const;
    const verifier = createCognitoAccessTokenVerifier({ userPoolId: POOL, clientId: CLIENT, jwks: { keys: [jwk] } });
    const sign = (claims: Record<string, unknown>, options: { issuer?: string; expiresIn?: string } = {}) =>
      new SignJWT({ token_use: 'access', client_id: CLIENT, ...claims })
        .setProtectedHeader({ alg: 'RS256', kid: 'key-1' })
        .setSubject('sub-1')
        .setIssuer(options.issuer ?? issuer)
        .setIssuedAt()
        .setExpirationTime(options.expiresIn ?? '10m')
        .sign(privateKey);
    return { verifier, sign };
  }

  it('accepts an access token of this pool and client', async () => {
    const { verifier, sign } = await setUp();
    expect((await verifier.verify(await sign({}))).sub).toBe('sub-1');
  });

  it.each([
    ['an ID token', { token_use: 'id' }, {}],
    ['another client', { client_id: 'other' }, {}],
    ['another pool', {}, { issuer: 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Other' }],
    ['an expired token', {}, { expiresIn: '-1m' }],
  ])('rejects %s', async (_what, claims, options) => {
    const { verifier, sign } = await setUp();
    await expect(verifier.verify(await sign(claims, options))).rejects.toThrow();
  });

  it('makes verifyAccessToken answer unauthorized for a token the verifier rejects', async () => {
    const { verifier, sign } = await setUp();
    const users = memoryUsers();
    const id = createCognitoIdentity({ cognito, userPoolId: POOL, clientId: CLIENT, users, clock, verifier });
    expect(await codeOf(id.verifyAccessToken(await sign({ token_use: 'id' })))).toBe('unauthorized');
    // A valid token for a user the store does not know is refused too.
    expect(await codeOf(id.verifyAccessToken(await sign({})))).toBe('unauthorized');
  });
});
