import { describe, expect, it } from 'vitest';
import { blockingHold } from './limits.js';

const now = new Date('2026-06-01T10:00:00.000Z');
const liveUntil = '2026-06-01T10:15:00.000Z';
const placing = { userId: 'usr_a', eventId: 'evt_1', status: 'pending_payment' as const };
const hold = { id: 'reg_1', userId: 'usr_a', eventId: 'evt_1', status: 'pending_payment' as const, holdExpiresAt: liveUntil };

describe('blockingHold', () => {
  it('refuses a second pending registration while the account holds a live one for the event', () => {
    expect(blockingHold(placing, [hold], now)).toBe(hold);
  });

  it('lets the account place again once its hold has lapsed', () => {
    expect(blockingHold(placing, [hold], new Date(liveUntil))).toBeNull();
  });

  it('counts only the same account on the same event', () => {
    expect(blockingHold(placing, [{ ...hold, userId: 'usr_b' }, { ...hold, eventId: 'evt_2' }], now)).toBeNull();
  });

  it('does not count a registration that left pending', () => {
    expect(blockingHold(placing, [{ ...hold, status: 'confirmed', holdExpiresAt: null }], now)).toBeNull();
  });

  it('lets a confirmed (free) placement through beside a live hold', () => {
    expect(blockingHold({ ...placing, status: 'confirmed' }, [hold], now)).toBeNull();
  });
});
