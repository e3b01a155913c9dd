import { createHash } from 'node:crypto';
import type { Context } from 'hono';
import { DomainError, type Clock, type Principal, type Store } from '@ticketbooth/core';
import { domainErrorResponse } from './errors.js';

const KEY_PATTERN = /^[A-Za-z0-9_.:-]{1,255}$/;

/**
 * Stripe's Idempotency-Key semantics (invariant 4): the first response to a key is stored and
 * replayed for retries; the same key with a different body is refused. Scoped per user and
 * operation, so one user's key never collides with another's.
 */
export async function withIdempotency<R extends Response>(
  c: Context,
  { store, clock }: { store: Store; clock: Clock },
  principal: Principal,
  operation: string,
  body: unknown,
  run: () => Promise<R>,
): Promise<R> {
  const key = c.req.header('idempotency-key');
  if (key === undefined) return run();
  if (!KEY_PATTERN.test(key)) {
    throw new DomainError('validation_failed', 'Idempotency-Key must be 1 to 255 letters, digits or _ . : -', {
      fields: { 'Idempotency-Key': 'invalid' },
    });
  }
  const scope = `${principal.userId}|${operation}|${key}`;
  const requestHash = createHash('sha256').update(JSON.stringify(body ?? null)).digest('base64url');
  const begun = await store.beginIdempotent(scope, requestHash, clock.now().toISOString());
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
    response = await run();
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
