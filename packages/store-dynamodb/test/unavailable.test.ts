import {
  ConditionalCheckFailedException,
  InternalServerError,
  ProvisionedThroughputExceededException,
  TransactionCanceledException,
} from '@aws-sdk/client-dynamodb';
import { DomainError } from '@ticketbooth/core';
import { describe, expect, it } from 'vitest';
import { answeringBusy } from '../src/unavailable.js';

const $metadata = { httpStatusCode: 400 };
const failingWith = (error: unknown) => answeringBusy({ call: async (): Promise<string> => Promise.reject(error) });
const busy = expect.objectContaining({ code: 'busy', details: { retryAfterSeconds: 1 } });

describe('a store whose DynamoDB stays unavailable through every retry', () => {
  it('answers busy (503 with Retry-After) when still throttled, timed out, failing inside or conflicting', async () => {
    const unavailable = [
      new ProvisionedThroughputExceededException({ message: 'throttled', $metadata }),
      Object.assign(new Error('socket timed out'), { name: 'TimeoutError' }),
      new InternalServerError({ message: 'timed out waiting for a lock', $metadata: { httpStatusCode: 500 } }),
      new TransactionCanceledException({ message: 'cancelled', $metadata, CancellationReasons: [{ Code: 'None' }, { Code: 'TransactionConflict' }] }),
    ];
    for (const error of unavailable) {
      const answer = failingWith(error).call();
      await expect(answer).rejects.toBeInstanceOf(DomainError);
      await expect(answer).rejects.toEqual(busy);
    }
  });

  it('passes any other error on as it is, and answers as the store does when nothing fails', async () => {
    const refused = new ConditionalCheckFailedException({ message: 'condition', $metadata });
    await expect(failingWith(refused).call()).rejects.toBe(refused);
    const invalid = new TransactionCanceledException({ message: 'cancelled', $metadata, CancellationReasons: [{ Code: 'ValidationError' }] });
    await expect(failingWith(invalid).call()).rejects.toBe(invalid);
    const bug = new TypeError('undefined is not a function');
    await expect(failingWith(bug).call()).rejects.toBe(bug);
    expect(await answeringBusy({ call: async (n: number) => n + 1 }).call(1)).toBe(2);
  });
});
