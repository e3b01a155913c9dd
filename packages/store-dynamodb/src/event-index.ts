import type { QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { decodeCursor, encodeCursor, getItem, queryAll, queryPage, queryUpTo, type Db } from './db.js';
import { SHARD_COUNT } from './counter-shards.js';
import { keys, type Item } from './items.js';

/**
 * An event's registrations and tickets sit in index partitions split as its counters are (each
 * registration and its tickets in its counter shard's), since every registration writes them and
 * an index partition takes about 1,000 writes/s, as an item does. Readers query every shard.
 */
type EventPartition = (eventId: string, shard: number) => string;
type QueryInput = Omit<QueryCommandInput, 'TableName' | 'ExclusiveStartKey'>;

/** How many index partitions the event's registrations and tickets are split over (1 for an event not found). */
async function indexShardsOf(db: Db, eventId: string): Promise<number> {
  const counters = await getItem(db, keys.eventCounters(eventId));
  return typeof counters?.[SHARD_COUNT] === 'number' ? counters[SHARD_COUNT] : 1;
}

/** Every item of the event's index partitions, in sort-key order across the shards (`order`: an item's sort key, for a projection without gsi2sk). */
export async function queryEventIndex(
  db: Db,
  eventId: string,
  partition: EventPartition,
  input: (pk: string) => QueryInput,
  order: (item: Item) => string = (item) => String(item.gsi2sk),
): Promise<Item[]> {
  const shards = await indexShardsOf(db, eventId);
  const pages = await Promise.all(Array.from({ length: shards }, (_, shard) => queryAll(db, input(partition(eventId, shard)))));
  return shards === 1 ? pages[0]! : pages.flat().sort((a, b) => order(a).localeCompare(order(b)));
}

/**
 * One page of the event's index partitions, newest first: each shard is queried for a page older
 * than the cursor's sort key, the pages merged and cut at `limit`.
 */
export async function queryEventIndexPage(db: Db, eventId: string, partition: EventPartition, limit: number, cursor?: string): Promise<{ items: Item[]; nextCursor: string | null }> {
  const shards = await indexShardsOf(db, eventId);
  const byPartition = (pk: string) => ({ IndexName: 'gsi2', KeyConditionExpression: 'gsi2pk = :pk', ExpressionAttributeValues: { ':pk': pk }, ScanIndexForward: false });
  const indexKeys = ['gsi2pk', 'gsi2sk'];
  if (shards === 1) return queryPage(db, byPartition(partition(eventId, 0)), indexKeys, limit, cursor);
  const before = decodeCursor(cursor)?.gsi2sk;
  const pages = await Promise.all(
    Array.from({ length: shards }, async (_, shard) => {
      const input = byPartition(partition(eventId, shard));
      const older = typeof before === 'string' ? { KeyConditionExpression: 'gsi2pk = :pk AND gsi2sk < :before', ExpressionAttributeValues: { ...input.ExpressionAttributeValues, ':before': before } } : {};
      // Each shard's whole limit + 1, past 1 MB pages: a shard cut short would let older items of
      // the others into the page and the cursor pass over its newer ones.
      return queryUpTo(db, { ...input, ...older }, limit + 1);
    }),
  );
  const merged = pages.flat().sort((a, b) => String(b.gsi2sk).localeCompare(String(a.gsi2sk)));
  const items = merged.slice(0, limit);
  return { items, nextCursor: merged.length > limit ? encodeCursor(items.at(-1)!, indexKeys) : null };
}
