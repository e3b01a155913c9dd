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

  it('makes one load for every caller that misses while it runs, and a failed load is not kept', async () => {
    const cache = new TimedCache<number>(clock);
    const finishers: Array<(n: number) => void> = [];
    const slow = () => new Promise<number>((resolve) => finishers.push(resolve));
    const waiting = Array.from({ length: 50 }, () => cache.get('k', slow));
    await new Promise((resolve) => setTimeout(resolve, 0));
    for (const finish of finishers) finish(7);
    expect(await Promise.all(waiting)).toEqual(Array(50).fill(7));
    expect(finishers).toHaveLength(1);
    const failing = cache.get('f', async () => { throw new Error('store down'); });
    await expect(failing).rejects.toThrow('store down');
    expect(await cache.get('f', async () => 1)).toBe(1);
  });

  it('does not keep what a load read before an invalidation or a forget, though its callers get it', async () => {
    const cache = new TimedCache<string>(clock);
    for (const drop of [() => cache.invalidate(), () => cache.forget('k')]) {
      let finish!: (v: string) => void;
      const before = cache.get('k', () => new Promise<string>((resolve) => (finish = resolve)));
      drop();
      const after = cache.get('k', async () => 'fresh');
      await new Promise((resolve) => setTimeout(resolve, 0));
      finish('stale');
      expect(await before).toBe('stale');
      expect(await after).toBe('fresh');
      expect(await cache.get('k', async () => 'loaded again')).toBe('fresh');
      cache.forget('k');
    }
  });
});
