import { describe, expect, it } from 'vitest';
import { TimedCache } from './timed-cache.js';

let nowMs = Date.parse('2030-01-01T00:00:00.000Z');
const clock = { now: () => new Date(nowMs) };

describe('TimedCache', () => {
  it('moves its generation on with every invalidation, so copies of its answers can tell they are out of date', async () => {
    const cache = new TimedCache<string>(clock);
    const first = cache.generation;
    expect(await cache.get('k', async () => 'a')).toBe('a');
    expect(cache.generation).toBe(first);
    cache.invalidate();
    expect(cache.generation).toBe(first + 1);
    expect(await cache.get('k', async () => 'b')).toBe('b');
  });

  it('answers from its copy until the time limit, then loads anew', async () => {
    const cache = new TimedCache<number>(clock, 10_000);
    let loads = 0;
    const load = async () => ++loads;
    expect(await cache.get('k', load)).toBe(1);
    nowMs += 9_999;
    expect(await cache.get('k', load)).toBe(1);
    nowMs += 1;
    expect(await cache.get('k', load)).toBe(2);
  });

  it('loads a forgotten key anew and keeps the others', async () => {
    const cache = new TimedCache<string>(clock);
    await cache.get('a', async () => 'a1');
    await cache.get('b', async () => 'b1');
    cache.forget('a');
    expect(await cache.get('a', async () => 'a2')).toBe('a2');
    expect(await cache.get('b', async () => 'b2')).toBe('b1');
  });
});
