import { describe, expect, it } from 'vitest';
import { singleFlight } from './single-flight.js';

const deferred = <T>() => {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
};

describe('single flight', () => {
  it('runs the work once for concurrent callers of one key, and all get its result', async () => {
    const flight = singleFlight<string>();
    const gate = deferred<string>();
    let runs = 0;
    const work = () => {
      runs++;
      return gate.promise;
    };
    const callers = Array.from({ length: 10 }, () => flight('ticket-1', work));
    gate.resolve('rendered');
    expect(await Promise.all(callers)).toEqual(Array(10).fill('rendered'));
    expect(runs).toBe(1);
  });

  it('runs different keys side by side', async () => {
    const flight = singleFlight<string>();
    const seen: string[] = [];
    await Promise.all(['a', 'b', 'c'].map((key) => flight(key, async () => (seen.push(key), key))));
    expect(seen.sort()).toEqual(['a', 'b', 'c']);
  });

  it('runs again after the work settled, also after a failure, which every waiting caller sees', async () => {
    const flight = singleFlight<string>();
    const gate = deferred<string>();
    const first = [flight('k', () => gate.promise), flight('k', () => Promise.resolve('other'))];
    gate.reject(new Error('render failed'));
    for (const caller of first) await expect(caller).rejects.toThrow('render failed');
    expect(await flight('k', () => Promise.resolve('second run'))).toBe('second run');
  });

  it('turns work that throws synchronously into a rejection', async () => {
    const flight = singleFlight<string>();
    await expect(
      flight('k', () => {
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
  });

  it('after a drop, starts new work for later callers while earlier ones keep theirs', async () => {
    const flight = singleFlight<string>();
    for (const drop of [() => flight.drop('k'), () => flight.drop()]) {
      const old = deferred<string>();
      const earlier = flight('k', () => old.promise);
      drop();
      const newer = deferred<string>();
      const later = flight('k', () => newer.promise);
      old.resolve('old');
      expect(await earlier).toBe('old');
      // The old work settling does not forget the newer one.
      const joined = flight('k', () => Promise.resolve('a third run'));
      newer.resolve('new');
      expect([await later, await joined]).toEqual(['new', 'new']);
    }
  });
});
