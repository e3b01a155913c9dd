import { z } from '@hono/zod-openapi';
import { DomainError } from '@ticketbooth/core';
import type { App, AppOptions } from '../context.js';
import { authenticate } from '../http/auth.js';
import { userJson } from '../serializers.js';
import {
  EmailBody,
  LoginBody,
  LoginResponse,
  RefreshBody,
  SignUpBody,
  TokensSchema,
  UserSchema,
  VerifyEmailBody,
} from '../schemas.js';
import { errorResponse, json, jsonBody, retryLaterResponse, route } from './define.js';

const UserEnvelope = z.object({ user: UserSchema });

export function accountRoutes(app: App, { services, clientAddress }: AppOptions): void {
  const identity = services.deps.identity;
  const auth = authenticate(identity);

  app.openapi(
    route({ operationId: 'signUp', method: 'post', path: '/api/auth/signup', tags: ['Accounts'], summary: 'Create an account; a 6-digit code is mailed',
      request: { body: jsonBody(SignUpBody) }, responses: { 201: json(UserEnvelope, 'Account created, email not yet verified'),
        503: retryLaterResponse('Too many passwords are being hashed at once (busy)') } }),
    async (c) => c.json({ user: userJson(await identity.signUp(c.req.valid('json'))) }, 201),
  );

  app.openapi(
    route({ operationId: 'verifyEmail', method: 'post', path: '/api/auth/verify-email', tags: ['Accounts'], summary: 'Verify the email with the mailed code',
      request: { body: jsonBody(VerifyEmailBody) }, responses: { 200: json(UserEnvelope, 'Verified') } }),
    async (c) => {
      const { email, code } = c.req.valid('json');
      return c.json({ user: userJson(await identity.verifyEmail(email, code)) }, 200);
    },
  );

  app.openapi(
    route({ operationId: 'resendVerification', method: 'post', path: '/api/auth/resend-verification', tags: ['Accounts'], summary: 'Mail a new code (answers the same whether or not the email is registered)',
      request: { body: jsonBody(EmailBody) }, responses: { 202: { description: 'Accepted' } } }),
    async (c) => {
      await identity.resendVerification(c.req.valid('json').email);
      return c.body(null, 202);
    },
  );

  app.openapi(
    route({ operationId: 'logIn', method: 'post', path: '/api/auth/login', tags: ['Accounts'], summary: 'Log in; returns an access token and a rotating refresh token',
      request: { body: jsonBody(LoginBody) }, responses: { 200: json(LoginResponse, 'Logged in'), 401: errorResponse('Wrong email or password (invalid_credentials)'),
        403: errorResponse('The password is right but the email is not verified yet (email_not_verified)'),
        503: retryLaterResponse('Too many passwords are being hashed at once (busy)') } }),
    async (c) => {
      const { email, password } = c.req.valid('json');
      const result = await identity.logIn(email, password, clientAddress(c));
      return c.json({ accessToken: result.accessToken, refreshToken: result.refreshToken, expiresIn: result.expiresIn, user: userJson(result.user) }, 200);
    },
  );

  app.openapi(
    route({ operationId: 'refreshTokens', method: 'post', path: '/api/auth/refresh', tags: ['Accounts'], summary: 'Trade a refresh token for a new pair (the old one stops working)',
      request: { body: jsonBody(RefreshBody) }, responses: { 200: json(TokensSchema, 'New tokens'), 401: errorResponse('The refresh token is unknown, expired, revoked or was already used') } }),
    async (c) => c.json(await identity.refresh(c.req.valid('json').refreshToken), 200),
  );

  app.openapi(
    route({ operationId: 'logOut', method: 'post', path: '/api/auth/logout', tags: ['Accounts'], auth, summary: 'End the session: refresh and access tokens stop working',
      request: { body: jsonBody(RefreshBody) }, responses: { 204: { description: 'Logged out' } } }),
    async (c) => {
      const principal = c.var.principal;
      await identity.logOut(principal, c.req.valid('json').refreshToken);
      return c.body(null, 204);
    },
  );

  app.openapi(
    route({ operationId: 'getMe', method: 'get', path: '/api/me', tags: ['Accounts'], auth, summary: 'The logged-in user', responses: { 200: json(UserEnvelope, 'You') } }),
    async (c) => {
      const principal = c.var.principal;
      const user = await services.deps.store.getUser(principal.userId);
      if (!user) throw new DomainError('unauthorized', 'Your account no longer exists.');
      return c.json({ user: userJson(user) }, 200);
    },
  );
}
