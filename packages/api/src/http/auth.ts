import type { Context, MiddlewareHandler } from 'hono';
import { DomainError, looksLikeScannerSecret, type DoorCaller, type Identity, type Principal, type Services } from '@ticketbooth/core';

export type AppEnv = { Variables: { principal: Principal; caller: DoorCaller } };

function bearerOf(c: Context): string {
  const header = c.req.header('authorization') ?? '';
  const match = /^Bearer ([A-Za-z0-9._~+/=-]{1,4096})$/.exec(header);
  if (!match) throw new DomainError('unauthorized', 'Log in to do this: send your access token as a Bearer token.');
  return match[1]!;
}

/** The caller proven by `Authorization: Bearer <accessToken>`; 401 when missing or not valid. */
async function principalOf(c: Context, identity: Identity): Promise<Principal> {
  return identity.verifyAccessToken(bearerOf(c));
}

/**
 * The door endpoints take either a user's access token or a scanner link's secret as the bearer;
 * every other endpoint verifies only access tokens, so a scanner secret there answers 401.
 */
export function authenticateDoor(services: Pick<Services, 'scanners'> & { deps: { identity: Identity } }): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const token = bearerOf(c);
    c.set('caller', looksLikeScannerSecret(token) ? await services.scanners.authenticate(token) : await services.deps.identity.verifyAccessToken(token));
    await next();
  };
}

/** Runs before input validation, so an anonymous caller learns nothing about a route's input. */
export function authenticate(identity: Identity): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    c.set('principal', await principalOf(c, identity));
    await next();
  };
}

/** The caller if a token is present; anonymous otherwise (a bad token is still rejected). */
export async function optionalPrincipal(c: Context, identity: Identity): Promise<Principal | null> {
  return c.req.header('authorization') ? principalOf(c, identity) : null;
}
