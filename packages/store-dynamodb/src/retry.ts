import type { StandardRetryStrategy } from '@smithy/core/retry';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Attempts per DynamoDB request, the first included. The SDK's default of 3 gives up on one request
 * in a thousand when a tenth of them are throttled or time out; 8 leaves one in a hundred million.
 */
export const STORE_MAX_ATTEMPTS = 8;

/** Full jitter over 25 ms doubling to a 1 s cap: at most about 2.6 s of waiting in all. */
export const backoffMs = (retry: number): number => Math.random() * Math.min(1000, 25 * 2 ** (retry - 1));

/** What the SDK asks of a retry strategy (RetryStrategyV2). */
export type StoreRetryStrategy = Pick<StandardRetryStrategy, 'acquireInitialRetryToken' | 'refreshRetryTokenForRetry' | 'recordSuccess'>;

const token = (retries: number, delayMs: number) => ({ getRetryCount: () => retries, getRetryDelay: () => delayMs, getRetryCost: () => undefined });

/**
 * The retry strategy for the DynamoDB client under the store: throttling, timeouts and 5xx are
 * retried by the SDK with the same request (a TransactWriteItems keeps its ClientRequestToken, so
 * one applied before its answer was lost is not applied twice), bounded by attempts and backoff.
 * Unlike the SDK's standard strategy it keeps no retry quota shared by the client's requests: in
 * an on-sale rush hundreds of requests are throttled at once, the quota runs dry, and each then
 * fails on its first throttle, just when a short wait would let it through. Its backoff also starts
 * at 500 ms for throttling, too slow for a request a person is waiting on.
 */
export function storeRetryStrategy(): StoreRetryStrategy {
  return {
    acquireInitialRetryToken: async () => token(0, 0),
    refreshRetryTokenForRetry: async (previous, { errorType, error }) => {
      const retries = previous.getRetryCount() + 1;
      if (errorType === 'CLIENT_ERROR' || retries >= STORE_MAX_ATTEMPTS) throw error ?? new Error('Not retried.');
      const delayMs = backoffMs(retries);
      await sleep(delayMs);
      return token(retries, delayMs);
    },
    recordSuccess: () => {},
  };
}
