import { DELETED_USER, LIVE_WAITLIST_STATUSES, byListOrder, offerExpiresAt, randomIds, type WaitlistEntry } from '@ticketbooth/core';
import { getItem, getItems, queryAll, transact, type Db, type TransactItem } from './db.js';
import { getEventItem } from './events.js';
import { shardOf, sortable, toEventWithCounts, type Item } from './items.js';
import { MAX_TRANSACT_ITEMS, planOfferRound } from './offer-round.js';
import { jobPuts } from './jobs.js';
import { shardUpdates } from './counter-shards.js';
import { UpdateBuilder } from './update-builder.js';

/** The waiting list's items: an entry, the account's one live entry per event, and an offer's pointer to its entry. */
export const waitlistKeys = {
  entry: (id: string) => ({ pk: `WAITLIST#${id}`, sk: 'WAITLIST' }),
  member: (eventId: string, userId: string) => ({ pk: `WAITMEMBER#${eventId}#${userId}`, sk: 'WAITMEMBER' }),
  offer: (offerId: string) => ({ pk: `WAITOFFER#${offerId}`, sk: 'WAITOFFER' }),
};

/** Entries sit in their account's partition (gsi1), live ones in their event's (gsi2), an offered one in the sharded due-offers partition (gsi3). */
export const waitlistPartitions = {
  event: (eventId: string) => `EVTWAIT#${eventId}`,
  user: (userId: string) => `USERWAIT#${userId}`,
  dueOffers: (shard: number) => `WAITOFFERS#${shard}`,
};

/** An entry off the list leaves its event's and the due offers' indexes; it stays in its account's (gsi1), for account deletion. */
const LIST_INDEX_ATTRIBUTES = ['gsi2pk', 'gsi2sk', 'gsi3pk', 'gsi3sk'] as const;
const MAX_OFFER_ROUNDS = 6;
/** Set on the event's counters item by the first join: only then can a release have anyone to offer to. */
export const WAITLISTED = 'waitlisted';
/** Counted on the event's counters item by every join, so a release planned on an older list fails its condition. */
export const WAITLIST_JOINS = 'waitlistJoins';

export function entryItem(entry: WaitlistEntry): Item {
  const { offer, ...fields } = entry;
  return {
    ...waitlistKeys.entry(entry.id),
    type: 'waitlist_entry',
    ...fields,
    offerId: offer?.id ?? null,
    offerExpiresAt: offer?.expiresAt ?? null,
    gsi1pk: waitlistPartitions.user(entry.userId),
    gsi1sk: sortable(entry.createdAt, entry.id),
    gsi2pk: waitlistPartitions.event(entry.eventId),
    gsi2sk: sortable(entry.createdAt, entry.id),
  };
}

const ENTRY_FIELDS = [
  'id', 'eventId', 'userId', 'attendeeName', 'attendeeEmail', 'ticketTypeId', 'quantity', 'status', 'offerMinutes', 'registrationId', 'createdAt', 'updatedAt',
] as const;

export function toWaitlistEntry(item: Item): WaitlistEntry {
  const entry: Item = {};
  for (const field of ENTRY_FIELDS) entry[field] = item[field] ?? null;
  const offer = typeof item.offerId === 'string' && typeof item.offerExpiresAt === 'string' ? { id: item.offerId, expiresAt: item.offerExpiresAt } : null;
  return { ...(entry as unknown as Omit<WaitlistEntry, 'offer'>), offer };
}

const isLive = (entry: WaitlistEntry) => (LIVE_WAITLIST_STATUSES as readonly string[]).includes(entry.status);

/** Entries of an index partition, re-read consistently (the index may lag), in list order. */
async function entriesOf(db: Db, indexName: 'gsi1' | 'gsi2', partition: string): Promise<WaitlistEntry[]> {
  const listed = await queryAll(db, {
    IndexName: indexName,
    KeyConditionExpression: `${indexName}pk = :pk`,
    ExpressionAttributeValues: { ':pk': partition },
  });
  const items = await getItems(db, listed.map((i) => waitlistKeys.entry(i.id as string)));
  return items.map(toWaitlistEntry).sort(byListOrder);
}

/** The live entries of an index partition (an event's or an account's). */
export async function liveEntriesOf(db: Db, indexName: 'gsi1' | 'gsi2', partition: string): Promise<WaitlistEntry[]> {
  return (await entriesOf(db, indexName, partition)).filter(isLive);
}

export async function getEntryByOffer(db: Db, offerId: string): Promise<WaitlistEntry | null> {
  const pointer = await getItem(db, waitlistKeys.offer(offerId));
  const item = pointer ? await getItem(db, waitlistKeys.entry(pointer.entryId as string)) : null;
  return item ? toWaitlistEntry(item) : null;
}

/** The entry off the list (out of its indexes), its membership gone; the update is conditioned on the status read. */
export function entryLeavesItems(db: Db, entry: WaitlistEntry, set: Item, now: string): TransactItem[] {
  const update = new UpdateBuilder().set('updatedAt', now).condition('status', '=', entry.status);
  for (const [name, value] of Object.entries(set)) update.set(name, value);
  for (const attribute of LIST_INDEX_ATTRIBUTES) update.remove(attribute);
  return [
    { Update: { TableName: db.table, Key: waitlistKeys.entry(entry.id), ...update.build() } },
    {
      Delete: {
        TableName: db.table,
        Key: waitlistKeys.member(entry.eventId, entry.userId),
        ConditionExpression: 'attribute_not_exists(pk) OR entryId = :id',
        ExpressionAttributeValues: { ':id': entry.id },
      },
    },
  ];
}

/** One offer's items: the entry offered on condition it still waits, the offer's pointer to it, its mail enqueued (its spots are held by the round's counters). */
export function offerItems(db: Db, entry: WaitlistEntry, eventId: string, now: string): TransactItem[] {
  const offerId = randomIds.newId('wlo');
  const expiresAt = offerExpiresAt(entry, new Date(now));
  const entryUpdate = new UpdateBuilder()
    .set('status', 'offered')
    .set('offerId', offerId)
    .set('offerExpiresAt', expiresAt)
    .set('updatedAt', now)
    .set('gsi3pk', waitlistPartitions.dueOffers(shardOf(entry.id)))
    .set('gsi3sk', sortable(expiresAt, entry.id))
    .condition('status', '=', 'waiting');
  return [
    { Update: { TableName: db.table, Key: waitlistKeys.entry(entry.id), ...entryUpdate.build() } },
    { Put: { TableName: db.table, Item: { ...waitlistKeys.offer(offerId), type: 'waitlist_offer', entryId: entry.id }, ConditionExpression: 'attribute_not_exists(pk)' } },
    ...jobPuts(db, [{ id: randomIds.newId('job'), payload: { kind: 'send_waitlist_offer_mail', eventId, offerId } }], now),
  ];
}

/**
 * Passes free spots on, `leaving` (when given) leaving the list first: each round is one
 * transaction of planOfferRound's writes (lapsed offers ended, offers made) and the counters they
 * move, conditioned on what it read; a round that loses a race (a buyer took a spot, another round
 * offered first) reads again. For what gives spots back without a transaction of its own (a join,
 * the lapsed-offer sweep, a leaver) and for what did not fit into a release's transaction.
 * false: `leaving` had changed (left or claimed meanwhile) and nothing was written for it.
 */
export async function offerFreedSpots(db: Db, eventId: string, now: string, leaving: WaitlistEntry | null = null): Promise<boolean> {
  let pending = leaving;
  for (let round = 0; round < MAX_OFFER_ROUNDS; round++) {
    const item = await getEventItem(db, eventId);
    // One read spares an event that never had a waiting list the index query (every join and sweep calls this).
    if (!pending && item?.[WAITLISTED] !== true) return true;
    if (!item) return (await transact(db, entryLeavesItems(db, pending!, { status: 'left' }, now))).ok;
    const updates = shardUpdates(item);
    const plan = await planOfferRound(db, item, toEventWithCounts(item), now, MAX_TRANSACT_ITEMS - updates.length, pending);
    if (plan.writes.length === 0) return true;
    // Shard 0 is the round's home when no release gives spots back.
    const outcome = await transact(db, [...plan.writes, ...plan.counterWrites(updates, 0)]);
    if (outcome.ok) {
      pending = null;
      if (plan.complete) return true;
    } else if (pending && outcome.failed.includes(0)) {
      return false;
    }
  }
  if (pending) throw new Error(`Waiting-list entry ${pending.id} kept changing while it was leaving.`);
  return true;
}

/** A deleted account leaves every list (its offers passing on) and its name and email go from its entries. */
export async function forgetWaitlistOf(db: Db, userId: string, now: string): Promise<void> {
  const entries = await entriesOf(db, 'gsi1', waitlistPartitions.user(userId));
  for (const entry of entries.filter(isLive)) await offerFreedSpots(db, entry.eventId, now, entry);
  for (const entry of entries) {
    const update = new UpdateBuilder().set('attendeeName', DELETED_USER).set('attendeeEmail', DELETED_USER);
    await transact(db, [{ Update: { TableName: db.table, Key: waitlistKeys.entry(entry.id), ...update.build() } }]);
  }
}
