import { DomainError } from '../errors.js';
import type { RateLimitKind } from '../rules/rate-limit.js';
import type { ServiceDeps } from './deps.js';

/** Counts the hit, or refuses with too_many_attempts (429) and how long to wait. */
export async function enforceRateLimit(deps: Pick<ServiceDeps, 'store' | 'clock'>, kind: RateLimitKind, key: string, message: string): Promise<void> {
  const decision = await deps.store.countRateLimitedHit(kind, key, deps.clock.now().toISOString());
  if (!decision.allowed) throw new DomainError('too_many_attempts', message, { retryAfterSeconds: decision.retryAfterSeconds });
}
