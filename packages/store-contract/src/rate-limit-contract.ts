import { describe, expect, it } from 'vitest';
import { RATE_LIMITS, randomIds, type Store } from '@ticketbooth/core';
import { T0, at } from '@ticketbooth/testkit';
import type { StoreHarness } from './contract.js';

/** Rate limits: a fixed-window counter per (kind, key), counted atomically across connections. */
export function describeRateLimitContract(harness: () => StoreHarness): void {
  const store = (): Store => harness().store;
  const another = async (): Promise<Store> => (harness().openAnother ? harness().openAnother!() : store());
  const { max, windowMs } = RATE_LIMITS.rename_by_ticket;
  const windowMinutes = windowMs / 60_000;

  describe('rate limits', () => {
    it(`of ${max + 1} concurrent hits on one key from two connections, exactly ${max} are allowed`, async () => {
      const key = randomIds.newId('tkt');
      const other = await another();
      const results = await Promise.all(Array.from({ length: max + 1 }, (_, i) => (i % 2 ? other : store()).countRateLimitedHit('rename_by_ticket', key, T0)));
      expect(results.filter((r) => r.allowed)).toHaveLength(max);
      expect(results.filter((r) => !r.allowed)).toEqual([{ allowed: false, retryAfterSeconds: windowMs / 1000 }]);
    });

    it('of 50 concurrent hits at a limit of 30, exactly 30 are allowed', async () => {
      const key = randomIds.newId('usr');
      const other = await another();
      const results = await Promise.all(Array.from({ length: 50 }, (_, i) => (i % 2 ? other : store()).countRateLimitedHit('quote_by_account', key, T0)));
      expect(RATE_LIMITS.quote_by_account.max).toBe(30);
      expect(results.filter((r) => r.allowed)).toHaveLength(30);
    });

    it('counts each key and each kind apart, and starts again in the next window', async () => {
      const key = randomIds.newId('tkt');
      for (let i = 0; i < max; i++) expect(await store().countRateLimitedHit('rename_by_ticket', key, at(1))).toEqual({ allowed: true });
      expect((await store().countRateLimitedHit('rename_by_ticket', key, at(2))).allowed).toBe(false);
      expect(await store().countRateLimitedHit('rename_by_ticket', randomIds.newId('tkt'), at(2))).toEqual({ allowed: true });
      expect(await store().countRateLimitedHit('rename_by_account', key, at(2))).toEqual({ allowed: true });
      expect(await store().countRateLimitedHit('rename_by_ticket', key, at(windowMinutes))).toEqual({ allowed: true });
    });
  });
}
