import { randomUUID } from 'node:crypto';
import { DeleteCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import type { IdempotencyBegin, IdempotencyKeyState, IdempotencyTimes } from '@ticketbooth/core';
import { getItem, type Db } from './db.js';
import { keys } from './items.js';
import { TTL_ATTRIBUTE } from './schema.js';

/**
 * The first request with a key puts its record (if absent or past its retention; TTL deletion lags
 * by up to days, so the condition does not wait for it); later ones read it. A record left started
 * for `leaseMs` is taken over by a conditional update on the start time read, so one wins.
 * Each write carries a token of this call: when a write was applied but its answer lost, the SDK's
 * retry fails the condition, and finding the token in the record says the write was ours.
 */
export async function beginIdempotent(db: Db, scope: string, requestHash: string, now: string, { leaseMs, retentionMs }: IdempotencyTimes): Promise<IdempotencyBegin> {
  const nowSeconds = Math.floor(Date.parse(now) / 1000);
  const writeToken = randomUUID();
  try {
    await db.doc.send(
      new PutCommand({
        TableName: db.table,
        Item: { ...keys.idempotency(scope), requestHash, state: 'started', createdAt: now, writeToken, [TTL_ATTRIBUTE]: nowSeconds + Math.floor(retentionMs / 1000) },
        ConditionExpression: 'attribute_not_exists(pk) OR #ttl <= :now',
        ExpressionAttributeNames: { '#ttl': TTL_ATTRIBUTE },
        ExpressionAttributeValues: { ':now': nowSeconds },
      }),
    );
    return { state: 'started' };
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
  }
  const record = await getItem(db, keys.idempotency(scope));
  // Abandoned between our put and this read: the caller may retry and win the put.
  if (!record) return { state: 'in_progress' };
  if (record.writeToken === writeToken) return { state: 'started' };
  if (record.requestHash !== requestHash) return { state: 'mismatch' };
  if ((record.state as IdempotencyKeyState) === 'completed') return { state: 'replay', status: record.status as number, body: record.body as string };
  const startedAt = record.createdAt as string;
  if (Date.parse(startedAt) + leaseMs > Date.parse(now)) return { state: 'in_progress' };
  try {
    await db.doc.send(
      new UpdateCommand({
        TableName: db.table,
        Key: keys.idempotency(scope),
        UpdateExpression: 'SET createdAt = :now, writeToken = :token',
        ConditionExpression: '#state = :started AND createdAt = :startedAt',
        ExpressionAttributeNames: { '#state': 'state' },
        ExpressionAttributeValues: { ':now': now, ':token': writeToken, ':started': 'started', ':startedAt': startedAt },
      }),
    );
    return { state: 'stale' };
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
    const taken = await getItem(db, keys.idempotency(scope));
    return { state: taken?.writeToken === writeToken ? 'stale' : 'in_progress' };
  }
}

export async function completeIdempotent(db: Db, scope: string, status: number, body: string): Promise<void> {
  await db.doc.send(
    new UpdateCommand({
      TableName: db.table,
      Key: keys.idempotency(scope),
      UpdateExpression: 'SET #state = :completed, #status = :status, body = :body',
      ExpressionAttributeNames: { '#state': 'state', '#status': 'status' },
      ExpressionAttributeValues: { ':completed': 'completed', ':status': status, ':body': body },
    }),
  );
}

export async function abandonIdempotent(db: Db, scope: string): Promise<void> {
  await db.doc.send(
    new DeleteCommand({
      TableName: db.table,
      Key: keys.idempotency(scope),
      ConditionExpression: '#state = :started',
      ExpressionAttributeNames: { '#state': 'state' },
      ExpressionAttributeValues: { ':started': 'started' },
    }),
  ).catch((error: unknown) => {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
  });
}
