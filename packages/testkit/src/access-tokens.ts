import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SignJWT } from 'jose';
import { randomIds, systemClock, type Clock, type Role } from '@ticketbooth/core';

export interface TokenMinterOptions {
  /** Time of issue; the server under test may run on a test clock. */
  clock?: Clock;
  /** Lifetime of each token; the local identity issues 15 minutes. */
  ttlSeconds?: number;
}

export type MintAccessToken = (user: { id: string; role: Role }, tokenVersion?: number) => Promise<string>;

/**
 * Mints access tokens as the local identity issues them (packages/adapters-local/src/local-identity.ts:
 * HS256, issuer `ticketbooth`, audience `ticketbooth-api`, claims role, ver, typ), signed with the secret
 * a local server keeps in `<dataDir>/secrets.json`. The bench uses it instead of thousands of scrypt
 * logins; the access matrix to sign a token for a user who does not exist.
 */
export function accessTokenMinter(dataDir: string, options: TokenMinterOptions = {}): MintAccessToken {
  const { jwtSecret } = JSON.parse(readFileSync(join(dataDir, 'secrets.json'), 'utf8')) as { jwtSecret: string };
  const key = Buffer.from(jwtSecret, 'utf8');
  const clock = options.clock ?? systemClock;
  const ttlSeconds = options.ttlSeconds ?? 900;
  return (user, tokenVersion = 0) => {
    const now = Math.floor(clock.now().getTime() / 1000);
    return new SignJWT({ role: user.role, ver: tokenVersion, typ: 'access' })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(user.id)
      .setIssuer('ticketbooth')
      .setAudience('ticketbooth-api')
      .setIssuedAt(now)
      .setExpirationTime(now + ttlSeconds)
      .setJti(randomIds.newId('jti'))
      .sign(key);
  };
}
