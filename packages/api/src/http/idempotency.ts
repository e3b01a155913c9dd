import { createHash } from 'node:crypto';
import type { Context } from 'hono';
import { DomainError, presumedDeadAfterMs, type Clock, type Principal, type ServiceSettings, type Store } from '@ticketbooth/core';
import { domainErrorResponse } from './errors.js';

const KEY_PATTERN = /^[A-Za-z0-9_.:-]{1,255}$/;
/** Keys are remembered for a day, as Stripe's are; then a key may be used again. */
const RETENTION_MS = 24 * 60 * 60_000;

/** What a keyed request's handler needs to know to be safe to run again. */
export interface IdempotentAttempt {
  /**
   * Unique per request (the key's scope and the body's hash): an opaque id to record with what the
   * request writes. With the hash, a key used again for another request after its retention makes
   * new work rather than finding the old.
   */
  requestKey: string | undefined;
  /** This attempt took over a key whose first request died mid-way: its work may be done already. */
  resumed: boolean;
}

/**
 * Stripe's Idempotency-Key semantics (invariant 4): the first response to a key is stored and
 * replayed for retries; the same key with a different body is refused. Scoped per user and
 * operation, so one user's key never collides with another's. A key left in progress by a
 * request that died (a crash) is taken over by a retry once its lease has run out.
 */
export async function withIdempotency<R extends Response>(
  c: Context,
  { store, clock, settings }: { store: Store; clock: Clock; settings: ServiceSettings },
  principal: Principal,
  operation: string,
  body: unknown,
  run: (attempt: IdempotentAttempt) => Promise<R>,
): Promise<R> {
  const key = c.req.header('idempotency-key');
  if (key === undefined) return run({ requestKey: undefined, resumed: false });
  if (!KEY_PATTERN.test(key)) {
    throw new DomainError('validation_failed', 'Idempotency-Key must be 1 to 255 letters, digits or _ . : -', {
      fields: { 'Idempotency-Key': 'invalid' },
    });
  }
  const scope = `${principal.userId}|${operation}|${key}`;
  const requestHash = createHash('sha256').update(JSON.stringify(body ?? null)).digest('base64url');
  const begun = await store.beginIdempotent(scope, requestHash, clock.now().toISOString(), {
    leaseMs: presumedDeadAfterMs(settings),
    retentionMs: RETENTION_MS,
  });
  if (begun.state === 'replay') {
    // A replay is byte-for-byte the first answer, so it stands in for the handler's typed response.
    return new Response(begun.body, {
      status: begun.status,
      headers: { 'content-type': 'application/json; charset=UTF-8', 'idempotent-replayed': 'true' },
    }) as R;
  }
  if (begun.state === 'mismatch') {
    throw new DomainError('idempotency_key_reused', 'This Idempotency-Key was already used with a different request.');
  }
  if (begun.state === 'in_progress') {
    throw new DomainError('idempotency_in_progress', 'A request with this Idempotency-Key is still being processed.');
  }
  let response: R;
  try {
    response = await run({ requestKey: `${scope}|${requestHash}`, resumed: begun.state === 'stale' });
  } catch (error) {
    // Unexpected failures and "still in progress" are not answers: forget the key so a retry runs.
    if (!(error instanceof DomainError) || error.code === 'idempotency_in_progress') {
      await store.abandonIdempotent(scope);
      throw error;
    }
    response = domainErrorResponse(c, error) as R;
  }
  if (response.status >= 500) await store.abandonIdempotent(scope);
  else await store.completeIdempotent(scope, response.status, await response.clone().text());
  return response;
}
