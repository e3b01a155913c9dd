import {
  canMove,
  checkEventEdit,
  noticeAfterEdit,
  revisionAfterEdit,
  startsOnLocalDays,
  utcRangeOfLocalDays,
  type Event,
  type StoredEvent,
  type EventPatch,
  type EventSchedule,
  type EventSearch,
  type EventWithCounts,
  type NewJob,
  type Page,
  type UpdateEventResult,
  splitAcross,
  spreadTake,
} from '@ticketbooth/core';
import { getItems, query, queryPage, transact, type Db } from './db.js';
import { MAX_TRANSACT_ITEMS, planOfferRound } from './offer-round.js';
import { newCounterShards, onEveryShard, readCounterShards, shardItemsOf, shardUpdates, shardWrites, shardsForNewEvent } from './counter-shards.js';
import { offerFreedSpots } from './waitlist-offers.js';
import { CHANGE_NOTICE, EVENT_LEFT, REQUESTED_SHARDS, counter, eventIndexes, keys, partitions, toEventWithCounts, type Item } from './items.js';
import { jobPuts } from './jobs.js';
import { UpdateBuilder } from './update-builder.js';

export const MAX_OPTIMISTIC_RETRIES = 8;

export async function insertEvent(db: Db, event: StoredEvent): Promise<void> {
  const counters = newCounterShards(event, shardsForNewEvent(db, event));
  // Shard 0 names the shards the event has under `counterShards`; the event item keeps what was asked.
  const { counterShards, ...described } = event;
  const outcome = await transact(db, [
    {
      Put: {
        TableName: db.table,
        Item: { ...keys.event(event.id), type: 'event', ...described, ...(counterShards === undefined ? {} : { [REQUESTED_SHARDS]: counterShards }), ...eventIndexes(event), version: 0 },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    },
    ...counters.map((item) => ({ Put: { TableName: db.table, Item: item } })),
  ]);
  if (!outcome.ok) throw new Error(`Event ${event.id} already exists.`);
}

/** The event item merged with its counters (summed over the shards): one strongly consistent Query of the partition, and a BatchGetItem of the other shards when sharded. */
export async function getEventItem(db: Db, id: string): Promise<Item | null> {
  const { items } = await query(db, {
    KeyConditionExpression: 'pk = :pk',
    ExpressionAttributeValues: { ':pk': keys.event(id).pk },
    ConsistentRead: true,
  });
  const event = items.find((i) => i.sk === keys.event(id).sk);
  const counters = items.find((i) => i.sk === keys.eventCounters(id).sk);
  return event && counters ? { ...event, ...(await readCounterShards(db, id, counters)) } : null;
}

/** Index queries return event items only: their counters come in one consistent BatchGetItem. */
async function withCounters(db: Db, eventItems: Item[]): Promise<EventWithCounts[]> {
  const counters = await getItems(db, eventItems.map((e) => keys.eventCounters(e.id as string)));
  const byPk = new Map(counters.map((c) => [c.pk as string, c]));
  return Promise.all(
    eventItems.map(async (e) => {
      const first = byPk.get(e.pk as string);
      return toEventWithCounts({ ...e, ...(first ? await readCounterShards(db, e.id as string, first) : {}) });
    }),
  );
}

/** The guard fields the event item and every counter shard carry, as the event will be after a change. */
export function guardCopies(update: UpdateBuilder, event: Pick<Event, 'status' | 'endsAt'>, version: number): UpdateBuilder {
  return update.set('status', event.status).set('endsAt', event.endsAt).set('version', version);
}

/** The guard copies written to every counter shard of the event as read. */
export function guardCopiesOnEveryShard(db: Db, id: string, item: Item, event: Pick<Event, 'status' | 'endsAt'>, version: number) {
  return onEveryShard(db, id, item, (update) => guardCopies(update, event, version));
}

export async function getEvent(db: Db, id: string): Promise<EventWithCounts | null> {
  const item = await getEventItem(db, id);
  return item ? toEventWithCounts(item) : null;
}

/**
 * Optimistic: read, check the patch against what is taken, then write on condition that the event
 * was not edited meanwhile (`version`) and that concurrent registrations left room (`left >= -delta`).
 */
export async function updateEvent(db: Db, id: string, patch: EventPatch, now: string, jobs: NewJob[] = []): Promise<UpdateEventResult> {
  for (let attempt = 0; attempt < MAX_OPTIMISTIC_RETRIES; attempt++) {
    const item = await getEventItem(db, id);
    if (!item) return { ok: false, reason: 'not_found' };
    const current = toEventWithCounts(item);
    const verdict = checkEventEdit(current, patch);
    if (!verdict.ok) return verdict;
    const merged: Event = { ...current, ...patch, updatedAt: now };
    const next: Event = { ...merged, revision: revisionAfterEdit(current, merged) };
    const notice = noticeAfterEdit(current, next, (item[CHANGE_NOTICE] as EventSchedule | undefined) ?? null);
    const nextTypes = new Map(next.ticketTypes.map((t) => [t.id, t]));

    const version = item.version as number;
    const eventUpdate = new UpdateBuilder();
    // The image is setEventImage's alone (event-images.ts): an edit never writes back an image it read.
    const { counts: _counts, id: _id, image: _image, ...fields } = next as EventWithCounts;
    for (const [name, value] of Object.entries({ ...fields, ...eventIndexes(next) })) eventUpdate.set(name, value);
    if (next.status !== 'published') eventUpdate.remove('gsi2pk').remove('gsi2sk');
    if (notice) eventUpdate.set(CHANGE_NOTICE, notice);
    else eventUpdate.remove(CHANGE_NOTICE);
    eventUpdate.set('version', version + 1).condition('version', '=', version);
    const updates = shardUpdates(item).map((update) => guardCopies(update, next, version + 1));
    const shards = shardItemsOf(item);
    /** A room counter changed by `delta` over the shards: a raise split evenly, a cut taken from the shards that have room, each on condition it still has it. */
    const changeRoom = (attribute: string, delta: number) => {
      if (delta >= 0) return splitAcross(delta, shards.length).forEach((share, i) => share && updates[i]!.add(attribute, share));
      const read = shards.map((shard) => (typeof shard[attribute] === 'number' ? (shard[attribute] as number) : 0));
      spreadTake(read, -delta, 0).forEach((take, i) => take && updates[i]!.add(attribute, -take).condition(attribute, '>=', take));
    };
    changeRoom(EVENT_LEFT, next.capacity - current.capacity);
    for (const tt of current.ticketTypes) {
      const replacement = nextTypes.get(tt.id);
      if (!replacement) {
        for (const update of updates) update.remove(counter.sold(tt.id)).remove(counter.held(tt.id)).remove(counter.left(tt.id));
      } else if (tt.quantity !== null && replacement.quantity !== null && replacement.quantity !== tt.quantity) {
        changeRoom(counter.left(tt.id), replacement.quantity - tt.quantity);
      } else if (tt.quantity === null && replacement.quantity !== null) {
        const { sold, held } = current.counts[tt.id] ?? { sold: 0, held: 0 };
        const shares = splitAcross(replacement.quantity - sold - held, shards.length);
        updates.forEach((update, i) => {
          update.set(counter.left(tt.id), shares[i]);
          update.condition(counter.sold(tt.id), '=', shards[i]![counter.sold(tt.id)] ?? 0).condition(counter.held(tt.id), '=', shards[i]![counter.held(tt.id)] ?? 0);
        });
      } else if (tt.quantity !== null && replacement.quantity === null) {
        for (const update of updates) update.remove(counter.left(tt.id));
      }
    }
    for (const tt of next.ticketTypes) {
      if (current.ticketTypes.some((t) => t.id === tt.id)) continue;
      const shares = tt.quantity === null ? null : splitAcross(tt.quantity, shards.length);
      updates.forEach((update, i) => {
        update.set(counter.sold(tt.id), 0).set(counter.held(tt.id), 0);
        if (shares) update.set(counter.left(tt.id), shares[i]);
      });
    }
    const writes = [{ Update: { TableName: db.table, Key: keys.event(id), ...eventUpdate.build() } }, ...jobPuts(db, jobs, now)];
    // A raised capacity (or quantity) goes to the waiting list first, in the same transaction
    // (offer-round.ts); when the edit re-keys the type counters (a type added, removed, or given or
    // rid of a quantity) the offers follow in their own transactions, as the two cannot share a counter.
    const round = sameTypeCounters(current, next) ? await planOfferRound(db, item, { ...next, counts: current.counts }, now, MAX_TRANSACT_ITEMS - writes.length - shards.length) : null;
    writes.push(...(round?.writes ?? []), ...(round ? round.counterWrites(updates, 0) : shardWrites(db, id, updates)));
    if ((await transact(db, writes)).ok) {
      if (!round?.complete) await offerFreedSpots(db, id, now);
      return { ok: true, event: toEventWithCounts((await getEventItem(db, id))!) };
    }
    // Edited meanwhile, or registrations took the room: read again and re-check.
  }
  throw new Error(`Event ${id} kept changing while it was being updated.`);
}

/** The edit keeps every ticket type, each limited or not as it was: its counters are only added to. */
function sameTypeCounters(current: Event, next: Event): boolean {
  return (
    current.ticketTypes.length === next.ticketTypes.length &&
    current.ticketTypes.every((t) => next.ticketTypes.some((n) => n.id === t.id && (n.quantity === null) === (t.quantity === null)))
  );
}

export async function publishEvent(db: Db, id: string, now: string): Promise<UpdateEventResult> {
  const item = await getEventItem(db, id);
  if (!item) return { ok: false, reason: 'not_found' };
  const event = toEventWithCounts(item);
  if (!canMove('event', event.status, 'published')) return { ok: false, reason: 'invalid_state' };
  const published: Event = { ...event, status: 'published', updatedAt: now };
  const version = item.version as number;
  const eventUpdate = new UpdateBuilder()
    .set('status', 'published')
    .set('updatedAt', now)
    .set('gsi2pk', partitions.publishedEvents)
    .set('gsi2sk', eventIndexes(published).gsi2sk)
    .set('version', version + 1)
    .condition('version', '=', version);
  const outcome = await transact(db, [
    { Update: { TableName: db.table, Key: keys.event(id), ...eventUpdate.build() } },
    ...guardCopiesOnEveryShard(db, id, item, published, version + 1),
  ]);
  // Changed meanwhile: decide again on what is there now.
  return outcome.ok ? { ok: true, event: toEventWithCounts((await getEventItem(db, id))!) } : publishEvent(db, id, now);
}

export async function cancelEvent(db: Db, id: string, reason: string, now: string, jobs: NewJob[]): Promise<UpdateEventResult> {
  for (let attempt = 0; attempt < MAX_OPTIMISTIC_RETRIES; attempt++) {
    const item = await getEventItem(db, id);
    if (!item) return { ok: false, reason: 'not_found' };
    const event = toEventWithCounts(item);
    if (!canMove('event', event.status, 'cancelled')) return { ok: false, reason: 'invalid_state' };
    const version = item.version as number;
    const eventUpdate = new UpdateBuilder()
      .set('status', 'cancelled')
      .set('cancelReason', reason)
      .set('updatedAt', now)
      .remove('gsi2pk')
      .remove('gsi2sk')
      .set('version', version + 1)
      .condition('version', '=', version);
    const outcome = await transact(db, [
      { Update: { TableName: db.table, Key: keys.event(id), ...eventUpdate.build() } },
      ...guardCopiesOnEveryShard(db, id, item, { status: 'cancelled', endsAt: event.endsAt }, version + 1),
      ...jobPuts(db, jobs, now),
    ]);
    if (outcome.ok) {
      // Its waiting list closes: offers end and give their spots back.
      await offerFreedSpots(db, id, now);
      return { ok: true, event: toEventWithCounts((await getEventItem(db, id))!) };
    }
  }
  throw new Error(`Event ${id} kept changing while it was being cancelled.`);
}

/** The later of two optional ISO instants (for `to`: the earlier), so both bounds hold. */
const narrower = (a: string | undefined, b: string | undefined, pick: 'later' | 'earlier'): string | undefined =>
  a === undefined ? b : b === undefined ? a : (a > b) === (pick === 'later') ? a : b;

export async function searchPublishedEvents(db: Db, search: EventSearch): Promise<Page<EventWithCounts>> {
  // Local days: the index narrows to UTC instants that hold them in every zone; each event's own zone decides.
  const days = utcRangeOfLocalDays(search);
  const from = narrower(search.from, days.from, 'later');
  const to = narrower(search.to, days.to, 'earlier');
  // Nothing starts in an empty range (and BETWEEN refuses one with a ValidationException).
  if (from && to && from > to) return { items: [], nextCursor: null };
  const names: Record<string, string> = { '#pk': 'gsi2pk', '#endsAt': 'endsAt' };
  if (from || to) names['#sk'] = 'gsi2sk';
  const values: Item = { ':pk': partitions.publishedEvents, ':notEnded': search.notEndedAt };
  let keyCondition = '#pk = :pk';
  if (from && to) {
    keyCondition += ' AND #sk BETWEEN :from AND :to';
    Object.assign(values, { ':from': from, ':to': `${to}#\uffff` });
  } else if (from) {
    keyCondition += ' AND #sk >= :from';
    values[':from'] = from;
  } else if (to) {
    keyCondition += ' AND #sk <= :to';
    values[':to'] = `${to}#\uffff`;
  }
  const filters = ['#endsAt > :notEnded'];
  if (search.q?.trim()) {
    names['#search'] = 'search';
    values[':q'] = search.q.trim().toLowerCase();
    filters.push('contains(#search, :q)');
  }
  if (search.category?.trim()) {
    names['#category'] = 'categoryKey';
    values[':category'] = search.category.trim().toLowerCase();
    filters.push('#category = :category');
  }
  const page = await queryPage(
    db,
    {
      IndexName: 'gsi2',
      KeyConditionExpression: keyCondition,
      FilterExpression: filters.join(' AND '),
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    },
    ['gsi2pk', 'gsi2sk'],
    search.limit,
    search.cursor,
    (item) => startsOnLocalDays({ startsAt: String(item.startsAt), timezone: String(item.timezone) }, search),
  );
  return { items: await withCounters(db, page.items), nextCursor: page.nextCursor };
}

export async function listEventsByOrganizer(db: Db, organizerId: string, limit: number, cursor?: string): Promise<Page<EventWithCounts>> {
  const page = await queryPage(
    db,
    {
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': partitions.organizerEvents(organizerId) },
      ScanIndexForward: false,
    },
    ['gsi1pk', 'gsi1sk'],
    limit,
    cursor,
  );
  return { items: await withCounters(db, page.items), nextCursor: page.nextCursor };
}
