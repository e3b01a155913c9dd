import { describe, expect, it } from 'vitest';
import { holdHasLapsed, holdIsLive } from './hold.js';

const end = '2026-06-01T10:15:00.000Z';
const before = new Date('2026-06-01T10:14:59.999Z');
const atEnd = new Date(end);

describe('holdIsLive', () => {
  it('keeps a pending hold live until the millisecond before it ends', () => {
    expect(holdIsLive({ status: 'pending_payment', holdExpiresAt: end }, before)).toBe(true);
  });

  it('ends the hold at its end instant, so a payment then is refused', () => {
    expect(holdIsLive({ status: 'pending_payment', holdExpiresAt: end }, atEnd)).toBe(false);
  });

  it('has no live hold on a registration that is not pending', () => {
    for (const status of ['confirmed', 'expired', 'cancelled', 'refunded'] as const) {
      expect(holdIsLive({ status, holdExpiresAt: end }, before)).toBe(false);
    }
  });

  it('has no live hold on a pending registration without a hold end', () => {
    expect(holdIsLive({ status: 'pending_payment', holdExpiresAt: null }, before)).toBe(false);
  });
});

describe('holdHasLapsed', () => {
  it('expires a pending hold at its end instant, not before', () => {
    expect(holdHasLapsed({ status: 'pending_payment', holdExpiresAt: end }, before)).toBe(false);
    expect(holdHasLapsed({ status: 'pending_payment', holdExpiresAt: end }, atEnd)).toBe(true);
  });

  it('never expires a registration that is no longer pending', () => {
    expect(holdHasLapsed({ status: 'confirmed', holdExpiresAt: end }, atEnd)).toBe(false);
    expect(holdHasLapsed({ status: 'cancelled', holdExpiresAt: null }, atEnd)).toBe(false);
  });
});
