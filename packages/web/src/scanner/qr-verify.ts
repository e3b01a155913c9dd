import { signatureCheck, type SignatureCheck } from './ed25519.js';

/**
 * Offline verification of a ticket QR in the browser (Ed25519, see ed25519.ts), the same format that
 * packages/tickets signs: `TB1.<base64url("ticketId|eventId|keyId")>.<base64url(signature)>`, the
 * signature over "TB1.<payload>". Pure: no storage, no network.
 */

export interface DoorKey {
  keyId: string;
  algorithm: string;
  /** base64url of the raw 32-byte Ed25519 public key (the JWK `x`). */
  publicKey: string;
}

export interface VerifiedQr {
  ticketId: string;
  eventId: string;
}

const PREFIX = 'TB1';
const MAX_QR_LENGTH = 512;
const FIELD = /^[A-Za-z0-9_-]{1,64}$/;
const BASE64URL = /^[A-Za-z0-9_-]+$/;

function fromBase64url(text: string): Uint8Array<ArrayBuffer> | null {
  if (!BASE64URL.test(text) || text.length % 4 === 1) return null;
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

function toBase64url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

interface ParsedQr extends VerifiedQr {
  signed: Uint8Array<ArrayBuffer>;
  signature: Uint8Array<ArrayBuffer>;
  keyId: string;
}

/** The QR's parts, or null when it is not a well-formed TB1 text (non-canonical spellings refused). */
export function parseQr(qr: string): ParsedQr | null {
  if (typeof qr !== 'string' || qr.length > MAX_QR_LENGTH) return null;
  const parts = qr.split('.');
  if (parts.length !== 3 || parts[0] !== PREFIX) return null;
  const [, payload, sig] = parts as [string, string, string];
  const payloadBytes = fromBase64url(payload);
  const signature = fromBase64url(sig);
  if (!payloadBytes || !signature || signature.length !== 64 || toBase64url(signature) !== sig) return null;
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(payloadBytes);
  } catch {
    return null;
  }
  if (toBase64url(new TextEncoder().encode(text)) !== payload) return null;
  const fields = text.split('|');
  if (fields.length !== 3 || !fields.every((f) => FIELD.test(f))) return null;
  const [ticketId, eventId, keyId] = fields as [string, string, string];
  return { ticketId, eventId, keyId, signature, signed: new TextEncoder().encode(`${PREFIX}.${payload}`) };
}

/** Imported keys by id, made once per key set: importing on every scan would cost each verdict. */
export type KeyRing = Map<string, SignatureCheck>;

/** `check` makes each key's check (WebCrypto, or the pure-JS fallback where the browser lacks Ed25519). */
export async function importKeys(keys: DoorKey[], check: (rawKey: Uint8Array<ArrayBuffer>) => Promise<SignatureCheck> = signatureCheck): Promise<KeyRing> {
  const ring: KeyRing = new Map();
  for (const key of keys) {
    const raw = key.algorithm === 'Ed25519' ? fromBase64url(key.publicKey) : null;
    if (!raw || raw.length !== 32) continue; // a malformed published key verifies nothing
    ring.set(key.keyId, await check(raw));
  }
  return ring;
}

/** The ticket and event a genuine QR names, or null for anything forged, altered or unknown-keyed. */
export async function verifyQr(qr: string, ring: KeyRing): Promise<VerifiedQr | null> {
  const parsed = parseQr(qr);
  const check = parsed && ring.get(parsed.keyId);
  if (!parsed || !check) return null;
  const genuine = await check(parsed.signature, parsed.signed);
  return genuine ? { ticketId: parsed.ticketId, eventId: parsed.eventId } : null;
}
