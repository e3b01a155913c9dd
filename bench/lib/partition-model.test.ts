import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../packages/store-dynamodb/test/support/faults.js';
import { simulate, type ModelOptions, type RegistrationPattern } from './partition-model.js';

const options: ModelOptions = {
  partitionWcuPerSecond: 1000,
  burstSeconds: 0.1,
  inFlightMs: 2,
  thinkMs: 0,
  sdkMaxAttempts: 8,
  sdkBackoffMs: () => 5,
  conflictRetries: 12,
  conflictBackoffMs: () => 5,
  random: seededRandom(7),
};
/** Registrations that each write one of `items` counter items in a transaction (2 WCU), plus an item of their own. */
const onItems = (items: number, count = 64): RegistrationPattern[] =>
  Array.from({ length: count }, (_, i) => [{ transactional: true, writes: [{ partition: `C#${i % items}`, wcu: 2, held: true }, { partition: `R#${i}`, wcu: 2, held: true }] }]);

describe('the partition model', () => {
  it('keeps up with half of what one hot item takes', () => {
    const run = simulate(onItems(1), 250, 2, options);
    expect(run.busy).toBe(0);
    expect(run.completed).toBe(run.registrations);
  });

  it('cannot pass 500 transactional writes a second on one item, however much is offered', () => {
    const run = simulate(onItems(1), 2000, 2, options);
    expect(run.completedPerSecond).toBeLessThanOrEqual(500);
  });

  it('spreads the same offer over several items', () => {
    expect(simulate(onItems(8), 2000, 2, options).completedPerSecond).toBeGreaterThan(1500);
  });

  it("leaves out each registration's own partitions (those no other recorded registration wrote), however often it is replayed", () => {
    const run = simulate(onItems(1, 1), 2000, 1, options);
    expect(run.throttled + run.conflicts).toBe(0);
  });
});

describe("the partition model's moves on a conflict", () => {
  /** One counter item of 8 taken by each registration; on a conflict, the next item not tried yet. */
  const nextItem: ModelOptions['instead'] = (tried, conflicted) => {
    if (!conflicted.some((w) => w.partition.startsWith('C#')) || tried.length >= 8) return null;
    const last = tried[tried.length - 1]!;
    const at = Number(last.writes.find((w) => w.partition.startsWith('C#'))!.partition.slice(2));
    return { ...last, writes: last.writes.map((w) => (w.partition.startsWith('C#') ? { ...w, partition: `C#${(at + 1) % 8}` } : w)) };
  };

  it('sends the request the store sends instead, at once, in place of backing off', () => {
    const backingOff = simulate(onItems(8), 2000, 2, { ...options, conflictBackoffMs: () => 20, random: seededRandom(3) });
    const moving = simulate(onItems(8), 2000, 2, { ...options, conflictBackoffMs: () => 20, instead: nextItem, random: seededRandom(3) });
    expect(moving.latencyMs.p99).toBeLessThan(backingOff.latencyMs.p99);
    expect(moving.completed).toBe(moving.registrations);
  });

  it('still cannot pass what the items take between them', () => {
    expect(simulate(onItems(8), 8000, 2, { ...options, instead: nextItem }).completedPerSecond).toBeLessThanOrEqual(8 * 500);
  });
});

describe("the partition model's charge for cancelled transactions", () => {
  it('takes the prepare of a cancelled transaction from its items when told to, so a hot item throttles sooner', () => {
    const free = simulate(onItems(1), 450, 2, { ...options, random: seededRandom(5) });
    const charged = simulate(onItems(1), 450, 2, { ...options, chargeCancelledPrepare: true, random: seededRandom(5) });
    expect(free.throttled).toBe(0);
    expect(charged.throttled).toBeGreaterThan(0);
  });
});
