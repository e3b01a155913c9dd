import { describe, expect, it } from 'vitest';
import type { Measured } from './load.js';
import { costRatioOf, ratioOf, serverMicrosPerRequest } from './paired.js';

const run = (requestsPerSecond: number, clientCpu: number, serverCpu: number): Measured => ({
  requests: requestsPerSecond, seconds: 1, requestsPerSecond, latencyMs: { p50: 1, p90: 1, p99: 1, max: 1 }, clientCpu, serverCpu,
  statuses: {}, tally: {}, errors: 0, completedFlows: 0, lastCompletionMs: 0, bytesRead: 0, fillers: 0,
});

describe('the ratio to the bare baseline', () => {
  it('is Ticketbooth over bare when the bare server was saturated and the generator was not', () => {
    expect(ratioOf(run(4000, 0.3, 1), run(20_000, 0.85, 0.95))).toBe(0.2);
  });

  it('is refused as client-bound when the generator used 0.9 of a core in either run', () => {
    expect(ratioOf(run(4000, 0.3, 1), run(28_000, 0.97, 0.99))).toBe('client-bound');
    expect(ratioOf(run(4000, 0.9, 0.5), run(20_000, 0.5, 0.95))).toBe('client-bound');
  });

  it('is refused as unsaturated when neither the bare server nor the generator was the limit', () => {
    expect(ratioOf(run(30, 0.03, 0.14), run(200, 0.1, 0.08))).toBe('unsaturated');
  });
});

describe('the cost ratio to the bare baseline', () => {
  it("is the bare server's CPU per request over ours, client-bound or not", () => {
    expect(serverMicrosPerRequest(run(20_000, 0.9, 1))).toBe(50);
    expect(costRatioOf(run(20_000, 0.9, 1), run(25_000, 0.95, 0.5))).toBe(0.4);
  });

  it('is not given when a server CPU was not measured', () => {
    expect(costRatioOf(run(20_000, 0.9, 0), run(25_000, 0.95, 0.5))).toBeNull();
  });
});
