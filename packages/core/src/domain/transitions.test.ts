import { describe, expect, it } from 'vitest';
import { assertMove, canMove, isFinal, sourcesOf } from './transitions.js';

describe('registration moves', () => {
  it('lets a pending registration be paid, expire or be cancelled', () => {
    expect(canMove('registration', 'pending_payment', 'confirmed')).toBe(true);
    expect(canMove('registration', 'pending_payment', 'expired')).toBe(true);
    expect(canMove('registration', 'pending_payment', 'cancelled')).toBe(true);
  });

  it('never refunds a registration that was not paid', () => {
    expect(canMove('registration', 'pending_payment', 'refunded')).toBe(false);
  });

  it('cancels or refunds a confirmed registration but never puts it back on hold', () => {
    expect(canMove('registration', 'confirmed', 'cancelled')).toBe(true);
    expect(canMove('registration', 'confirmed', 'refunded')).toBe(true);
    expect(canMove('registration', 'confirmed', 'pending_payment')).toBe(false);
    expect(canMove('registration', 'confirmed', 'expired')).toBe(false);
  });

  it('keeps an expired, cancelled or refunded registration where it is', () => {
    for (const status of ['expired', 'cancelled', 'refunded'] as const) {
      expect(isFinal('registration', status)).toBe(true);
      expect(canMove('registration', status, 'confirmed')).toBe(false);
    }
    expect(isFinal('registration', 'pending_payment')).toBe(false);
  });
});

describe('ticket moves', () => {
  it('admits a valid ticket once: a used ticket is not used again', () => {
    expect(canMove('ticket', 'valid', 'used')).toBe(true);
    expect(canMove('ticket', 'used', 'used')).toBe(false);
    expect(sourcesOf('ticket', 'used')).toEqual(['valid']);
  });

  it('voids valid and used tickets, and a cancelled ticket stays cancelled', () => {
    expect(sourcesOf('ticket', 'cancelled')).toEqual(['valid', 'used']);
    expect(canMove('ticket', 'cancelled', 'valid')).toBe(false);
  });
});

describe('payment intent moves', () => {
  it('goes through processing before it can succeed', () => {
    expect(canMove('payment_intent', 'requires_payment_method', 'succeeded')).toBe(false);
    expect(canMove('payment_intent', 'requires_payment_method', 'processing')).toBe(true);
    expect(canMove('payment_intent', 'processing', 'succeeded')).toBe(true);
  });

  it('lets a failed charge be retried and a late one be canceled', () => {
    expect(canMove('payment_intent', 'processing', 'requires_payment_method')).toBe(true);
    expect(canMove('payment_intent', 'processing', 'canceled')).toBe(true);
  });

  it('never changes a succeeded or canceled intent', () => {
    expect(isFinal('payment_intent', 'succeeded')).toBe(true);
    expect(isFinal('payment_intent', 'canceled')).toBe(true);
  });
});

describe('event moves', () => {
  it('publishes only a draft, and cancels a draft or a published event', () => {
    expect(sourcesOf('event', 'published')).toEqual(['draft']);
    expect(sourcesOf('event', 'cancelled')).toEqual(['draft', 'published']);
  });

  it('never republishes a cancelled event', () => {
    expect(canMove('event', 'cancelled', 'published')).toBe(false);
    expect(canMove('event', 'published', 'draft')).toBe(false);
  });
});

describe('assertMove', () => {
  it('throws on a move the table does not allow, and passes an allowed one', () => {
    expect(() => assertMove('registration', 'refunded', 'confirmed')).toThrow('A registration cannot move from refunded to confirmed.');
    expect(() => assertMove('registration', 'confirmed', 'refunded')).not.toThrow();
  });
});
