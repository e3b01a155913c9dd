import type { RoomNeeded } from './placement.js';

/**
 * Sharded spot counters (a store that splits an event's counters over K items, as DynamoDB does to
 * pass one item's write ceiling): how many shards an event gets, which shard an order goes to, and
 * how spots move between shards. Every shard's room only ever falls by a conditional write, so
 * the shards between them never give out more than the capacity.
 */

/** Spots a shard owns at least when the count is chosen from the capacity: fewer means rebalancing soon. */
export const SPOTS_PER_COUNTER_SHARD = 250;
/** Most shards chosen from the capacity alone (16 x ~500 registrations/s). */
export const MAX_CHOSEN_COUNTER_SHARDS = 16;
/** Most shards an event may have: every edit writes all of them in one transaction of at most 100 items. */
export const MAX_COUNTER_SHARDS = 64;

/** The room one shard has: its spots, and its share of each limited ticket type's quantity. */
export interface ShardRoom {
  left: number;
  typeLeft: Record<string, number>;
}

/** Shards for an event of this capacity: one per 250 spots, from 1 to 16. */
export function counterShardsFor(capacity: number): number {
  return Math.min(MAX_CHOSEN_COUNTER_SHARDS, Math.max(1, Math.floor(capacity / SPOTS_PER_COUNTER_SHARD)));
}

/** `total` split over `shards` as evenly as whole spots allow (the first shards get the remainder). */
export function splitAcross(total: number, shards: number): number[] {
  const base = Math.floor(total / shards);
  const rest = total - base * shards;
  return Array.from({ length: shards }, (_, i) => base + (i < rest ? 1 : 0));
}

/** `amount` taken from the shards' `available` room, from `first` on and then in shard order; what does not fit is put on `first` (its condition then fails). */
export function spreadTake(available: readonly number[], amount: number, first: number): number[] {
  const takes = available.map(() => 0);
  let owed = amount;
  for (let step = 0; step < available.length && owed > 0; step++) {
    const shard = (first + step) % available.length;
    const take = Math.min(owed, Math.max(0, available[shard]!));
    takes[shard] = take;
    owed -= take;
  }
  takes[first]! += owed;
  return takes;
}

function fits(room: ShardRoom, needed: RoomNeeded): boolean {
  return room.left >= needed.total && needed.lines.every((l) => !l.limited || (room.typeLeft[l.ticketTypeId] ?? 0) >= l.quantity);
}

export type ShardPlacement =
  /** Try the shards in this order (every one of them fitted the order as read). */
  | { kind: 'shards'; order: number[] }
  /** No shard fits but the shards together do: move spots (`moves[i]`: shard i's change) so `target` fits, then place there. */
  | { kind: 'rebalance'; target: number; moves: ShardRoom[] }
  /** The shards together cannot fit the order: it is refused (the store explains why). */
  | { kind: 'full' };

/**
 * Where an order goes: the shards that fit it in random order (a random one first spreads
 * concurrent buyers over the shards); when none fits but the sum does, a rebalancing towards the
 * shard with the most room, taking from the others in turn.
 */
export function placeShard(rooms: readonly ShardRoom[], needed: RoomNeeded, random: () => number = Math.random): ShardPlacement {
  const fitting = rooms.flatMap((room, shard) => (fits(room, needed) ? [shard] : []));
  if (fitting.length > 0) return { kind: 'shards', order: shuffled(fitting, random) };
  const sum = (pick: (room: ShardRoom) => number) => rooms.reduce((n, room) => n + pick(room), 0);
  const limited = needed.lines.filter((l) => l.limited);
  if (sum((r) => r.left) < needed.total || limited.some((l) => sum((r) => r.typeLeft[l.ticketTypeId] ?? 0) < l.quantity)) return { kind: 'full' };

  const target = rooms.reduce((best, room, shard) => (room.left > rooms[best]!.left ? shard : best), 0);
  const moves: ShardRoom[] = rooms.map(() => ({ left: 0, typeLeft: {} }));
  const move = (read: (room: ShardRoom) => number, apply: (change: ShardRoom, delta: number) => void, wanted: number) => {
    const short = wanted - read(rooms[target]!);
    if (short <= 0) return;
    const donors = rooms.map((room, shard) => (shard === target ? 0 : read(room)));
    const takes = spreadTake(donors, short, (target + 1) % rooms.length);
    takes.forEach((take, shard) => take > 0 && apply(moves[shard]!, -take));
    apply(moves[target]!, short);
  };
  move((r) => r.left, (change, delta) => (change.left += delta), needed.total);
  for (const line of limited) {
    const id = line.ticketTypeId;
    move((r) => r.typeLeft[id] ?? 0, (change, delta) => (change.typeLeft[id] = (change.typeLeft[id] ?? 0) + delta), line.quantity);
  }
  return { kind: 'rebalance', target, moves };
}

function shuffled<T>(list: readonly T[], random: () => number): T[] {
  const out = [...list];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}
