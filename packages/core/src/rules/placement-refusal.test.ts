import { describe, expect, it } from 'vitest';
import { placementRefusal } from './placement-refusal.js';

const atLimit = { maxTicketsPerAccount: 2, held: 2 };
const soldOut = { ok: false as const, reason: 'sold_out' as const, spotsRemaining: 0 };

describe('placementRefusal', () => {
  it('tells an account at its limit account_limit, even when the event is sold out too', () => {
    expect(placementRefusal(atLimit, soldOut)).toEqual({ ok: false, reason: 'account_limit', maxTicketsPerAccount: 2, held: 2 });
  });

  it('tells an order past the account limit account_limit when spots are left', () => {
    expect(placementRefusal({ maxTicketsPerAccount: 4, held: 1 }, { ok: true })).toEqual({ ok: false, reason: 'account_limit', maxTicketsPerAccount: 4, held: 1 });
  });

  it('answers sold_out, with what is left, for an order that fits the account', () => {
    expect(placementRefusal(null, { ok: false, reason: 'sold_out', spotsRemaining: 1 })).toEqual({ ok: false, reason: 'sold_out', spotsRemaining: 1 });
  });

  it('refuses nothing that fits both', () => {
    expect(placementRefusal(null, { ok: true })).toBeNull();
  });
});
