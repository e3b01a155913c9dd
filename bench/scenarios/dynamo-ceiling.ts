import { newJobs, randomIds, totals } from '@ticketbooth/core';
import { T0, makeEvent, makeRegistration, makeTickets } from '@ticketbooth/testkit';
import { createDynamoStore, createTables } from '../../packages/store-dynamodb/src/index.js';
import { counterShardKey } from '../../packages/store-dynamodb/src/counter-shards.js';
import { partitions } from '../../packages/store-dynamodb/src/items.js';
import { MAX_CONFLICT_RETRIES, conflictBackoffMs } from '../../packages/store-dynamodb/src/db.js';
import { STORE_MAX_ATTEMPTS, backoffMs } from '../../packages/store-dynamodb/src/retry.js';
import { startDynamoDbLocal } from '../../packages/store-dynamodb/test/support/dynamodb-local.js';
import { DynamoWriteRecorder } from '../lib/dynamo-recorder.js';
import { ceiling, type ModelOptions, type ModelRequest, type ModelRun, type ModelWrite, type RegistrationPattern } from '../lib/partition-model.js';

export const CEILING_SHARDS = [1, 4, 16, 64];
/** Spots per shard in the recorded sale: few, so shards run dry and rebalance as they would at a large event's end. */
const SPOTS_PER_SHARD = 20;
const CONCURRENCY = 32;

export interface DynamoCeilingRow {
  shards: number;
  /** The recorded sale on DynamoDB Local: free one-ticket registrations, 20 % more than the spots. */
  recorded: { spots: number; placements: number; placed: number; soldOut: number; oversold: number; requestsPerPlacement: number; transactionsPerPlacement: number };
  /** The model: only the counter items are limited. */
  counters: ModelRun | null;
  /** Every partition more than one registration writes, the event's index partitions included. */
  allPartitions: ModelRun | null;
  /** The same, with a transaction holding its items 10 ms instead of 2. */
  allPartitionsSlow: ModelRun | null;
  /** Every shared partition, 2 ms, a cancelled transaction charged its prepare (not documented either way). */
  allPartitionsCancelledCharged: ModelRun | null;
  /** The partition that took the most write units in the recorded sale, and its share. */
  hottest: { partition: string; share: number };
}

const modelOptions = (inFlightMs: number, instead: ModelOptions['instead'], chargeCancelledPrepare = false): ModelOptions => ({
  partitionWcuPerSecond: 1000,
  burstSeconds: 0.1,
  inFlightMs,
  thinkMs: 5,
  sdkMaxAttempts: STORE_MAX_ATTEMPTS,
  sdkBackoffMs: backoffMs,
  conflictRetries: MAX_CONFLICT_RETRIES,
  conflictBackoffMs,
  instead,
  chargeCancelledPrepare,
  random: Math.random,
});

/**
 * What the store's placement does when its counter shard is in another transaction
 * (registrations.ts, placeOnShards): the same transaction on a shard not tried yet, its
 * registration and tickets in that shard's index partitions. Null once every shard was tried,
 * or when the conflict was not on the counters: then it backs off.
 */
function moveToAnotherShard(eventId: string, shards: number): ModelOptions['instead'] {
  const shardPartitions = Array.from({ length: shards }, (_, i) => [
    counterShardKey(eventId, i).pk as string,
    `gsi2:${partitions.eventRegistrations(eventId, i)}`,
    `gsi2:${partitions.eventTickets(eventId, i)}`,
  ]);
  const slotOf = new Map(shardPartitions.flatMap((names, shard) => names.map((name, slot) => [name, { shard, slot }] as const)));
  const shardOf = (request: ModelRequest) => request.writes.map((w) => slotOf.get(w.partition)).find((s) => s?.slot === 0)?.shard;
  return (tried: ModelRequest[], conflicted: ModelWrite[]) => {
    const last = tried[tried.length - 1]!;
    if (!conflicted.some((w) => slotOf.get(w.partition)?.slot === 0)) return null;
    const used = new Set(tried.map(shardOf));
    const left = Array.from({ length: shards }, (_, i) => i).filter((i) => !used.has(i));
    if (left.length === 0) return null;
    const to = left[Math.floor(Math.random() * left.length)]!;
    const move = (w: ModelWrite): ModelWrite => {
      const at = slotOf.get(w.partition);
      return at ? { ...w, partition: shardPartitions[to]![at.slot]! } : w;
    };
    return { ...last, writes: last.writes.map(move) };
  };
}

async function pool<T>(count: number, concurrency: number, run: (i: number) => Promise<T>): Promise<T[]> {
  const results: T[] = new Array(count);
  let next = 0;
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < count) {
      const i = next++;
      results[i] = await run(i);
    }
  }));
  return results;
}

/** Each shard count's sale recorded against DynamoDB Local, then replayed through the partition model. */
export async function dynamoCeiling(quick: boolean): Promise<DynamoCeilingRow[]> {
  const local = await startDynamoDbLocal();
  const rows: DynamoCeilingRow[] = [];
  try {
    const tableName = `ticketbooth-bench-${randomIds.newId('run')}`;
    await createTables(local.client, tableName);
    const recorder = new DynamoWriteRecorder();
    const client = local.newClient();
    recorder.attach(client);
    for (const shards of quick ? [1, 16] : CEILING_SHARDS) {
      const store = createDynamoStore({ client, tableName, counterShards: shards });
      const spots = SPOTS_PER_SHARD * shards;
      const event = makeEvent({ capacity: spots });
      await store.insertEvent(event);
      const placements = Math.ceil(spots * 1.2);
      const recorded = await pool(placements, CONCURRENCY, (i) => {
        const registration = makeRegistration(event, { userId: `usr_bench_${shards}_${i}`, status: 'confirmed', holdExpiresAt: null, amountCents: 0 });
        const jobs = newJobs(randomIds, [{ kind: 'send_ticket_mail', registrationId: registration.id }]);
        return recorder.record(() => store.placeRegistration(registration, makeTickets(registration), jobs, T0, randomIds.newId('rk')));
      });
      const placed = recorded.filter((r) => r.result.ok);
      const { sold } = totals((await store.getEvent(event.id))!);
      const patterns: RegistrationPattern[] = placed.map((r) => r.requests);
      const counterPartitions = new Set(Array.from({ length: shards }, (_, i) => counterShardKey(event.id, i).pk as string));
      const countersOnly = patterns.map((p) => p.map((request) => ({ ...request, writes: request.writes.filter((w) => counterPartitions.has(w.partition)) })));
      const units = new Map<string, number>();
      for (const write of recorded.flatMap((r) => r.requests.flatMap((q) => q.writes))) units.set(write.partition, (units.get(write.partition) ?? 0) + write.wcu);
      const total = [...units.values()].reduce((a, b) => a + b, 0);
      const [hotPartition, hotUnits] = [...units].sort((a, b) => b[1] - a[1])[0]!;
      const requests = placed.flatMap((r) => r.requests);
      const instead = moveToAnotherShard(event.id, shards);
      rows.push({
        shards,
        recorded: {
          spots,
          placements,
          placed: placed.length,
          soldOut: recorded.filter((r) => !r.result.ok && r.result.reason === 'sold_out').length,
          oversold: Math.max(0, sold - spots, placed.length - spots),
          requestsPerPlacement: Math.round((requests.length / placed.length) * 100) / 100,
          transactionsPerPlacement: Math.round((requests.filter((q) => q.transactional).length / placed.length) * 100) / 100,
        },
        counters: ceiling(countersOnly, modelOptions(2, instead)).best,
        allPartitions: ceiling(patterns, modelOptions(2, instead)).best,
        allPartitionsSlow: ceiling(patterns, modelOptions(10, instead)).best,
        allPartitionsCancelledCharged: ceiling(patterns, modelOptions(2, instead, true)).best,
        hottest: { partition: hotPartition.replace(event.id, '<event>'), share: Math.round((hotUnits / total) * 100) / 100 },
      });
      console.log(`K = ${shards} recorded and modelled`);
    }
  } finally {
    await local.stop();
  }
  return rows;
}

const rate = (run: ModelRun | null) => (run ? `${run.completedPerSecond}/s (p99 ${run.latencyMs.p99} ms)` : 'none');

export function dynamoCeilingRow(row: DynamoCeilingRow): string {
  const r = row.recorded;
  return (
    `| DynamoDB ceiling, K = ${row.shards} | counters only ${rate(row.counters)}; all partitions ${rate(row.allPartitions)}; 10 ms in flight ${rate(row.allPartitionsSlow)}; cancelled tries charged ${rate(row.allPartitionsCancelledCharged)} | ` +
    `recorded: ${r.placed}/${r.placements} placed for ${r.spots} spots, sold_out ${r.soldOut}, oversold ${r.oversold}, ${r.transactionsPerPlacement} transactions per placement; hottest ${row.hottest.partition} (${Math.round(row.hottest.share * 100)} % of write units) |`
  );
}

export const dynamoCeilingRows = (rows: DynamoCeilingRow[]) => rows.map(dynamoCeilingRow).join('\n');
