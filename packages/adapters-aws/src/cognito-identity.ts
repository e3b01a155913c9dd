import type { AuthenticationResultType, CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { CognitoJwtVerifier } from 'aws-jwt-verify';
import type { Jwks } from 'aws-jwt-verify/jwk';
import {
  DomainError,
  normalizeEmail,
  type Clock,
  type ErrorCode,
  type Identity,
  type Principal,
  type Role,
  type Store,
  type TokenPair,
  type User,
} from '@ticketbooth/core';
import { cognitoErrorName, toDomainError } from './cognito-errors.js';
import { cognitoSdk } from './cognito-sdk.js';

/** The slice of the Store the identity keeps in step with Cognito. */
export type UserDirectory = Pick<Store, 'insertUser' | 'getUser' | 'getUserByEmail' | 'markEmailVerified'>;

/** Verifies a Cognito access token (signature, expiry, issuer, client, token_use) and returns its subject. */
export interface AccessTokenVerifier {
  verify(token: string): Promise<{ sub: string }>;
}

export interface CognitoIdentityOptions {
  /** The SDK client, or a stand-in for it that makes it on first use (the AWS home's). */
  cognito: Pick<CognitoIdentityProviderClient, 'send'>;
  userPoolId: string;
  /** An app client without a secret, with USER_PASSWORD_AUTH and refresh enabled. */
  clientId: string;
  users: UserDirectory;
  clock: Clock;
  /** Defaults to aws-jwt-verify's CognitoJwtVerifier for this pool and client (tokenUse 'access'). */
  verifier?: AccessTokenVerifier;
}

/**
 * aws-jwt-verify's verifier for this pool's access tokens: RS256 signature against the pool's JWKS
 * (fetched once from the issuer, then cached), exp, iss, client_id and token_use === 'access'.
 * `jwks` pre-loads the key set (tests, or to skip the first fetch).
 */
export function createCognitoAccessTokenVerifier(options: {
  userPoolId: string;
  clientId: string;
  jwks?: Jwks;
}): AccessTokenVerifier {
  const verifier = CognitoJwtVerifier.create({ userPoolId: options.userPoolId, clientId: options.clientId, tokenUse: 'access' });
  if (options.jwks) verifier.cacheJwks(options.jwks);
  return verifier;
}

/** Fallback when Cognito omits ExpiresIn: read `exp` from the (already issued, trusted) token. */
function secondsUntilExpiry(accessToken: string, clock: Clock): number {
  const payload = JSON.parse(Buffer.from(accessToken.split('.')[1] ?? '', 'base64url').toString('utf8')) as { exp?: unknown };
  if (typeof payload.exp !== 'number') throw new Error('Cognito access token has no exp claim.');
  return Math.max(0, Math.floor(payload.exp - clock.now().getTime() / 1000));
}

/** The Cognito attribute that carries the role; immutable in the pool, so it is set once at sign-up. */
export const ROLE_ATTRIBUTE = 'custom:role';

/** Roles never change (custom:role is immutable), so a sub -> role entry never goes stale. */
const ROLE_CACHE_LIMIT = 10_000;

const unauthorized = (): DomainError => new DomainError('unauthorized', 'Log in to continue.');

/**
 * Identity on a Cognito user pool. Cognito holds passwords, codes and sessions (and sends the
 * verification mail); the Store holds the User the domain sees, with the Cognito `sub` as its id.
 */
export function createCognitoIdentity(options: CognitoIdentityOptions): Identity {
  const { cognito, clientId, users, clock } = options;
  const verifier = options.verifier ?? createCognitoAccessTokenVerifier({ userPoolId: options.userPoolId, clientId });
  const roles = new Map<string, Role>();

  async function call<T>(operation: () => Promise<T>, overrides?: Partial<Record<string, ErrorCode>>): Promise<T> {
    try {
      return await operation();
    } catch (error) {
      return await toDomainError(error, overrides);
    }
  }

  async function storedUser(email: string): Promise<User> {
    const user = await users.getUserByEmail(email);
    // Sign-up writes the User right after Cognito accepts it; a gap means that write failed.
    if (!user) throw new Error('A Cognito account has no user in the store.');
    return user;
  }

  /** Proves the password by signing in with it; the fresh session's access token acts for the user. */
  async function freshAccessToken(email: string, password: string): Promise<string> {
    const { InitiateAuthCommand } = await cognitoSdk();
    const result = await call(
      () => cognito.send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: email, PASSWORD: password } })),
      { InvalidPasswordException: 'invalid_credentials' },
    );
    return tokenPair(result.AuthenticationResult).accessToken;
  }

  async function principalEmail(principal: Principal): Promise<string> {
    const user = await users.getUser(principal.userId);
    if (!user) throw unauthorized();
    return user.email;
  }

  function tokenPair(result: AuthenticationResultType | undefined, refreshToken?: string): TokenPair {
    const accessToken = result?.AccessToken;
    const refresh = result?.RefreshToken ?? refreshToken;
    if (!accessToken || !refresh) {
      throw new Error('Cognito answered without tokens (an auth challenge this pool should not issue).');
    }
    return { accessToken, refreshToken: refresh, expiresIn: result?.ExpiresIn ?? secondsUntilExpiry(accessToken, clock) };
  }

  return {
    async signUp({ email, password, name, role }) {
      const { SignUpCommand } = await cognitoSdk();
      const normalized = normalizeEmail(email);
      const { UserSub: sub } = await call(() =>
        cognito.send(
          new SignUpCommand({
            ClientId: clientId,
            Username: normalized,
            Password: password,
            UserAttributes: [
              { Name: 'email', Value: normalized },
              { Name: 'name', Value: name },
              { Name: ROLE_ATTRIBUTE, Value: role },
            ],
          }),
        ),
      );
      if (!sub) throw new Error('Cognito SignUp returned no UserSub.');
      const user: User = { id: sub, email: normalized, name, role, emailVerified: false, createdAt: clock.now().toISOString() };
      const inserted = await users.insertUser(user);
      if (!inserted.ok) throw new DomainError('email_taken', 'An account with this email already exists.');
      return user;
    },

    async verifyEmail(email, code) {
      const { ConfirmSignUpCommand } = await cognitoSdk();
      const normalized = normalizeEmail(email);
      await call(() => cognito.send(new ConfirmSignUpCommand({ ClientId: clientId, Username: normalized, ConfirmationCode: code })));
      const user = await storedUser(normalized);
      await users.markEmailVerified(user.id);
      return { ...user, emailVerified: true };
    },

    async resendVerification(email) {
      const { ResendConfirmationCodeCommand } = await cognitoSdk();
      try {
        await cognito.send(new ResendConfirmationCodeCommand({ ClientId: clientId, Username: normalizeEmail(email) }));
      } catch (error) {
        const name = await cognitoErrorName(error);
        // Unknown or already-confirmed accounts answer exactly like a sent code (no enumeration).
        if (name === 'UserNotFoundException' || name === 'InvalidParameterException') return;
        await toDomainError(error);
      }
    },

    async logIn(email, password) {
      const { InitiateAuthCommand } = await cognitoSdk();
      // Cognito rate-limits sign-in per account itself; it does not see the caller's address here.
      const normalized = normalizeEmail(email);
      const result = await call(() =>
        cognito.send(
          new InitiateAuthCommand({
            ClientId: clientId,
            AuthFlow: 'USER_PASSWORD_AUTH',
            AuthParameters: { USERNAME: normalized, PASSWORD: password },
          }),
        ),
        { InvalidPasswordException: 'invalid_credentials' },
      );
      const pair = tokenPair(result.AuthenticationResult);
      const user = await storedUser(normalized);
      if (!user.emailVerified) {
        // Confirmed in Cognito by another path (e.g. an admin): bring the store in step.
        await users.markEmailVerified(user.id);
      }
      return { ...pair, user: { ...user, emailVerified: true } };
    },

    async refresh(refreshToken) {
      const { InitiateAuthCommand } = await cognitoSdk();
      const result = await call(() =>
        cognito.send(
          new InitiateAuthCommand({
            ClientId: clientId,
            AuthFlow: 'REFRESH_TOKEN_AUTH',
            AuthParameters: { REFRESH_TOKEN: refreshToken },
          }),
        ),
      ).catch((error: unknown) => {
        if (error instanceof DomainError && error.code === 'invalid_credentials') throw unauthorized();
        throw error;
      });
      // Without refresh-token rotation Cognito returns no new refresh token: the old one stays valid.
      return tokenPair(result.AuthenticationResult, refreshToken);
    },

    async logOut(_principal: Principal, refreshToken) {
      const { RevokeTokenCommand } = await cognitoSdk();
      try {
        // Revokes the refresh token and every access token minted from it (Cognito-side).
        await cognito.send(new RevokeTokenCommand({ ClientId: clientId, Token: refreshToken }));
      } catch (error) {
        const name = await cognitoErrorName(error);
        // An unknown or already revoked token: the session is over either way.
        if (name === 'UnsupportedTokenTypeException' || name === 'NotAuthorizedException' || name === 'InvalidParameterException') return;
        throw error;
      }
    },

    async requestPasswordReset(email) {
      const { ForgotPasswordCommand } = await cognitoSdk();
      // Per-address limits are the WAF's rate rule in front of the API (docs/aws.md); Cognito
      // limits codes per account itself.
      try {
        await cognito.send(new ForgotPasswordCommand({ ClientId: clientId, Username: normalizeEmail(email) }));
      } catch (error) {
        const name = await cognitoErrorName(error);
        // Unknown accounts, or no verified email to send to: answered like a sent code.
        if (name === 'UserNotFoundException' || name === 'InvalidParameterException') return;
        await toDomainError(error);
      }
    },

    async confirmPasswordReset({ email, code, newPassword }) {
      const { ConfirmForgotPasswordCommand, GlobalSignOutCommand } = await cognitoSdk();
      const normalized = normalizeEmail(email);
      await call(
        () => cognito.send(new ConfirmForgotPasswordCommand({ ClientId: clientId, Username: normalized, ConfirmationCode: code, Password: newPassword })),
        { InvalidPasswordException: 'weak_password', UserNotFoundException: 'invalid_code', NotAuthorizedException: 'invalid_code' },
      );
      const accessTokenAfterReset = await freshAccessToken(normalized, newPassword);
      // Cognito ends no session on a reset: sign in with the new password, then sign every session out.
      await call(() => cognito.send(new GlobalSignOutCommand({ AccessToken: accessTokenAfterReset })));
      const user = await storedUser(normalized);
      if (!user.emailVerified) await users.markEmailVerified(user.id);
      return { ...user, emailVerified: true };
    },

    async changePassword(accessToken, currentPassword, newPassword) {
      const { ChangePasswordCommand, GlobalSignOutCommand } = await cognitoSdk();
      // Cognito checks the current password itself (NotAuthorizedException when wrong).
      await call(() => cognito.send(new ChangePasswordCommand({ AccessToken: accessToken, PreviousPassword: currentPassword, ProposedPassword: newPassword })), {
        InvalidPasswordException: 'weak_password',
      });
      // Cognito cannot keep one session while ending the others: every session ends, the caller's too.
      await call(() => cognito.send(new GlobalSignOutCommand({ AccessToken: accessToken })));
    },

    async deleteAccount(principal, password, _clientKey, remove) {
      const { DeleteUserCommand } = await cognitoSdk();
      const accessToken = await freshAccessToken(await principalEmail(principal), password);
      await remove();
      await call(() => cognito.send(new DeleteUserCommand({ AccessToken: accessToken })));
      roles.delete(principal.userId);
    },

    async verifyAccessToken(token) {
      let sub: string;
      try {
        ({ sub } = await verifier.verify(token));
      } catch {
        throw unauthorized();
      }
      const cached = roles.get(sub);
      if (cached) return { userId: sub, role: cached };
      const user = await users.getUser(sub);
      if (!user) throw unauthorized();
      if (roles.size >= ROLE_CACHE_LIMIT) roles.clear();
      roles.set(sub, user.role);
      return { userId: sub, role: user.role };
    },
  };
}
