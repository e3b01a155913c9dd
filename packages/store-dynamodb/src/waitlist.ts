import {
  isOnSale,
  offerClaimRefusal,
  offerHasLapsed,
  waitlistJoinRefusal,
  type ClaimOfferResult,
  type EventWithCounts,
  type JoinWaitlistResult,
  type NewJob,
  type Registration,
  type Ticket,
  type WaitlistEntry,
} from '@ticketbooth/core';
import { getItem, queryDueShards, transact, type Db, type TransactItem } from './db.js';
import { getEventItem } from './events.js';
import { accountTicketsAdd, explainAccountTickets } from './account-tickets.js';
import { explainHoldMarker, holdMarkerPut } from './hold-marker.js';
import { DUE_WORK_SHARDS, EVENT_LEFT, counter, keys, registrationItem, toEventWithCounts, type Item } from './items.js';
import { counterShardWrite, onEveryShard, shardRooms } from './counter-shards.js';
import { jobPuts } from './jobs.js';
import { ticketPuts } from './tickets.js';
import { UpdateBuilder } from './update-builder.js';
import {
  entryItem,
  entryLeavesItems,
  getEntryByOffer,
  liveEntriesOf,
  offerFreedSpots,
  toWaitlistEntry,
  WAITLISTED,
  WAITLIST_JOINS,
  waitlistKeys,
  waitlistPartitions,
} from './waitlist-offers.js';

const MAX_ATTEMPTS = 6;
/** Where the claim's transaction puts the entry, the event check, the account's tickets and the hold marker. */
const CLAIM_ENTRY_INDEX = 0;
const CLAIM_EVENT_INDEX = 1;
const CLAIM_ACCOUNT_INDEX = 3;
const CLAIM_HOLD_MARKER_INDEX = 5;

async function liveEntryOf(db: Db, eventId: string, userId: string): Promise<WaitlistEntry | null> {
  const member = await getItem(db, waitlistKeys.member(eventId, userId));
  const item = member ? await getItem(db, waitlistKeys.entry(member.entryId as string)) : null;
  const entry = item ? toWaitlistEntry(item) : null;
  return entry && (entry.status === 'waiting' || entry.status === 'offered') ? entry : null;
}

/**
 * The join counted on every counter shard, on condition the spots asked for still cannot be bought
 * (waitlistJoinRefusal at write time): the other shards hold no more than read, shard 0 no more
 * than keeps the sum below the order. A release that gave spots back since the read makes the join
 * read again, and a release planned on the list before this join fails its condition on the count.
 */
function stillSoldOut(db: Db, item: Item, event: EventWithCounts, entry: WaitlistEntry): TransactItem[] {
  const rooms = shardRooms(item, event);
  const limited = event.ticketTypes.find((t) => t.id === entry.ticketTypeId)?.quantity != null;
  const totalLeft = rooms.reduce((n, room) => n + room.left, 0);
  const soldOutBy = !limited || totalLeft < entry.quantity ? EVENT_LEFT : counter.left(entry.ticketTypeId);
  const read = rooms.map((room) => (soldOutBy === EVENT_LEFT ? room.left : (room.typeLeft[entry.ticketTypeId] ?? 0)));
  const others = read.slice(1).reduce((n, left) => n + left, 0);
  return onEveryShard(db, event.id, item, (update, shard) => {
    update.set(WAITLISTED, true).add(WAITLIST_JOINS, 1).conditionExists('pk');
    return shard === 0 ? update.condition(soldOutBy, '<', entry.quantity - others) : update.condition(soldOutBy, '<=', read[shard]);
  });
}

/**
 * The entry and the account's membership item in one transaction, the membership on condition it
 * is absent: of any number of concurrent joins by one account, one adds an entry.
 */
export async function joinWaitlist(db: Db, entry: WaitlistEntry, now: string): Promise<JoinWaitlistResult> {
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const existing = await liveEntryOf(db, entry.eventId, entry.userId);
    if (existing) return { ok: false, reason: 'already_waiting', entry: existing };
    await offerFreedSpots(db, entry.eventId, now);
    const item = await getEventItem(db, entry.eventId);
    if (!item) return { ok: false, reason: 'not_found' };
    const event = toEventWithCounts(item);
    const counted = await getItem(db, keys.accountTickets(entry.userId, entry.eventId));
    const held = typeof counted?.tickets === 'number' ? counted.tickets : 0;
    const refusal = waitlistJoinRefusal(event, entry, held, new Date(now));
    if (refusal) return { ok: false, ...refusal };
    const waiting: WaitlistEntry = { ...entry, status: 'waiting', offer: null, registrationId: null };
    const outcome = await transact(db, [
      { Put: { TableName: db.table, Item: entryItem(waiting), ConditionExpression: 'attribute_not_exists(pk)' } },
      {
        Put: {
          TableName: db.table,
          Item: { ...waitlistKeys.member(entry.eventId, entry.userId), type: 'waitlist_member', entryId: entry.id },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      ...stillSoldOut(db, item, event, entry),
    ]);
    if (outcome.ok) return { ok: true, entry: waiting };
    // Another join of the account won (or its entry ended meanwhile): read again.
  }
  throw new Error(`Waiting-list entry ${entry.id} could not be added: the account's entry kept changing.`);
}

export async function leaveWaitlist(db: Db, eventId: string, userId: string, now: string): Promise<boolean> {
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const entry = await liveEntryOf(db, eventId, userId);
    if (!entry) return false;
    // Its offer's spots, or the room it was first in line for, go to the next entries in the same transaction.
    if (await offerFreedSpots(db, eventId, now, entry)) return true;
  }
  throw new Error(`Waiting-list entry of ${userId} for ${eventId} kept changing while it was leaving.`);
}

export const listWaitlist = (db: Db, eventId: string) => liveEntriesOf(db, 'gsi2', waitlistPartitions.event(eventId));
export const listWaitlistByUser = (db: Db, userId: string) => liveEntriesOf(db, 'gsi1', waitlistPartitions.user(userId));
export const getWaitlistEntryByOffer = getEntryByOffer;

/**
 * One TransactWriteItems: the entry offered -> claimed on condition its offer is this one and live;
 * the event still on sale (a confirmed claim moves the spots from held to sold); the registration,
 * the account's tickets within its limit, the membership gone, a pending claim's hold marker, its
 * tickets and jobs. A failure is explained in the order SQLite checks.
 */
export async function claimWaitlistOffer(
  db: Db,
  offerId: string,
  registration: Registration,
  tickets: Ticket[],
  jobs: NewJob[],
  now: string,
): Promise<ClaimOfferResult> {
  const at = new Date(now);
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const entry = await getEntryByOffer(db, offerId);
    const refusal = offerClaimRefusal(entry, offerId, registration.userId, at);
    if (refusal || !entry) return { ok: false, ...(refusal ?? { reason: 'not_found' }) };
    if (registration.eventId !== entry.eventId || registration.quantity !== entry.quantity || registration.lines.some((l) => l.ticketTypeId !== entry.ticketTypeId)) {
      throw new Error(`Registration ${registration.id} is not for the spots of offer ${offerId}.`);
    }
    const eventItem = await getEventItem(db, entry.eventId);
    const event = eventItem ? toEventWithCounts(eventItem) : null;
    if (!event || !isOnSale(event, at)) return { ok: false, reason: 'not_on_sale' };
    if (registration.quantity > event.maxTicketsPerAccount) {
      // No counter value passes this limit; the live hold, as SQLite checks it first, still answers first.
      const held = registration.status === 'confirmed' ? null : await explainHoldMarker(db, registration, now);
      if (held) return { ok: false, reason: 'hold_exists', registrationId: held };
      return { ok: false, reason: 'account_limit', ...(await explainAccountTickets(db, registration, event))! };
    }

    const [entryUpdate, membership] = entryLeavesItems(db, entry, { status: 'claimed', registrationId: registration.id }, now);
    const entryWrite = entryUpdate!.Update!;
    entryWrite.ConditionExpression = `${entryWrite.ConditionExpression} AND offerId = :offerId AND offerExpiresAt > :now`;
    entryWrite.ExpressionAttributeValues = { ...entryWrite.ExpressionAttributeValues, ':offerId': offerId, ':now': now };
    const onSale = new UpdateBuilder().condition('status', '=', 'published').condition('endsAt', '>', now);
    const confirmed = registration.status === 'confirmed';
    if (confirmed) onSale.add(counter.held(entry.ticketTypeId), -entry.quantity).add(counter.sold(entry.ticketTypeId), entry.quantity);
    // A claim records shard 0: per-shard sold and held are only ever summed, so its spots need not be where the offer held them.
    const eventWrite = counterShardWrite(db, event.id, 0, onSale);
    const outcome = await transact(db, [
      entryUpdate!,
      eventWrite,
      {
        Put: {
          TableName: db.table,
          Item: { ...registrationItem(registration, tickets.map((t) => t.id)), accountTicketsCounted: true },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      accountTicketsAdd(db, registration, event),
      membership!,
      ...(confirmed ? [] : [holdMarkerPut(db, registration, now)]),
      ...ticketPuts(db, tickets),
      ...jobPuts(db, jobs, now),
    ]);
    if (outcome.ok) return { ok: true, registration };
    if (outcome.failed.includes(CLAIM_ENTRY_INDEX)) continue;
    if (outcome.failed.includes(CLAIM_EVENT_INDEX)) return { ok: false, reason: 'not_on_sale' };
    if (!confirmed && outcome.failed.includes(CLAIM_HOLD_MARKER_INDEX)) {
      const held = await explainHoldMarker(db, registration, now);
      if (held) return { ok: false, reason: 'hold_exists', registrationId: held };
      continue;
    }
    if (outcome.failed.includes(CLAIM_ACCOUNT_INDEX)) {
      const overLimit = await explainAccountTickets(db, registration, event);
      if (overLimit) return { ok: false, reason: 'account_limit', ...overLimit };
      continue;
    }
    throw new Error(`Registration ${registration.id} already exists.`);
  }
  throw new Error(`Offer ${offerId} kept changing while it was being claimed.`);
}

/** Lapsed offers from the sharded due-offers index; each event's round ends them and passes their spots on. */
export async function expireWaitlistOffers(db: Db, now: string, limit: number): Promise<number> {
  const items = await queryDueShards(db, waitlistPartitions.dueOffers, DUE_WORK_SHARDS, `${now}#\uffff`, limit);
  const lapsed = items.map(toWaitlistEntry).filter((e) => offerHasLapsed(e, new Date(now)));
  for (const eventId of new Set(lapsed.map((e) => e.eventId))) await offerFreedSpots(db, eventId, now);
  return lapsed.length;
}
