import { describe, expect, it } from 'vitest';
import { DomainError } from '@ticketbooth/core';
import { HashGate } from '../src/hash-gate.js';

/** A hash that finishes when the test says so. */
function heldHash() {
  let finish!: () => void;
  const done = new Promise<string>((resolve) => (finish = () => resolve('hashed')));
  let started = false;
  return { start: () => ((started = true), done), finish: () => finish(), started: () => started };
}

describe('hash gate', () => {
  it('runs at most `concurrency` hashes, queues up to `maxQueued`, and refuses the next as busy with a wait', async () => {
    const gate = new HashGate(1, 1);
    const first = heldHash();
    const second = heldHash();
    const running = gate.run(first.start);
    const queued = gate.run(second.start);
    const refused = await gate.run(async () => 'never').catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(DomainError);
    expect(refused).toMatchObject({ code: 'busy', details: { retryAfterSeconds: expect.any(Number) } });
    expect((refused as DomainError & { details: { retryAfterSeconds: number } }).details.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    await Promise.resolve();
    expect([first.started(), second.started()]).toEqual([true, false]);
    first.finish();
    expect(await running).toBe('hashed');
    await Promise.resolve();
    expect(second.started()).toBe(true);
    second.finish();
    expect(await queued).toBe('hashed');
    expect(await gate.run(async () => 'free again')).toBe('free again');
  });

  it('frees its slot when a hash fails', async () => {
    const gate = new HashGate(1, 0);
    await expect(gate.run(async () => Promise.reject(new Error('scrypt failed')))).rejects.toThrow('scrypt failed');
    expect(await gate.run(async () => 'next')).toBe('next');
  });

  it('a waiting login goes before waiting new passwords, and a full sign-up queue does not refuse it', async () => {
    const gate = new HashGate(1, 1);
    const order: string[] = [];
    const first = heldHash();
    const running = gate.run(first.start);
    const signUp = gate.run(async () => order.push('sign-up'));
    const refusedSignUp = await gate.run(async () => 'never').catch((e: DomainError) => e.code);
    const login = gate.run(async () => order.push('login'), 'login');
    first.finish();
    await Promise.all([running, signUp, login]);
    expect(refusedSignUp).toBe('busy');
    expect(order).toEqual(['login', 'sign-up']);
  });
});
