import { MAX_COUNTER_SHARDS, counterShardsFor, splitAcross, type Event, type ShardRoom, type StoredEvent } from '@ticketbooth/core';
import { getItems, type Db, type TransactItem } from './db.js';
import { COUNTER_SHARD, EVENT_LEFT, counter, keys, type Item } from './items.js';
import { UpdateBuilder } from './update-builder.js';

/**
 * An event's spot counters split over K items, each owning a share of the room, so K partitions
 * take its registrations (one item takes about 1,000 write units a second, a transactional write
 * costs 2). Shard 0 is the event partition's `COUNTERS` item (an event from before shards is K = 1);
 * the others are items of their own partition key, since items of one key share one partition
 * until DynamoDB splits it for heat, which an on-sale's first minute cannot wait for.
 * Every shard carries the guard copies (status, endsAt, version) and the waiting list's join count;
 * reads sum the counters. A shard's `left` only falls by a write conditioned on it staying >= 0,
 * so the shards never give out more than the capacity between them.
 */

/** On shard 0 of a sharded event: how many shards it has (absent: 1). */
export const SHARD_COUNT = 'counterShards';
/** On a merged event item (getEventItem): the shards as read, in shard order. */
const SHARD_ITEMS = 'counterShardItems';

export function counterShardKey(eventId: string, shard: number): Item {
  return shard === 0 ? keys.eventCounters(eventId) : { pk: `EVENTCTR#${eventId}#${shard}`, sk: 'COUNTERS' };
}

const isCounter = (attribute: string) => attribute === EVENT_LEFT || /^(sold|held|left):/.test(attribute);
const num = (value: unknown) => (typeof value === 'number' ? value : 0);

/** The shards a new event gets: what its organizer asked for, else the store's setting, else what its capacity calls for. */
export function shardsForNewEvent(db: Db, event: Pick<StoredEvent, 'capacity' | 'counterShards'>): number {
  const shards = event.counterShards ?? db.counterShards ?? counterShardsFor(event.capacity);
  if (!Number.isInteger(shards) || shards < 1 || shards > MAX_COUNTER_SHARDS) throw new Error(`Counter shards must be 1 to ${MAX_COUNTER_SHARDS}, not ${shards}.`);
  return shards;
}

/** A new event's counter items: its capacity and each limited type's quantity split evenly. */
export function newCounterShards(event: Event, shards: number): Item[] {
  const left = splitAcross(event.capacity, shards);
  const typeLeft = new Map(event.ticketTypes.flatMap((tt) => (tt.quantity === null ? [] : [[tt.id, splitAcross(tt.quantity, shards)] as const])));
  return left.map((spots, shard) => {
    const item: Item = { ...counterShardKey(event.id, shard), type: 'event_counters', [EVENT_LEFT]: spots, status: event.status, endsAt: event.endsAt, version: 0 };
    if (shard === 0 && shards > 1) item[SHARD_COUNT] = shards;
    for (const tt of event.ticketTypes) {
      item[counter.sold(tt.id)] = 0;
      item[counter.held(tt.id)] = 0;
      const share = typeLeft.get(tt.id);
      if (share) item[counter.left(tt.id)] = share[shard];
    }
    return item;
  });
}

/** The counters as one item (summed over the shards, the rest from shard 0), remembering the shards. */
export async function readCounterShards(db: Db, eventId: string, first: Item): Promise<Item> {
  const count = num(first[SHARD_COUNT]) || 1;
  const rest = count > 1 ? await getItems(db, Array.from({ length: count - 1 }, (_, i) => counterShardKey(eventId, i + 1))) : [];
  if (rest.length !== count - 1) throw new Error(`Event ${eventId} is missing counter shards.`);
  const merged: Item = { ...first };
  for (const shard of rest) {
    for (const [attribute, value] of Object.entries(shard)) if (isCounter(attribute)) merged[attribute] = num(merged[attribute]) + num(value);
  }
  merged[SHARD_ITEMS] = [first, ...rest];
  return merged;
}

/** The shards of a merged event item, in shard order. */
export function shardItemsOf(item: Item): Item[] {
  return (item[SHARD_ITEMS] as Item[] | undefined) ?? [item];
}

/** Each shard's room as read: its spots and its share of each limited type. */
export function shardRooms(item: Item, event: Pick<Event, 'ticketTypes'>): ShardRoom[] {
  const limited = event.ticketTypes.filter((tt) => tt.quantity !== null);
  return shardItemsOf(item).map((shard) => ({
    left: num(shard[EVENT_LEFT]),
    typeLeft: Object.fromEntries(limited.map((tt) => [tt.id, num(shard[counter.left(tt.id)])])),
  }));
}

/** The shard a registration's spots are on. */
export function registrationShard(registration: Item): number {
  return num(registration[COUNTER_SHARD]);
}

/** One empty update per shard of the event as read, for a change that may touch several. */
export function shardUpdates(item: Item): UpdateBuilder[] {
  return shardItemsOf(item).map(() => new UpdateBuilder());
}

/** The same change on every shard (guard copies, a join's count). */
export function onEveryShard(db: Db, eventId: string, item: Item, change: (update: UpdateBuilder, shard: number) => UpdateBuilder): TransactItem[] {
  return shardWrites(db, eventId, shardUpdates(item).map(change));
}

/** The writes of the shards that change or are checked: an update, or only a check when a shard's update changes nothing. */
export function shardWrites(db: Db, eventId: string, updates: UpdateBuilder[]): TransactItem[] {
  return updates.flatMap((update, shard) => (update.isEmpty() ? [] : [counterShardWrite(db, eventId, shard, update)]));
}

export function counterShardWrite(db: Db, eventId: string, shard: number, update: UpdateBuilder): TransactItem {
  const Key = counterShardKey(eventId, shard);
  const { UpdateExpression, ...rest } = update.build();
  if (UpdateExpression) return { Update: { TableName: db.table, Key, UpdateExpression, ...rest } };
  return {
    ConditionCheck: {
      TableName: db.table,
      Key,
      ConditionExpression: rest.ConditionExpression!,
      ExpressionAttributeNames: rest.ExpressionAttributeNames,
      ExpressionAttributeValues: rest.ExpressionAttributeValues,
    },
  };
}
