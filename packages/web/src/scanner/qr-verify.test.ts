import { createTicketSigner, generateSigningKey } from '@ticketbooth/tickets';
import { describe, expect, it } from 'vitest';
import { importKeys, parseQr, verifyQr } from './qr-verify.js';

const key = generateSigningKey();
const other = generateSigningKey();
const signer = createTicketSigner([key, other], key.keyId);
const otherSigner = createTicketSigner([other], other.keyId);
const qr = signer.sign({ ticketId: 't_abc123', eventId: 'e_xyz789' });

/** Flips one base64url character of a part, keeping it well-formed. */
function alter(text: string, part: 1 | 2): string {
  const parts = text.split('.');
  const chars = [...parts[part]!];
  chars[3] = chars[3] === 'A' ? 'B' : 'A';
  parts[part] = chars.join('');
  return parts.join('.');
}

describe('offline QR verification in the browser', () => {
  it('accepts a QR signed by packages/tickets and names its ticket and event', async () => {
    const ring = await importKeys(signer.publicKeys());
    expect(await verifyQr(qr, ring)).toEqual({ ticketId: 't_abc123', eventId: 'e_xyz789' });
  });

  it('accepts a QR signed with an older key still published (rotation)', async () => {
    const ring = await importKeys(signer.publicKeys());
    expect(await verifyQr(otherSigner.sign({ ticketId: 't_old', eventId: 'e_xyz789' }), ring)).toEqual({ ticketId: 't_old', eventId: 'e_xyz789' });
  });

  it('refuses a QR whose payload or signature was changed', async () => {
    const ring = await importKeys(signer.publicKeys());
    expect(await verifyQr(alter(qr, 1), ring)).toBeNull();
    expect(await verifyQr(alter(qr, 2), ring)).toBeNull();
  });

  it('refuses a QR signed by a key the event does not publish', async () => {
    const ring = await importKeys(createTicketSigner([key], key.keyId).publicKeys());
    expect(await verifyQr(otherSigner.sign({ ticketId: 't_abc123', eventId: 'e_xyz789' }), ring)).toBeNull();
  });

  it('refuses a forged QR that names a known key id but carries a made-up signature', async () => {
    const ring = await importKeys(signer.publicKeys());
    const payload = qr.split('.')[1]!;
    expect(await verifyQr(`TB1.${payload}.${'A'.repeat(86)}`, ring)).toBeNull();
  });

  it('refuses texts that are not TB1 QRs without throwing', async () => {
    const ring = await importKeys(signer.publicKeys());
    for (const text of ['', 'hello', 'TB2.a.b', `${qr}.x`, qr.replace('TB1', 'tb1'), `${qr}=`, 'TB1.!!!.???', 'x'.repeat(600)]) {
      expect(await verifyQr(text, ring), text).toBeNull();
    }
  });

  it('refuses a non-canonical base64url spelling of the same payload, as the server does', () => {
    const [, payload, sig] = qr.split('.') as [string, string, string];
    // A final character whose unused low bits are set decodes to the same bytes.
    const last = payload.at(-1)!;
    expect(payload.length % 4).not.toBe(0);
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const twin = alphabet[alphabet.indexOf(last) + 1]!;
    expect(parseQr(`TB1.${payload.slice(0, -1)}${twin}.${sig}`)).toBeNull();
    expect(parseQr(qr)).not.toBeNull();
  });

  it('ignores a published key that is malformed instead of failing the whole set', async () => {
    const ring = await importKeys([{ keyId: 'broken', algorithm: 'Ed25519', publicKey: 'abc' }, ...signer.publicKeys()]);
    expect(ring.has('broken')).toBe(false);
    expect(await verifyQr(qr, ring)).not.toBeNull();
  });
});
