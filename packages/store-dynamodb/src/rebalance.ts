import type { ShardRoom } from '@ticketbooth/core';
import { transact, type Db } from './db.js';
import { shardUpdates, shardWrites } from './counter-shards.js';
import { EVENT_LEFT, counter, type Item } from './items.js';

/**
 * Moves spots between an event's counter shards in one transaction (placeShard's `moves`: each
 * shard's change), each shard it takes from on condition it still has them, every shard on the
 * event's version as read (an edit meanwhile may have re-keyed the type counters). Whether it
 * committed does not matter to the caller: it reads the shards again either way.
 */
export async function rebalanceShards(db: Db, eventId: string, item: Item, moves: readonly ShardRoom[]): Promise<boolean> {
  const updates = shardUpdates(item);
  moves.forEach((move, shard) => {
    const update = updates[shard]!;
    const changes: [string, number][] = [[EVENT_LEFT, move.left], ...Object.entries(move.typeLeft).map(([id, delta]): [string, number] => [counter.left(id), delta])];
    for (const [attribute, delta] of changes) {
      if (delta === 0) continue;
      update.add(attribute, delta);
      if (delta < 0) update.condition(attribute, '>=', -delta);
    }
    if (!update.isEmpty()) update.condition('version', '=', item.version);
  });
  return (await transact(db, shardWrites(db, eventId, updates))).ok;
}
