import { createPrivateKey, createPublicKey, generateKeyPairSync, randomBytes, sign, verify, type KeyObject } from 'node:crypto';
import type { PublicKeyInfo, TicketSigner } from '@ticketbooth/core';

/** An Ed25519 signing key with the id printed into every QR it signs, so keys can rotate. */
export interface SigningKey {
  keyId: string;
  /** PKCS#8 PEM. */
  privateKeyPem: string;
}

const PREFIX = 'TB1';
const MAX_QR_LENGTH = 512;
const FIELD = /^[A-Za-z0-9_-]{1,64}$/;

export function generateSigningKey(): SigningKey {
  const { privateKey } = generateKeyPairSync('ed25519');
  return {
    keyId: `k_${randomBytes(6).toString('base64url')}`,
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  };
}

/** The signed text: "TB1.<payload>" — the version is bound into the signature. */
const signedPart = (payload: string): Buffer => Buffer.from(`${PREFIX}.${payload}`);

function parse(qr: string): { payload: string; signature: Buffer; ticketId: string; eventId: string; keyId: string } | null {
  if (typeof qr !== 'string' || qr.length > MAX_QR_LENGTH) return null;
  const parts = qr.split('.');
  if (parts.length !== 3 || parts[0] !== PREFIX) return null;
  const [, payload, sig] = parts as [string, string, string];
  if (!/^[A-Za-z0-9_-]+$/.test(payload) || !/^[A-Za-z0-9_-]+$/.test(sig)) return null;
  const fields = Buffer.from(payload, 'base64url').toString('utf8').split('|');
  // Re-encoding must give back the same text: rejects non-canonical base64url spellings.
  if (Buffer.from(fields.join('|'), 'utf8').toString('base64url') !== payload) return null;
  if (fields.length !== 3 || !fields.every((f) => FIELD.test(f))) return null;
  const signature = Buffer.from(sig, 'base64url');
  if (signature.length !== 64 || signature.toString('base64url') !== sig) return null;
  const [ticketId, eventId, keyId] = fields as [string, string, string];
  return { payload, signature, ticketId, eventId, keyId };
}

function publicInfo(keyId: string, publicKey: KeyObject): PublicKeyInfo {
  const jwk = publicKey.export({ format: 'jwk' });
  return { keyId, algorithm: 'Ed25519', publicKey: String(jwk.x) };
}

/**
 * Signs QR payloads with the active key and verifies with any known key:
 * `TB1.<base64url("ticketId|eventId|keyId")>.<base64url(Ed25519 signature)>`.
 */
export function createTicketSigner(keys: SigningKey[], activeKeyId: string): TicketSigner {
  const privateKeys = new Map(keys.map((k) => [k.keyId, createPrivateKey(k.privateKeyPem)]));
  const publicKeys = new Map([...privateKeys].map(([id, key]) => [id, createPublicKey(key)]));
  const active = privateKeys.get(activeKeyId);
  if (!active) throw new Error(`The active signing key ${activeKeyId} is not among the keys.`);
  return {
    sign({ ticketId, eventId }) {
      // An id outside the payload alphabet would sign a QR that can never verify: fail now instead.
      if (!FIELD.test(ticketId) || !FIELD.test(eventId)) throw new Error('Ticket and event ids must be 1-64 base64url characters.');
      const payload = Buffer.from(`${ticketId}|${eventId}|${activeKeyId}`, 'utf8').toString('base64url');
      return `${PREFIX}.${payload}.${sign(null, signedPart(payload), active).toString('base64url')}`;
    },
    verify(qr) {
      const parsed = parse(qr);
      const key = parsed && publicKeys.get(parsed.keyId);
      if (!parsed || !key) return null;
      return verify(null, signedPart(parsed.payload), key, parsed.signature) ? { ticketId: parsed.ticketId, eventId: parsed.eventId } : null;
    },
    publicKeys() {
      return [...publicKeys].map(([id, key]) => publicInfo(id, key));
    },
  };
}

/** Offline verification, as a door scanner does with the keys of GET /api/events/:id/checkin-keys. */
export function verifyQrWithPublicKeys(qr: string, keys: PublicKeyInfo[]): { ticketId: string; eventId: string } | null {
  const parsed = parse(qr);
  const info = parsed && keys.find((k) => k.keyId === parsed.keyId);
  if (!parsed || !info) return null;
  try {
    const key = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: info.publicKey }, format: 'jwk' });
    return verify(null, signedPart(parsed.payload), key, parsed.signature) ? { ticketId: parsed.ticketId, eventId: parsed.eventId } : null;
  } catch {
    return null; // a malformed published key verifies nothing
  }
}
