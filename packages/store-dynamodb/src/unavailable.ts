import { isServerError, isThrottlingError, isTransientError } from '@smithy/core/retry';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { DomainError } from '@ticketbooth/core';
import { wrapMethods } from './wrap-methods.js';

/** Why a transaction was cancelled when it may go through if tried again. */
export const TRANSIENT_CANCELLATIONS: ReadonlySet<string> = new Set(['TransactionConflict', 'ThrottlingError', 'ProvisionedThroughputExceeded']);

/** An error DynamoDB gives when it is overloaded or out of reach: the same request may succeed later. */
export function isUnavailable(error: unknown): boolean {
  if (error instanceof TransactionCanceledException) return (error.CancellationReasons ?? []).some((r) => TRANSIENT_CANCELLATIONS.has(r.Code ?? ''));
  if (!(error instanceof Error)) return false;
  const sdkError = error as Parameters<typeof isTransientError>[0];
  return error.name === 'TransactionConflictException' || isThrottlingError(sdkError) || isTransientError(sdkError) || isServerError(sdkError);
}

/**
 * The store's methods, with an unavailable DynamoDB (still throttled, timed out or conflicting
 * after every retry) answered as `busy`, which the API sends as 503 with Retry-After, not a 500.
 */
export function answeringBusy<T extends object>(methods: T): T {
  return wrapMethods(methods, (method) => (...args) =>
    method(...args).catch((error: unknown) => {
      if (!isUnavailable(error)) throw error;
      throw new DomainError('busy', 'The ticket store is overloaded right now; please try again in a moment.', { retryAfterSeconds: 1 });
    }),
  );
}
