import { DeleteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import type { Job, JobPayload } from '@ticketbooth/core';
import { queryDueShards, transact, type Db, type TransactItem } from './db.js';
import { DUE_WORK_SHARDS, jobItem, keys, partitions, shardOf, toJob } from './items.js';
import { UpdateBuilder } from './update-builder.js';

const MAX_ERROR_LENGTH = 2000;

/** Puts for the outbox, to go into the same transaction as the change that needs them. */
export function jobPuts(db: Db, jobs: JobPayload[], now: string): TransactItem[] {
  return jobs.map((payload) => ({
    Put: { TableName: db.table, Item: jobItem(db.ids.newId('job'), payload, now), ConditionExpression: 'attribute_not_exists(pk)' },
  }));
}

export async function enqueueJobs(db: Db, jobs: JobPayload[], now: string): Promise<void> {
  for (let i = 0; i < jobs.length; i += 100) {
    await transact(db, jobPuts(db, jobs.slice(i, i + 100), now));
  }
}

/**
 * Leases due jobs: each is moved to `now + leaseMs` (and its attempts counted) on condition its
 * runAfter is still the one read, so two workers reading the same index page never both get a job.
 */
export async function claimJobs(db: Db, now: string, limit: number, leaseMs: number): Promise<Job[]> {
  const items = await queryDueShards(db, partitions.jobs, DUE_WORK_SHARDS, `${now}#\uffff`, limit);
  const leasedUntil = new Date(Date.parse(now) + leaseMs).toISOString();
  const claimed: Job[] = [];
  for (const item of items) {
    const job = toJob(item);
    const update = new UpdateBuilder()
      .set('runAfter', leasedUntil)
      .set('gsi3pk', partitions.jobs(shardOf(job.id)))
      .set('gsi3sk', `${leasedUntil}#${job.id}`)
      .add('attempts', 1)
      .condition('runAfter', '=', job.runAfter);
    try {
      const result = await db.doc.send(
        new UpdateCommand({ TableName: db.table, Key: keys.job(job.id), ...update.build(), ReturnValues: 'ALL_NEW' }),
      );
      claimed.push(toJob(result.Attributes!));
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  }
  return claimed;
}

export async function completeJob(db: Db, id: string): Promise<void> {
  await db.doc.send(new DeleteCommand({ TableName: db.table, Key: keys.job(id) }));
}

export async function retryJob(db: Db, id: string, runAfter: string, error: string): Promise<void> {
  const update = new UpdateBuilder()
    .set('runAfter', runAfter)
    .set('gsi3pk', partitions.jobs(shardOf(id)))
    .set('gsi3sk', `${runAfter}#${id}`)
    .set('lastError', error.slice(0, MAX_ERROR_LENGTH))
    .conditionExists('pk');
  try {
    await db.doc.send(new UpdateCommand({ TableName: db.table, Key: keys.job(id), ...update.build() }));
  } catch (e) {
    if (!(e instanceof ConditionalCheckFailedException)) throw e;
  }
}
