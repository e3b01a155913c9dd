import { SignJWT } from 'jose';
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { verifyHs256 } from '../src/hs256.js';

const key = new TextEncoder().encode('a-secret-of-at-least-thirty-two-bytes!!');
const now = 1_900_000_000;
const expected = { issuer: 'ticketbooth', audience: 'ticketbooth-api', now };
const claims = { role: 'attendee', typ: 'access', ver: 0 };

const signed = (extra: Record<string, unknown> = {}, header: Record<string, unknown> = { alg: 'HS256', typ: 'JWT' }) =>
  new SignJWT({ ...claims, ...extra })
    .setProtectedHeader(header as { alg: string })
    .setSubject('usr_1')
    .setIssuer('ticketbooth')
    .setAudience('ticketbooth-api')
    .setIssuedAt(now - 10)
    .setExpirationTime(now + 60)
    .sign(key);

/** A token of these parts, MACed with `key` as an HS256 signer would. */
function handMade(header: object, payload: object): string {
  const part = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const input = `${part(header)}.${part(payload)}`;
  return `${input}.${createHmac('sha256', key).update(input).digest('base64url')}`;
}

describe('verifyHs256', () => {
  it("verifies jose's HS256 tokens and returns their claims", async () => {
    expect(verifyHs256(await signed(), key, expected)).toMatchObject({ sub: 'usr_1', role: 'attendee', typ: 'access', ver: 0, exp: now + 60 });
  });

  it('refuses another key, a changed payload or signature, and alg none', async () => {
    const token = await signed();
    expect(verifyHs256(token, new TextEncoder().encode('another-secret-of-thirty-two-bytes!!!!'), expected)).toBeNull();
    const [h, p, s] = token.split('.') as [string, string, string];
    const organizer = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(p, 'base64url').toString()), role: 'organizer' })).toString('base64url');
    expect(verifyHs256(`${h}.${organizer}.${s}`, key, expected)).toBeNull();
    expect(verifyHs256(`${h}.${p}.${s.slice(0, -2)}AA`, key, expected)).toBeNull();
    expect(verifyHs256(`${Buffer.from('{"alg":"none"}').toString('base64url')}.${p}.`, key, expected)).toBeNull();
    expect(verifyHs256(`${h}.${p}`, key, expected)).toBeNull();
  });

  it('refuses a validly MACed token with another algorithm named, a crit header, or claims it must not accept', async () => {
    const payload = { sub: 'usr_1', iss: 'ticketbooth', aud: 'ticketbooth-api', iat: now - 10, exp: now + 60 };
    expect(verifyHs256(handMade({ alg: 'HS256' }, payload), key, expected)).not.toBeNull();
    expect(verifyHs256(handMade({ alg: 'HS256' }, { ...payload, aud: ['other', 'ticketbooth-api'] }), key, expected)).not.toBeNull();
    expect(verifyHs256(handMade({ alg: 'HS512' }, payload), key, expected)).toBeNull();
    expect(verifyHs256(handMade({ alg: 'HS256', crit: ['b64'], b64: false }, payload), key, expected)).toBeNull();
    expect(verifyHs256(handMade({ alg: 'HS256' }, { ...payload, iss: 'elsewhere' }), key, expected)).toBeNull();
    expect(verifyHs256(handMade({ alg: 'HS256' }, { ...payload, aud: 'another-api' }), key, expected)).toBeNull();
    expect(verifyHs256(handMade({ alg: 'HS256' }, { ...payload, exp: now }), key, expected)).toBeNull();
    expect(verifyHs256(handMade({ alg: 'HS256' }, { ...payload, nbf: now + 1 }), key, expected)).toBeNull();
    const { iat: _iat, ...noIat } = payload;
    expect(verifyHs256(handMade({ alg: 'HS256' }, noIat), key, expected)).toBeNull();
    const { sub: _sub, ...noSub } = payload;
    expect(verifyHs256(handMade({ alg: 'HS256' }, noSub), key, expected)).toBeNull();
    expect(verifyHs256(handMade({ alg: 'HS256' }, [payload]), key, expected)).toBeNull();
  });
});
