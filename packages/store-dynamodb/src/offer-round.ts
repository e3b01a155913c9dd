import { isOnSale, offerHasLapsed, offersToMake, spreadTake, type Event, type Room, type WaitlistEntry } from '@ticketbooth/core';

/** What a round reads of the event, as the caller's writes leave it. */
export type EventAfter = Room & Pick<Event, 'id' | 'status' | 'endsAt'>;
import type { Db, TransactItem } from './db.js';
import { shardItemsOf, shardWrites } from './counter-shards.js';
import { EVENT_LEFT, counter, type Item } from './items.js';
import type { UpdateBuilder } from './update-builder.js';
import { WAITLISTED, WAITLIST_JOINS, entryLeavesItems, liveEntriesOf, offerItems, waitlistPartitions } from './waitlist-offers.js';

/** DynamoDB's most items in one TransactWriteItems. */
export const MAX_TRANSACT_ITEMS = 100;
const ENDING_ITEMS = 2;
const OFFER_ITEMS = 3;

/**
 * The waiting list's share of a transaction that gives spots back (a cancellation, a refund, an
 * expired hold, a raised capacity, a leaver or a lapsed offer), so it is one TransactWriteItems as
 * it is one SQLite transaction. Why inside and not after: spots given back first and offered in a
 * later transaction are free in between, so a walk-in placement takes them ahead of the people
 * waiting, and a process that dies in between never makes the offer. A placement rule that refused
 * walk-ins owed to the list would need every placement to read the list, and a sweep to repair the
 * crash; with the offers in the release's own transaction neither is needed.
 */
export interface OfferRound {
  /** Entries ended (lapsed offers, a leaver) or offered (with their pointer and mail job). */
  writes: TransactItem[];
  /**
   * The counter shards' writes of the transaction: the caller's `updates` (one per shard) with the
   * round's changes and the conditions its plan was read on, on the `home` shard (where the caller
   * gives spots back), the room the offers take from the shards that have it, home first.
   */
  counterWrites(updates: UpdateBuilder[], home: number): TransactItem[];
  /** false when more was owed than fits one transaction: offerFreedSpots passes the rest on after it commits. */
  complete: boolean;
}

/**
 * Plans the round on `after`, the event as the caller's own writes leave it (SQLite's offerFreedSpots
 * runs at that point of its transaction): the lapsed offers end (every live entry once the event is
 * off sale), `leaving` leaves, and the free room goes to the oldest waiting entries (offersToMake).
 * `item` is the event and counters item as read; the conditions make the transaction fail (and its
 * caller read again) if the room, the event or the list changed meanwhile: a walk-in took the room
 * the plan counted on, the event was edited, or an account joined (joins are counted on the item).
 */
export async function planOfferRound(
  db: Db,
  item: Item,
  after: EventAfter,
  now: string,
  budget: number,
  leaving: WaitlistEntry | null = null,
): Promise<OfferRound> {
  const at = new Date(now);
  const live = item[WAITLISTED] === true ? await liveEntriesOf(db, 'gsi2', waitlistPartitions.event(after.id)) : [];
  const onSale = isOnSale(after, at);
  const counts = Object.fromEntries(Object.entries(after.counts).map(([id, c]) => [id, { ...c }]));
  const room: EventAfter = { ...after, counts };
  const deltas = new Map<string, number>();
  const change = (attribute: string, delta: number) => deltas.set(attribute, (deltas.get(attribute) ?? 0) + delta);
  const limited = (ticketTypeId: string) => after.ticketTypes.find((t) => t.id === ticketTypeId)?.quantity != null;
  /** An entry's spots held (sign 1) or given back (sign -1). */
  const hold = (entry: WaitlistEntry, sign: 1 | -1) => {
    change(EVENT_LEFT, -sign * entry.quantity);
    change(counter.held(entry.ticketTypeId), sign * entry.quantity);
    if (limited(entry.ticketTypeId)) change(counter.left(entry.ticketTypeId), -sign * entry.quantity);
    (counts[entry.ticketTypeId] ??= { sold: 0, held: 0 }).held += sign * entry.quantity;
  };

  const writes: TransactItem[] = [];
  let complete = true;
  const ending: { entry: WaitlistEntry; to: 'left' | 'expired' }[] = [
    ...(leaving ? [{ entry: leaving, to: 'left' as const }] : []),
    ...live.filter((e) => e.id !== leaving?.id && (!onSale || offerHasLapsed(e, at))).map((entry) => ({ entry, to: 'expired' as const })),
  ];
  for (const { entry, to } of ending) {
    if (writes.length + ENDING_ITEMS > budget) {
      complete = false;
      break;
    }
    writes.push(...entryLeavesItems(db, entry, { status: to }, now));
    if (entry.status === 'offered') hold(entry, -1);
  }
  if (onSale && complete) {
    const ended = new Set(ending.map((e) => e.entry.id));
    const waiting = live.filter((e) => e.status === 'waiting' && !ended.has(e.id));
    for (const offer of offersToMake(room, waiting)) {
      if (writes.length + OFFER_ITEMS > budget) {
        complete = false;
        break;
      }
      const entry = waiting.find((e) => e.id === offer.entryId)!;
      writes.push(...offerItems(db, entry, after.id, now));
      hold(entry, 1);
    }
  }

  return {
    writes,
    complete,
    counterWrites(updates, home) {
      const update = updates[home]!;
      // An account joining since the read may be owed what this round leaves free: read again (a join counts on every shard).
      if (typeof item[WAITLIST_JOINS] === 'number') update.condition(WAITLIST_JOINS, '=', item[WAITLIST_JOINS]);
      else update.conditionNotExists(WAITLIST_JOINS);
      if (writes.length > 0) {
        update.condition('version', '=', item.version);
        const roomCounters = [EVENT_LEFT, ...after.ticketTypes.filter((tt) => tt.quantity !== null).map((tt) => counter.left(tt.id))];
        for (const attribute of roomCounters) takeRoom(shardItemsOf(item), updates, home, attribute, deltas.get(attribute) ?? 0);
        for (const [attribute, delta] of deltas) if (delta !== 0 && !roomCounters.includes(attribute)) update.add(attribute, delta);
      }
      return shardWrites(db, after.id, updates);
    },
  };
}

/**
 * The round's change of a room counter over the shards: what it gives back goes to `home`; what it
 * takes comes from the shards' room as read plus what the caller's writes give them, each shard on
 * condition it still has what is taken from it beyond that (a walk-in since may have taken the rest).
 */
function takeRoom(shards: Item[], updates: UpdateBuilder[], home: number, attribute: string, delta: number): void {
  if (delta >= 0) {
    if (delta > 0) updates[home]!.add(attribute, delta);
    return;
  }
  const given = updates.map((u) => u.added(attribute));
  const available = shards.map((shard, i) => {
    const read = shard[attribute];
    return (typeof read === 'number' ? read : 0) + given[i]!;
  });
  spreadTake(available, -delta, home).forEach((take, i) => {
    if (take === 0) return;
    updates[i]!.add(attribute, -take);
    if (take - given[i]! > 0) updates[i]!.condition(attribute, '>=', take - given[i]!);
  });
}

/** The event as a release leaves it, for planOfferRound: the lines' spots out of the counter they were taken as. */
export function spotsGivenBack<E extends Room>(event: E, lines: readonly { ticketTypeId: string; quantity: number }[], takenAs: 'held' | 'sold'): E {
  const counts = Object.fromEntries(Object.entries(event.counts).map(([id, c]) => [id, { ...c }]));
  for (const line of lines) {
    const c = counts[line.ticketTypeId];
    if (c) c[takenAs] -= line.quantity;
  }
  return { ...event, counts };
}
