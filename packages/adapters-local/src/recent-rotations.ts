import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import type { TokenPair } from '@ticketbooth/core';

interface Rotation {
  rotatedAt: number;
  sealed: Promise<Buffer>;
}

/**
 * The pair issued for each refresh token rotated in the last `graceMs`, so the same token presented
 * again (a second tab, a retried request) gets that pair instead of ending the session family.
 * Like the account store, it holds no usable token: entries are keyed by the old token's hash and
 * sealed (AES-256-GCM) under a key derived from the old token, which only its holder has. It lives
 * in the process, as the local home is one process; a restart only makes a reuse end the family.
 */
export class RecentRotations {
  private readonly entries = new Map<string, Rotation>();

  constructor(
    private readonly graceMs: number,
    private readonly secret: Uint8Array,
  ) {}

  /** The pair of a rotation of this token that started within the grace period, or null. */
  recall(tokenHash: string, token: string, now: number): Promise<TokenPair> | null {
    const rotation = this.entries.get(tokenHash);
    if (!rotation || now - rotation.rotatedAt > this.graceMs) return null;
    return rotation.sealed.then((sealed) => this.open(sealed, token));
  }

  /** Keeps the pair being issued for the token; a rotation that fails is forgotten. */
  remember(tokenHash: string, token: string, now: number, pair: Promise<TokenPair>): void {
    this.prune(now);
    const sealed = pair.then((issued) => this.seal(issued, token));
    sealed.catch(() => this.entries.delete(tokenHash));
    this.entries.set(tokenHash, { rotatedAt: now, sealed });
  }

  private key(token: string): Buffer {
    return createHmac('sha256', this.secret).update('refresh-rotation\n').update(token).digest();
  }

  private seal(pair: TokenPair, token: string): Buffer {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key(token), iv);
    const body = Buffer.concat([cipher.update(JSON.stringify(pair), 'utf8'), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), body]);
  }

  private open(sealed: Buffer, token: string): TokenPair {
    const decipher = createDecipheriv('aes-256-gcm', this.key(token), sealed.subarray(0, 12));
    decipher.setAuthTag(sealed.subarray(12, 28));
    return JSON.parse(Buffer.concat([decipher.update(sealed.subarray(28)), decipher.final()]).toString('utf8')) as TokenPair;
  }

  private prune(now: number): void {
    for (const [hash, rotation] of this.entries) if (now - rotation.rotatedAt > this.graceMs) this.entries.delete(hash);
  }
}
