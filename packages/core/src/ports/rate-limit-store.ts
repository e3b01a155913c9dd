import type { RateLimitDecision, RateLimitKind } from '../rules/rate-limit.js';

/** Fixed-window counters per (kind, key), kept where every process and Lambda instance sees them. */
export interface RateLimitStore {
  /**
   * Counts one hit on (kind, key) in the current window of RATE_LIMITS[kind] unless the window's
   * count already refuses it (rateLimitDecision), in one atomic step: of max + 1 concurrent hits,
   * exactly max are allowed. A refused hit is not counted.
   */
  countRateLimitedHit(kind: RateLimitKind, key: string, now: string): Promise<RateLimitDecision>;
}
