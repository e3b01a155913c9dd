import {
  DELETED_USER,
  LIVE_WAITLIST_STATUSES,
  byListOrder,
  isOnSale,
  offerExpiresAt,
  offerHasLapsed,
  offersToMake,
  randomIds,
  type EventWithCounts,
  type WaitlistEntry,
} from '@ticketbooth/core';
import { getItem, getItems, queryAll, transact, type Db, type TransactItem } from './db.js';
import { getEventItem } from './events.js';
import { EVENT_LEFT, counter, keys, shardOf, sortable, toEventWithCounts, type Item } from './items.js';
import { jobPuts } from './jobs.js';
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

/** The counter update that gives an offer's held spots back to the event (or, with sign -1, takes them for it). */
export function offerCounters(event: EventWithCounts, entry: WaitlistEntry, sign: 1 | -1): UpdateBuilder {
  const update = new UpdateBuilder().add(EVENT_LEFT, sign * entry.quantity).add(counter.held(entry.ticketTypeId), -sign * entry.quantity);
  if (sign === -1) update.condition(EVENT_LEFT, '>=', entry.quantity);
  const limited = event.ticketTypes.find((t) => t.id === entry.ticketTypeId)?.quantity != null;
  if (limited) {
    update.add(counter.left(entry.ticketTypeId), sign * entry.quantity);
    if (sign === -1) update.condition(counter.left(entry.ticketTypeId), '>=', entry.quantity);
  }
  return update;
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

/** Ends a live entry (expired or left); an offered one gives its held spots back in the same transaction. */
export async function endEntry(db: Db, event: EventWithCounts | null, entry: WaitlistEntry, to: 'expired' | 'left', now: string): Promise<boolean> {
  const writes = entryLeavesItems(db, entry, { status: to }, now);
  if (entry.status === 'offered' && event) {
    writes.push({ Update: { TableName: db.table, Key: keys.eventCounters(event.id), ...offerCounters(event, entry, 1).build() } });
  }
  return (await transact(db, writes)).ok;
}

/** One offer: the entry offered on condition it still waits, its spots taken from the room on condition they are free, its mail enqueued. */
async function makeOffer(db: Db, event: EventWithCounts, entry: WaitlistEntry, now: string): Promise<boolean> {
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
  const counters = offerCounters(event, entry, -1).condition('status', '=', 'published').condition('endsAt', '>', now);
  const outcome = await transact(db, [
    { Update: { TableName: db.table, Key: waitlistKeys.entry(entry.id), ...entryUpdate.build() } },
    { Update: { TableName: db.table, Key: keys.eventCounters(event.id), ...counters.build() } },
    { Put: { TableName: db.table, Item: { ...waitlistKeys.offer(offerId), type: 'waitlist_offer', entryId: entry.id }, ConditionExpression: 'attribute_not_exists(pk)' } },
    ...jobPuts(db, [{ id: randomIds.newId('job'), payload: { kind: 'send_waitlist_offer_mail', eventId: event.id, offerId } }], now),
  ]);
  return outcome.ok;
}

async function readEvent(db: Db, eventId: string): Promise<EventWithCounts | null> {
  const item = await getEventItem(db, eventId);
  return item ? toEventWithCounts(item) : null;
}

/**
 * Passes free spots on: the event's lapsed offers end (every live entry once the event is off sale),
 * then the free room is offered to the oldest waiting entries (offersToMake), one transaction per
 * offer whose conditions are the room. A round that loses a race (a buyer took a spot, another
 * round offered first) reads again. Called after every write that gives spots back.
 */
export async function offerFreedSpots(db: Db, eventId: string, now: string): Promise<void> {
  // One GetItem spares an event that never had a waiting list the index query (every release calls this).
  if ((await getItem(db, keys.eventCounters(eventId)))?.[WAITLISTED] !== true) return;
  const at = new Date(now);
  for (let round = 0; round < MAX_OFFER_ROUNDS; round++) {
    const live = await liveEntriesOf(db, 'gsi2', waitlistPartitions.event(eventId));
    if (live.length === 0) return;
    let event = await readEvent(db, eventId);
    const onSale = event !== null && isOnSale(event, at);
    const ending = live.filter((e) => !onSale || offerHasLapsed(e, at));
    for (const entry of ending) await endEntry(db, event, entry, 'expired', now);
    if (!onSale) return;
    if (ending.length > 0) event = await readEvent(db, eventId);
    const waiting = live.filter((e) => e.status === 'waiting');
    const offers = offersToMake(event!, waiting);
    let lostRace = false;
    for (const offer of offers) {
      if (!(await makeOffer(db, event!, waiting.find((e) => e.id === offer.entryId)!, now))) {
        lostRace = true;
        break;
      }
    }
    if (!lostRace) return;
  }
}


/** A deleted account leaves every list (its offers passing on) and its name and email go from its entries. */
export async function forgetWaitlistOf(db: Db, userId: string, now: string): Promise<void> {
  const entries = await entriesOf(db, 'gsi1', waitlistPartitions.user(userId));
  for (const entry of entries.filter(isLive)) {
    await endEntry(db, await readEvent(db, entry.eventId), entry, 'left', now);
    await offerFreedSpots(db, entry.eventId, now);
  }
  for (const entry of entries) {
    const update = new UpdateBuilder().set('attendeeName', DELETED_USER).set('attendeeEmail', DELETED_USER);
    await transact(db, [{ Update: { TableName: db.table, Key: waitlistKeys.entry(entry.id), ...update.build() } }]);
  }
}
