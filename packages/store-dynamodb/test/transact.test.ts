import { DynamoDBClient, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { transact, type Db } from '../src/db.js';

/**
 * DynamoDB Local serializes transactions and never answers TransactionConflict, so the retry path
 * is checked here against a fake that answers the way DynamoDB does under contention.
 */
const doc = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'us-east-1', credentials: { accessKeyId: 't', secretAccessKey: 't' } }));
const docMock = mockClient(doc);
const db: Db = { doc, table: 'ticketbooth' };
const items = [{ Put: { TableName: 'ticketbooth', Item: { pk: 'a', sk: 'b' } } }];

const cancelled = (...codes: string[]) =>
  new TransactionCanceledException({ message: 'Transaction cancelled', $metadata: {}, CancellationReasons: codes.map((Code) => ({ Code })) });

beforeEach(() => docMock.reset());

describe('transact', () => {
  it('retries a transaction that conflicted with another and commits it', async () => {
    docMock.on(TransactWriteCommand).rejectsOnce(cancelled('TransactionConflict', 'None')).rejectsOnce(cancelled('None', 'TransactionConflict')).resolves({});
    expect(await transact(db, items)).toEqual({ ok: true });
    expect(docMock.commandCalls(TransactWriteCommand)).toHaveLength(3);
  });

  it('answers failed conditions with their positions, without retrying', async () => {
    docMock.on(TransactWriteCommand).rejects(cancelled('ConditionalCheckFailed', 'None', 'ConditionalCheckFailed'));
    expect(await transact(db, items)).toEqual({ ok: false, failed: [0, 2] });
    expect(docMock.commandCalls(TransactWriteCommand)).toHaveLength(1);
  });

  it('gives up after a bounded number of conflicts', async () => {
    docMock.on(TransactWriteCommand).rejects(cancelled('TransactionConflict'));
    await expect(transact(db, items)).rejects.toBeInstanceOf(TransactionCanceledException);
    expect(docMock.commandCalls(TransactWriteCommand)).toHaveLength(13);
  }, 30_000);
});
