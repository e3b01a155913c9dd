import { GetItemCommand, TransactWriteItemsCommand, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTables } from '../src/index.js';
import { startDynamoDbLocal, type DynamoDbLocal } from './support/dynamodb-local.js';
import { injectFaults, noFaultCounts } from './support/faults.js';

const TABLE = 'ticketbooth-injector';

/**
 * The fault injector itself: what it draws must be something DynamoDB could answer, or the fault
 * run fails the store for the harness's mistakes. A retry of a transaction that was committed
 * (its first answer lost) carries the same ClientRequestToken, and DynamoDB answers that token
 * from its record of the run, never with a conflict.
 */
describe('fault injector', () => {
  let local: DynamoDbLocal;
  beforeAll(async () => {
    local = await startDynamoDbLocal();
    await createTables(local.client, TABLE);
  });
  afterAll(async () => {
    await local?.stop();
  });

  it('cancels for a conflict only transactions that applied nothing, and lets the SDK retry lost answers to success', async () => {
    const client = local.newClient();
    const counts = noFaultCounts();
    // Half of the attempts fail, so lost answers followed by a drawn conflict come dozens of times.
    injectFaults(client, { rate: 0.5, seed: 7 }, counts);
    const outcomes: Array<{ key: string; answer: 'ok' | 'conflict' | 'other' }> = [];
    for (let i = 0; i < 150; i++) {
      const key = `item#${i}`;
      const answer = await client
        .send(new TransactWriteItemsCommand({
          TransactItems: [{ Put: { TableName: TABLE, Item: { pk: { S: key }, sk: { S: key } }, ConditionExpression: 'attribute_not_exists(pk)' } }],
        }))
        .then(
          () => 'ok' as const,
          (error: unknown) => (error instanceof TransactionCanceledException && error.CancellationReasons?.[0]?.Code === 'TransactionConflict' ? 'conflict' : 'other'),
        );
      outcomes.push({ key, answer });
    }
    const conflicted = outcomes.filter((o) => o.answer === 'conflict');
    const written = await Promise.all(conflicted.map(async (o) => (await local.client.send(new GetItemCommand({ TableName: TABLE, Key: { pk: { S: o.key }, sk: { S: o.key } }, ConsistentRead: true }))).Item !== undefined));
    expect(conflicted.length).toBeGreaterThan(0);
    expect(written.filter(Boolean)).toEqual([]);
    // A committed transaction retried after its lost answer is answered as a success, never as its own condition failing.
    expect(counts.injected.timeoutAfterApply).toBeGreaterThan(0);
    expect(outcomes.filter((o) => o.answer === 'other')).toEqual([]);
  }, 120_000);
});
