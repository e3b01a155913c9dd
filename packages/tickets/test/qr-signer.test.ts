import { describe, expect, it } from 'vitest';
import { createTicketSigner, generateSigningKey, verifyQrWithPublicKeys } from '../src/index.js';

const key = generateSigningKey();
const signer = createTicketSigner([key], key.keyId);
const claims = { ticketId: 'tkt_AbCdEfGhIjKlMnOpQrStUv', eventId: 'evt_ZyXwVuTsRqPoNmLkJiHgFe' };

describe('ticket QR payloads', () => {
  it('a signed QR verifies to its ticket and event, and is short enough for a small QR', () => {
    const qr = signer.sign(claims);
    expect(qr.startsWith('TB1.')).toBe(true);
    expect(qr.length).toBeLessThan(200);
    expect(signer.verify(qr)).toEqual(claims);
  });

  it('every single-character change anywhere is rejected', () => {
    const qr = signer.sign(claims);
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.';
    let changed = 0;
    for (let i = 0; i < qr.length; i++) {
      for (const c of [alphabet[(alphabet.indexOf(qr[i]!) + 1) % alphabet.length]!, alphabet[(alphabet.indexOf(qr[i]!) + 7) % alphabet.length]!]) {
        const forged = qr.slice(0, i) + c + qr.slice(i + 1);
        if (forged === qr) continue;
        expect(signer.verify(forged), `position ${i}`).toBeNull();
        changed++;
      }
    }
    expect(changed).toBeGreaterThan(qr.length);
  });

  it('truncated, empty, huge, garbage and invented payloads are rejected', () => {
    const qr = signer.sign(claims);
    for (const bad of [qr.slice(0, -1), qr.slice(0, 20), '', 'TB1..', 'TB1.a.b', 'x'.repeat(100_000), qr + '.extra', `TB2${qr.slice(3)}`]) {
      expect(signer.verify(bad)).toBeNull();
    }
    const invented = `TB1.${Buffer.from(`tkt_x|evt_y|${key.keyId}`).toString('base64url')}.${Buffer.alloc(64, 7).toString('base64url')}`;
    expect(signer.verify(invented)).toBeNull();
  });

  it('a QR signed with another key is rejected, even under our key id', () => {
    const other = generateSigningKey();
    const impostor = createTicketSigner([{ ...other, keyId: key.keyId }], key.keyId);
    expect(signer.verify(impostor.sign(claims))).toBeNull();
  });

  it('after rotation old tickets still verify and new ones carry the new key id', () => {
    const next = generateSigningKey();
    const rotated = createTicketSigner([key, next], next.keyId);
    const old = signer.sign(claims);
    const fresh = rotated.sign(claims);
    expect(rotated.verify(old)).toEqual(claims);
    expect(rotated.verify(fresh)).toEqual(claims);
    expect(Buffer.from(fresh.split('.')[1]!, 'base64url').toString()).toContain(next.keyId);
    expect(signer.verify(fresh)).toBeNull();
  });

  it('offline verification with the published public keys agrees with the signer', () => {
    const qr = signer.sign(claims);
    const keys = signer.publicKeys();
    expect(keys).toEqual([{ keyId: key.keyId, algorithm: 'Ed25519', publicKey: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/) }]);
    expect(verifyQrWithPublicKeys(qr, keys)).toEqual(claims);
    const i = qr.length - 10;
    expect(verifyQrWithPublicKeys(qr.slice(0, i) + (qr[i] === 'x' ? 'y' : 'x') + qr.slice(i + 1), keys)).toBeNull();
    const stranger = generateSigningKey();
    expect(verifyQrWithPublicKeys(qr, createTicketSigner([stranger], stranger.keyId).publicKeys())).toBeNull();
  });

  it('refuses to sign ids that could never verify', () => {
    for (const ticketId of ['', 'tkt|x', 'tkt.x', 'x'.repeat(65)]) {
      expect(() => signer.sign({ ticketId, eventId: claims.eventId })).toThrow();
    }
    expect(() => signer.sign({ ticketId: claims.ticketId, eventId: 'evt x' })).toThrow();
  });

  it('offline verification returns null, never throws, for a malformed published key', () => {
    const qr = signer.sign(claims);
    expect(verifyQrWithPublicKeys(qr, [{ keyId: key.keyId, algorithm: 'Ed25519', publicKey: 'not-a-key' }])).toBeNull();
  });
});
