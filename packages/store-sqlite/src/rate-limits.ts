import { RATE_LIMITS, rateLimitDecision, rateWindowStart, type RateLimitStore } from '@ticketbooth/core';
import type { Sql } from './db.js';

/**
 * One row per (kind, key): the current window's start and hits, read and counted in one BEGIN
 * IMMEDIATE transaction, so concurrent hits from any connection are counted one after another.
 */
export function sqliteRateLimits(sql: Sql): RateLimitStore {
  const { q, immediate } = sql;
  return {
    async countRateLimitedHit(kind, key, now) {
      const limit = RATE_LIMITS[kind];
      const at = new Date(now);
      const windowStart = rateWindowStart(limit, at);
      return immediate(() => {
        const row = q('SELECT window_start, hits FROM rate_limit_counters WHERE kind = ? AND key = ?').get(kind, key) as { window_start: string; hits: number } | undefined;
        const decision = rateLimitDecision(limit, row?.window_start === windowStart ? row.hits : 0, at);
        if (!decision.allowed) return decision;
        const expiresAt = new Date(Date.parse(windowStart) + limit.windowMs).toISOString();
        q(`INSERT INTO rate_limit_counters (kind, key, window_start, hits, expires_at) VALUES (?, ?, ?, 1, ?)
           ON CONFLICT (kind, key) DO UPDATE SET
             hits = CASE WHEN window_start = excluded.window_start THEN hits + 1 ELSE 1 END,
             window_start = excluded.window_start, expires_at = excluded.expires_at`).run(kind, key, windowStart, expiresAt);
        // Counters of ended windows count nothing any more: dropped as they end, so the table stays small.
        q('DELETE FROM rate_limit_counters WHERE expires_at <= ?').run(now);
        return decision;
      });
    },
  };
}
