import { ConfiguredRetryStrategy } from '@smithy/core/retry';

/**
 * Attempts per DynamoDB request, the first included. The SDK's default of 3 gives up on one request
 * in a thousand when a tenth of them are throttled or time out; 8 leaves one in a hundred million.
 */
export const STORE_MAX_ATTEMPTS = 8;

/** Full jitter over 25 ms doubling to a 1 s cap: at most about 2.6 s of waiting in all. */
const backoffMs = (attempt: number): number => Math.random() * Math.min(1000, 25 * 2 ** (attempt - 1));

/**
 * The retry strategy for the DynamoDB client under the store: throttling, timeouts and 5xx are
 * retried by the SDK with the same request (a TransactWriteItems keeps its ClientRequestToken, so
 * one that was applied before its answer was lost is not applied twice). The SDK's own backoff
 * starts at 500 ms for throttling, too slow for a request a person is waiting on.
 */
export function storeRetryStrategy(): ConfiguredRetryStrategy {
  return new ConfiguredRetryStrategy(STORE_MAX_ATTEMPTS, backoffMs);
}
