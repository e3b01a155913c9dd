import { describe, expect, it } from 'vitest';
import { accountLimitReached, blockingHold, ticketsHeldByAccount } from './limits.js';

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

describe('ticketsHeldByAccount', () => {
  const mine = { userId: 'usr_a', eventId: 'evt_1' };

  it('counts confirmed registrations and live holds of the account for the event', () => {
    const regs = [
      { ...mine, status: 'confirmed' as const, holdExpiresAt: null, quantity: 4 },
      { ...mine, status: 'pending_payment' as const, holdExpiresAt: liveUntil, quantity: 3 },
    ];
    expect(ticketsHeldByAccount('usr_a', 'evt_1', regs, now)).toBe(7);
  });

  it('does not count a lapsed hold, a released registration, another account or another event', () => {
    const regs = [
      { ...mine, status: 'pending_payment' as const, holdExpiresAt: liveUntil, quantity: 3 },
      { ...mine, status: 'cancelled' as const, holdExpiresAt: null, quantity: 5 },
      { ...mine, status: 'refunded' as const, holdExpiresAt: null, quantity: 5 },
      { ...mine, userId: 'usr_b', status: 'confirmed' as const, holdExpiresAt: null, quantity: 5 },
      { ...mine, eventId: 'evt_2', status: 'confirmed' as const, holdExpiresAt: null, quantity: 5 },
    ];
    expect(ticketsHeldByAccount('usr_a', 'evt_1', regs, new Date(liveUntil))).toBe(0);
  });
});

describe('accountLimitReached', () => {
  it('places up to exactly the limit', () => {
    expect(accountLimitReached({ maxTicketsPerAccount: 10 }, 6, { quantity: 4 })).toBeNull();
  });

  it('refuses the ticket past the limit, saying the limit and what the account holds', () => {
    expect(accountLimitReached({ maxTicketsPerAccount: 10 }, 6, { quantity: 5 })).toEqual({ maxTicketsPerAccount: 10, held: 6 });
  });

  it('refuses an order larger than the limit from an account that holds nothing', () => {
    expect(accountLimitReached({ maxTicketsPerAccount: 2 }, 0, { quantity: 3 })).toEqual({ maxTicketsPerAccount: 2, held: 0 });
  });

  it('refuses any more once a lowered limit is below what the account already holds', () => {
    expect(accountLimitReached({ maxTicketsPerAccount: 4 }, 6, { quantity: 1 })).toEqual({ maxTicketsPerAccount: 4, held: 6 });
  });
});
