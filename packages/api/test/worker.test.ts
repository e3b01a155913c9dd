import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { systemClock, type Services } from '@ticketbooth/core';
import { capturingLogger } from '@ticketbooth/testkit';
import { startWorker } from '../src/worker.js';

/** The upkeep calls the worker makes, each counting its calls; nothing is ever due but the outbox. */
function upkeep() {
  const calls = { expireHolds: 0, drain: 0 };
  const services = {
    // The system clock reads Date, which the tests fake with the timers.
    deps: { settings: { maxRequestSeconds: 30 }, clock: systemClock },
    registrations: { expireHolds: async () => (calls.expireHolds++, 0) },
    waitlist: { expireOffers: async () => 0 },
    payments: { reconcile: async () => 0 },
    jobs: { drain: async () => (calls.drain++, 0) },
  } as unknown as Services;
  return { services, calls };
}

describe('the background worker', () => {
  beforeEach(() => vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'Date'] }));
  afterEach(() => vi.useRealTimers());

  it('lets the outbox wait while requests come, up to its bound, but keeps expiring holds', async () => {
    const { services, calls } = upkeep();
    let requests = true;
    const worker = startWorker(services, capturingLogger([]), { intervalMs: 1000, requestsCame: () => requests, outboxMaxWaitMs: 5000 });
    await vi.advanceTimersByTimeAsync(4000);
    expect(calls).toEqual({ expireHolds: 4, drain: 0 });
    await vi.advanceTimersByTimeAsync(1000);
    expect(calls.drain).toBe(1); // 5 s since it last ran: it runs though requests keep coming
    await vi.advanceTimersByTimeAsync(1000);
    expect(calls.drain).toBe(1);
    requests = false;
    await vi.advanceTimersByTimeAsync(1000);
    expect(calls.drain).toBe(2); // no request came: at once
    await vi.advanceTimersByTimeAsync(1000);
    expect(calls.drain).toBe(3);
    await worker.stop();
  });

  it('drains the outbox every tick when nothing tells it of requests', async () => {
    const { services, calls } = upkeep();
    const worker = startWorker(services, capturingLogger([]), { intervalMs: 1000 });
    await vi.advanceTimersByTimeAsync(3000);
    expect(calls.drain).toBe(3);
    await worker.stop();
  });
});
