import { describe, expect, it } from 'vitest';
import { isScannerLinkLive } from './scanner-link.js';

const now = new Date('2026-06-01T12:00:00.000Z');

describe('scanner link', () => {
  it('works with no expiry until it is revoked', () => {
    expect(isScannerLinkLive({ revokedAt: null, expiresAt: null }, now)).toBe(true);
    expect(isScannerLinkLive({ revokedAt: '2026-06-01T11:00:00.000Z', expiresAt: null }, now)).toBe(false);
  });

  it('stops working at its expiry', () => {
    expect(isScannerLinkLive({ revokedAt: null, expiresAt: '2026-06-01T12:00:01.000Z' }, now)).toBe(true);
    expect(isScannerLinkLive({ revokedAt: null, expiresAt: '2026-06-01T12:00:00.000Z' }, now)).toBe(false);
  });
});
