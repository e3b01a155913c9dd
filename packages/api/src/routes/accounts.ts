import { z } from '@hono/zod-openapi';
import { DomainError } from '@ticketbooth/core';
import type { App, AppOptions } from '../context.js';
import { authenticate, bearerToken } from '../http/auth.js';
import { refuseWeakPassword } from '../http/common-passwords.js';
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
import { AccountExportSchema, ChangePasswordBody, DeleteAccountBody, PasswordResetBody, PasswordResetConfirmBody } from '../account-schemas.js';
import { attachmentHeaders, errorResponse, json, jsonBody, retryLaterResponse, route } from './define.js';

const UserEnvelope = z.object({ user: UserSchema });

export function accountRoutes(app: App, { services, clientAddress }: AppOptions): void {
  const identity = services.deps.identity;
  const auth = authenticate(identity);

  app.openapi(
    route({ operationId: 'signUp', method: 'post', path: '/api/auth/signup', tags: ['Accounts'], summary: 'Create an account; a 6-digit code is mailed',
      request: { body: jsonBody(SignUpBody) }, responses: { 201: json(UserEnvelope, 'Account created, email not yet verified'),
        400: errorResponse('Invalid input (validation_failed), or a common password (weak_password)'),
        503: retryLaterResponse('Too many passwords are being hashed at once (busy)') } }),
    async (c) => {
      const input = c.req.valid('json');
      await refuseWeakPassword(input.password);
      return c.json({ user: userJson(await identity.signUp(input, clientAddress(c))) }, 201);
    },
  );

  app.openapi(
    route({ operationId: 'verifyEmail', method: 'post', path: '/api/auth/verify-email', tags: ['Accounts'], summary: 'Verify the email with the mailed code',
      request: { body: jsonBody(VerifyEmailBody) }, responses: { 200: json(UserEnvelope, 'Verified') } }),
    async (c) => {
      const { email, code } = c.req.valid('json');
      return c.json({ user: userJson(await identity.verifyEmail(email, code, clientAddress(c))) }, 200);
    },
  );

  app.openapi(
    route({ operationId: 'resendVerification', method: 'post', path: '/api/auth/resend-verification', tags: ['Accounts'], summary: 'Mail a new code (answers the same whether or not the email is registered)',
      request: { body: jsonBody(EmailBody) }, responses: { 202: { description: 'Accepted' } } }),
    async (c) => {
      await identity.resendVerification(c.req.valid('json').email, clientAddress(c));
      return c.body(null, 202);
    },
  );

  app.openapi(
    route({ operationId: 'requestPasswordReset', method: 'post', path: '/api/auth/password-reset', tags: ['Accounts'],
      summary: 'Mail a 6-digit reset code, valid 15 minutes (answers the same, as fast, whether or not the email is registered)',
      request: { body: jsonBody(PasswordResetBody) }, responses: { 202: { description: 'Accepted' } } }),
    async (c) => {
      await identity.requestPasswordReset(c.req.valid('json').email, clientAddress(c));
      return c.body(null, 202);
    },
  );

  app.openapi(
    route({ operationId: 'confirmPasswordReset', method: 'post', path: '/api/auth/password-reset/confirm', tags: ['Accounts'],
      summary: 'Set a new password with the mailed code; every session of the account ends',
      request: { body: jsonBody(PasswordResetConfirmBody) }, responses: { 200: json(UserEnvelope, 'Password set; log in with it'),
        400: errorResponse('Wrong, expired or used-up code (invalid_code: a code dies after 5 wrong tries), a common password (weak_password), or invalid input'),
        503: retryLaterResponse('Too many passwords are being hashed at once (busy)') } }),
    async (c) => {
      const input = c.req.valid('json');
      await refuseWeakPassword(input.newPassword);
      return c.json({ user: userJson(await identity.confirmPasswordReset(input, clientAddress(c))) }, 200);
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
    route({ operationId: 'changePassword', method: 'post', path: '/api/me/password', tags: ['Accounts'], auth,
      summary: 'Change the password; every other session ends (this one goes on after one refresh)',
      request: { body: jsonBody(ChangePasswordBody) }, responses: { 204: { description: 'Changed' },
        400: errorResponse('A common password (weak_password), or invalid input'),
        401: errorResponse('The current password is wrong (invalid_credentials), or the token is missing or invalid'),
        503: retryLaterResponse('Too many passwords are being hashed at once (busy)') } }),
    async (c) => {
      const { currentPassword, newPassword } = c.req.valid('json');
      await refuseWeakPassword(newPassword);
      await identity.changePassword(bearerToken(c), currentPassword, newPassword, clientAddress(c));
      return c.body(null, 204);
    },
  );

  app.openapi(
    route({ operationId: 'exportAccount', method: 'get', path: '/api/me/export', tags: ['Accounts'], auth,
      summary: 'Everything kept about you: the account, its registrations, tickets and check-ins',
      responses: { 200: { ...json(AccountExportSchema, 'Your data, as a JSON file'), headers: attachmentHeaders } } }),
    async (c) => {
      const data = await services.accounts.exportData(c.var.principal);
      c.header('Content-Disposition', `attachment; filename="ticketbooth-account-${data.account.id}.json"`);
      c.header('Cache-Control', 'no-store');
      return c.json(data, 200);
    },
  );

  app.openapi(
    route({ operationId: 'deleteAccount', method: 'delete', path: '/api/me', tags: ['Accounts'], auth,
      summary: 'Delete the account (password again); the email is free; past registrations keep "Deleted user"',
      request: { body: jsonBody(DeleteAccountBody) }, responses: { 204: { description: 'Deleted' },
        401: errorResponse('The password is wrong (invalid_credentials), or the token is missing or invalid'),
        409: errorResponse('Tickets or a hold for an event still to come (has_upcoming_tickets): cancel them first; or an event you organize is still to come (has_events)') } }),
    async (c) => {
      await services.accounts.deleteAccount(c.var.principal, c.req.valid('json').password, clientAddress(c));
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
