import { createTicketSigner, generateSigningKey } from '@ticketbooth/tickets';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { pureJsCheck, webCryptoCheck } from './ed25519.js';
import { importKeys, verifyQr } from './qr-verify.js';

const key = generateSigningKey();
const other = generateSigningKey();
const signer = createTicketSigner([key, other], key.keyId);
const qr = signer.sign({ ticketId: 't_abc123', eventId: 'e_xyz789' });

/** Flips one base64url character of a part, keeping it well-formed. */
function alter(text: string, part: 1 | 2, at = 3): string {
  const parts = text.split('.');
  const chars = [...parts[part]!];
  chars[at] = chars[at] === 'A' ? 'B' : 'A';
  parts[part] = chars.join('');
  return parts.join('.');
}

const samples: [string, string, boolean][] = [
  ['genuine', qr, true],
  ['signed with the older published key', createTicketSigner([other], other.keyId).sign({ ticketId: 't_old', eventId: 'e_xyz789' }), true],
  ['payload altered', alter(qr, 1), false],
  ['signature altered early', alter(qr, 2, 3), false],
  ['signature altered late (the S half)', alter(qr, 2, 60), false],
  ['made-up signature', `TB1.${qr.split('.')[1]!}.${'A'.repeat(86)}`, false],
  ['signed by another key under the published key id', createTicketSigner([{ ...generateSigningKey(), keyId: key.keyId }], key.keyId).sign({ ticketId: 't_abc123', eventId: 'e_xyz789' }), false],
];

describe('Ed25519 in the browser without WebCrypto Ed25519', () => {
  afterEach(() => vi.restoreAllMocks());

  it('the pure-JS check accepts and refuses exactly the QRs WebCrypto does', async () => {
    const webCrypto = await importKeys(signer.publicKeys(), webCryptoCheck);
    const pureJs = await importKeys(signer.publicKeys(), pureJsCheck);
    for (const [name, text, genuine] of samples) {
      expect((await verifyQr(text, webCrypto)) !== null, `WebCrypto: ${name}`).toBe(genuine);
      expect((await verifyQr(text, pureJs)) !== null, `pure JS: ${name}`).toBe(genuine);
    }
  });

  it('falls back to the pure-JS check when crypto.subtle refuses Ed25519 keys', async () => {
    const refuse = vi.spyOn(crypto.subtle, 'importKey').mockRejectedValue(new DOMException('Unrecognized algorithm name', 'NotSupportedError'));
    const ring = await importKeys(signer.publicKeys());
    expect(refuse).toHaveBeenCalled();
    expect(await verifyQr(qr, ring)).toEqual({ ticketId: 't_abc123', eventId: 'e_xyz789' });
    expect(await verifyQr(alter(qr, 2), ring)).toBeNull();
  });
});
