import { describe, expect, it } from 'vitest';
import { ListingCache } from './listing-cache.js';

const clock = { now: () => new Date('2030-01-01T00:00:00.000Z') };

describe('ListingCache', () => {
  it('moves its generation on with every invalidation, so copies of its answers can tell they are out of date', async () => {
    const cache = new ListingCache<string>(clock);
    const first = cache.generation;
    expect(await cache.get('k', async () => 'a')).toBe('a');
    expect(cache.generation).toBe(first);
    cache.invalidate();
    expect(cache.generation).toBe(first + 1);
    expect(await cache.get('k', async () => 'b')).toBe('b');
  });
});
