import type { ScannerLink } from '../domain/door.js';

/** A scanner link works until it is revoked or its expiry passes (the expiry itself no longer works). */
export function isScannerLinkLive(link: Pick<ScannerLink, 'revokedAt' | 'expiresAt'>, now: Date): boolean {
  if (link.revokedAt !== null) return false;
  return link.expiresAt === null || Date.parse(link.expiresAt) > now.getTime();
}
