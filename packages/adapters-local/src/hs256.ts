import { createHmac, timingSafeEqual } from 'node:crypto';

const BASE64URL = /^[A-Za-z0-9_-]+$/;

export interface ExpectedClaims {
  issuer: string;
  audience: string;
  /** Seconds since the epoch. */
  now: number;
}

/** Verified claims: what the token says, `sub`, `iat` and `exp` checked present. */
export type VerifiedClaims = Record<string, unknown> & { sub: string; iat: number; exp: number };

function decodeObject(part: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/**
 * The claims of an HS256 JWT (RFC 7519) signed with `key`, or null. Synchronous, with Node's HMAC:
 * through WebCrypto each verify was a thread-pool job and a promise, 15 % of a rush's CPU (every
 * access token is new there). Checks what a verifier must: the header names HS256 and no `crit`
 * extension (so `alg: none` and other algorithms fail), the MAC in constant time, then issuer,
 * audience, `exp` (valid while now < exp), `nbf`, and that `sub` and `iat` are present.
 */
export function verifyHs256(token: string, key: Uint8Array, expected: ExpectedClaims): VerifiedClaims | null {
  const parts = token.split('.');
  if (parts.length !== 3 || !parts.every((part) => BASE64URL.test(part))) return null;
  const [header, payload, signature] = parts as [string, string, string];
  const protectedHeader = decodeObject(header);
  if (!protectedHeader || protectedHeader.alg !== 'HS256' || 'crit' in protectedHeader) return null;
  const given = Buffer.from(signature, 'base64url');
  const mac = createHmac('sha256', key).update(`${header}.${payload}`).digest();
  if (given.length !== mac.length || !timingSafeEqual(given, mac)) return null;
  const claims = decodeObject(payload);
  if (!claims || claims.iss !== expected.issuer) return null;
  const audience = claims.aud;
  if (!(audience === expected.audience || (Array.isArray(audience) && audience.includes(expected.audience)))) return null;
  if (typeof claims.sub !== 'string' || typeof claims.iat !== 'number' || typeof claims.exp !== 'number') return null;
  if (expected.now >= claims.exp) return null;
  if (claims.nbf !== undefined && (typeof claims.nbf !== 'number' || claims.nbf > expected.now)) return null;
  return claims as VerifiedClaims;
}
