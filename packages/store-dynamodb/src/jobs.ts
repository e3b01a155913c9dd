import { randomUUID } from 'node:crypto';
import { DeleteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import type { FailedJob, Job, NewJob } from '@ticketbooth/core';
import { getItem, getItems, query, queryDueShards, transact, type Db, type TransactItem } from './db.js';
import { DUE_WORK_SHARDS, jobItem, keys, partitions, shardOf, sortable, toFailedJob, toJob, type Item } from './items.js';
import { UpdateBuilder } from './update-builder.js';

const MAX_ERROR_LENGTH = 2000;

/** Puts for the outbox, to go into the same transaction as the change that needs them. */
export function jobPuts(db: Db, jobs: NewJob[], now: string): TransactItem[] {
  return jobs.map((job) => ({
    Put: { TableName: db.table, Item: jobItem(job.id, job.payload, now), ConditionExpression: 'attribute_not_exists(pk)' },
  }));
}

export async function enqueueJobs(db: Db, jobs: NewJob[], now: string): Promise<void> {
  for (let i = 0; i < jobs.length; i += 100) {
    await transact(db, jobPuts(db, jobs.slice(i, i + 100), now));
  }
}

/**
 * Leases due jobs: each is moved to `now + leaseMs` (and its attempts counted) on condition its
 * runAfter is still the one read, so two workers reading the same index page never both get a job.
 * The lease carries a token of this claim: a lease applied whose answer was lost fails the SDK's
 * retry's condition, and reading the token back says the job is ours after all.
 */
export async function claimJobs(db: Db, now: string, limit: number, leaseMs: number): Promise<Job[]> {
  const items = await queryDueShards(db, partitions.jobs, DUE_WORK_SHARDS, `${now}#\uffff`, limit);
  return lease(db, items, now, leaseMs);
}

/** Reads the jobs themselves (consistently), so a job enqueued a moment ago is found. */
export async function claimJobsById(db: Db, ids: string[], now: string, leaseMs: number): Promise<Job[]> {
  const items = await getItems(db, ids.map((id) => keys.job(id)));
  return lease(db, items.filter((item) => item.failedAt === undefined && String(item.runAfter) <= now), now, leaseMs);
}

async function lease(db: Db, items: Item[], now: string, leaseMs: number): Promise<Job[]> {
  const leasedUntil = new Date(Date.parse(now) + leaseMs).toISOString();
  const leaseToken = randomUUID();
  const claimed: Job[] = [];
  for (const item of items) {
    const job = toJob(item);
    const update = new UpdateBuilder()
      .set('runAfter', leasedUntil)
      .set('gsi3pk', partitions.jobs(shardOf(job.id)))
      .set('gsi3sk', sortable(leasedUntil, job.id))
      .set('leaseToken', leaseToken)
      .add('attempts', 1)
      .condition('runAfter', '=', job.runAfter);
    try {
      const result = await db.doc.send(
        new UpdateCommand({ TableName: db.table, Key: keys.job(job.id), ...update.build(), ReturnValues: 'ALL_NEW' }),
      );
      claimed.push(toJob(result.Attributes!));
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      const current = await getItem(db, keys.job(job.id));
      if (current?.leaseToken === leaseToken) claimed.push(toJob(current));
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

/** Leaves the due-work index for good; joins the event's failed jobs (gsi2) when it concerns one. */
export async function failJob(db: Db, id: string, error: string, failedAt: string, eventId: string | null): Promise<void> {
  const update = new UpdateBuilder()
    .set('failedAt', failedAt)
    .set('eventId', eventId)
    .set('lastError', error.slice(0, MAX_ERROR_LENGTH))
    .remove('gsi3pk')
    .remove('gsi3sk')
    .conditionExists('pk');
  if (eventId) update.set('gsi2pk', partitions.eventFailedJobs(eventId)).set('gsi2sk', sortable(failedAt, id));
  try {
    await db.doc.send(new UpdateCommand({ TableName: db.table, Key: keys.job(id), ...update.build() }));
  } catch (e) {
    if (!(e instanceof ConditionalCheckFailedException)) throw e;
  }
}

export async function listFailedJobs(db: Db, eventId: string, limit: number): Promise<FailedJob[]> {
  const { items } = await query(db, {
    IndexName: 'gsi2',
    KeyConditionExpression: 'gsi2pk = :pk',
    ExpressionAttributeValues: { ':pk': partitions.eventFailedJobs(eventId) },
    ScanIndexForward: false,
    Limit: limit,
  });
  return items.map(toFailedJob);
}
