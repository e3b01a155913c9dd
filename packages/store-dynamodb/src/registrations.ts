import {
  assertMove,
  canMove,
  cancellationWindowClosed,
  checkPlacement,
  holdHasLapsed,
  holdIsLive,
  isOnSale,
  placeShard,
  placementRefusal,
  releasesSpots,
  repriced,
  roomNeeded,
  spotsTakenAs,
  ticketsOf,
  type ConfirmPaymentResult,
  type EventWithCounts,
  type NewJob,
  type Page,
  type PaymentIntent,
  type PlaceRegistrationResult,
  type RegistrantRow,
  type Registration,
  type RegistrationStatus,
  type Ticket,
  type TicketsToPlace,
  type TransitionGuard,
} from '@ticketbooth/core';
import { getItem, getItems, queryDueShards, queryPage, retryConflicts, transact, transactOnce, type Db, type TransactItem, type TransactOutcome } from './db.js';
import { getEventItem } from './events.js';
import { accountTicketsAdd, accountTicketsRelease, explainAccountTickets } from './account-tickets.js';
import { explainHoldMarker, holdMarkerPut, holdMarkerRelease } from './hold-marker.js';
import { explainPromoUse, promoUseRelease, promoUseTake } from './promo-codes.js';
import {
  DUE_WORK_SHARDS,
  EVENT_LEFT,
  counter,
  keys,
  partitions,
  paymentIntentItem,
  registrationItem,
  ticketChangedIndex,
  toEventWithCounts,
  toRegistration,
  toTicket,
  type Item,
} from './items.js';
import { jobPuts } from './jobs.js';
import { withCodes } from './legacy-codes.js';
import { MAX_TRANSACT_ITEMS, planOfferRound, spotsGivenBack } from './offer-round.js';
import { counterShardKey, registrationShard, shardItemsOf, shardRooms, shardUpdates } from './counter-shards.js';
import { rebalanceShards } from './rebalance.js';
import { queryEventIndexPage } from './event-index.js';
import { offerFreedSpots } from './waitlist-offers.js';
import { TicketCodeClaims, ticketPuts } from './tickets.js';
import { UpdateBuilder } from './update-builder.js';

/** A placement retries when the event was edited meanwhile or expired holds were released. */
const MAX_PLACEMENT_ATTEMPTS = 6;
/** Rebalancings one placement may run (each moves spots to a shard the order then fits) before it is refused as the read says. */
const MAX_REBALANCES = 4;
/** Where the placement's transaction puts the shard's counters (first), the account's tickets and the hold marker (after the registration). */
const COUNTERS_INDEX = 0;
const ACCOUNT_TICKETS_INDEX = 2;
const HOLD_MARKER_INDEX = 3;

/**
 * One TransactWriteItems: the event's counters item is decremented on condition that the event is
 * published, not ended, unedited since read (`version`) and has room (`left >= q`, per type too);
 * the registration, its tickets and its jobs are put in the same transaction, and the request key's
 * item (on condition it is absent) when there is one. The account's tickets for the event are added
 * to on condition they stay within its limit (account-tickets.ts). A pending one also puts the
 * account's hold marker for the event (hold-marker.ts), so a second live hold fails its condition.
 * A promo code's use is counted on condition it has one left (promo-codes.ts).
 * A failure is explained in the order SQLite checks: hold_exists, account_limit, the room, then the code.
 */
export async function placeRegistration(
  db: Db,
  registration: Registration,
  toPlace: TicketsToPlace,
  jobs: NewJob[],
  now: string,
  requestKey?: string,
): Promise<PlaceRegistrationResult> {
  const takenAs = spotsTakenAs(registration.status);
  if (!takenAs) throw new Error(`A registration is placed pending or confirmed, not ${registration.status}.`);
  let releasedHolds = false;
  let rebalances = 0;
  // The tickets, made from the event as read for the attempt: anew when an edit moved its version.
  let codes: { claims: TicketCodeClaims; version: unknown } | undefined;
  for (let attempt = 0; attempt < MAX_PLACEMENT_ATTEMPTS; attempt++) {
    const item = await getEventItem(db, registration.eventId);
    if (!item) return { ok: false, reason: 'not_found' };
    const event = toEventWithCounts(item);
    if (!isOnSale(event, new Date(now))) return { ok: false, reason: 'not_on_sale' };
    // The `version` condition below refuses the transaction if the prices change after this read.
    if (repriced(event, registration)) return { ok: false, reason: 'repriced' };

    // The conditions are the placement rule at write time: the room it needs is still free.
    const needed = roomNeeded(event, registration);
    if (!needed) return { ok: false, reason: 'not_found' };
    // More than the limit in one order: no counter value passes, and a condition could not say so for an absent counter.
    if (registration.quantity > event.maxTicketsPerAccount) {
      const held = takenAs === 'held' ? await explainHoldMarker(db, registration, now) : null;
      if (held) return { ok: false, reason: 'hold_exists', registrationId: held };
      return { ok: false, reason: 'account_limit', ...(await explainAccountTickets(db, registration, event))! };
    }
    // Sharded counters: a random shard that fits, then the others; none fitting while the sum does, spots move first.
    const shards = placeShard(shardRooms(item, event), needed);
    if (shards.kind === 'rebalance' && rebalances < MAX_REBALANCES) {
      rebalances++;
      await rebalanceShards(db, event.id, item, shards.moves);
      attempt--; // moving spots is progress, bounded on its own
      continue;
    }
    // Nothing fits as read: one shard's refusal leads to the explanation below, in the order SQLite checks.
    const order = shards.kind === 'shards' ? shards.order : [Math.floor(Math.random() * shardItemsOf(item).length)];
    const counters = (shard: number) => {
      const update = new UpdateBuilder()
        .condition('status', '=', 'published')
        .condition('endsAt', '>', now)
        .condition('version', '=', item.version)
        .add(EVENT_LEFT, -needed.total)
        .condition(EVENT_LEFT, '>=', needed.total);
      for (const line of needed.lines) {
        update.add(counter[takenAs](line.ticketTypeId), line.quantity);
        if (line.limited) update.add(counter.left(line.ticketTypeId), -line.quantity).condition(counter.left(line.ticketTypeId), '>=', line.quantity);
      }
      return { Update: { TableName: db.table, Key: counterShardKey(event.id, shard), ...update.build() } };
    };
    const promo = await promoUseTake(db, registration, now);
    if ('refusal' in promo) {
      // Refused before writing: what SQLite checks first still answers first.
      const before = await explainBeforeTheCode(db, registration, event, now, requestKey);
      if (before?.reason === 'request_key_taken' || before?.reason === 'hold_exists') return before;
      // Lapsed holds still count (spots, limit, uses) until released: release this event's, then look again.
      if (!releasedHolds) {
        releasedHolds = true;
        if ((await expireHolds(db, now, 100, event.id)) > 0) continue;
      }
      return before ?? { ok: false, reason: promo.refusal };
    }
    // Made before the transaction: its conditions refuse the order only as it writes.
    if (!codes || codes.version !== item.version) codes = { claims: new TicketCodeClaims(db, ticketsOf(toPlace, event)), version: item.version };
    const { claims } = codes;
    const placement = (shard: number): TransactItem[] => [
      counters(shard),
      {
        Put: {
          TableName: db.table,
          Item: { ...registrationItem(registration, claims.tickets.map((t) => t.id), shard), accountTicketsCounted: true },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      accountTicketsAdd(db, registration, event),
      ...(takenAs === 'held' ? [holdMarkerPut(db, registration, now)] : []),
    ];
    const ticketsAt = placement(0).length;
    const writes = (shard: number): TransactItem[] => [
      ...placement(shard),
      ...ticketPuts(db, claims.tickets, shard),
      ...jobPuts(db, jobs, now),
      ...(requestKey === undefined
        ? []
        : [{ Put: { TableName: db.table, Item: { ...keys.requestKey(requestKey), registrationId: registration.id }, ConditionExpression: 'attribute_not_exists(pk)' } }]),
      ...(promo.write ? [promo.write] : []),
    ];
    const promoIndex = promo.write ? writes(0).length - 1 : -1;
    const outcome = await placeOnShards(db, order, writes);
    if (outcome.ok) {
      const redrawnCodes = claims.redrawn();
      return redrawnCodes ? { ok: true, redrawnCodes } : { ok: true };
    }
    // Checked first (DynamoDB may report only one failed condition): a repeated request learns its registration.
    const placed = requestKey === undefined ? null : await getItem(db, keys.requestKey(requestKey));
    if (placed) return { ok: false, reason: 'request_key_taken', registrationId: placed.registrationId as string };
    if (claims.redrawTaken(outcome.failed, ticketsAt)) {
      attempt--; // a taken code is no sign of a busy event: it has its own bound
      continue;
    }
    if (takenAs === 'held' && outcome.failed.includes(HOLD_MARKER_INDEX)) {
      const held = await explainHoldMarker(db, registration, now);
      if (held) return { ok: false, reason: 'hold_exists', registrationId: held };
      continue;
    }
    const accountFailed = outcome.failed.includes(ACCOUNT_TICKETS_INDEX);
    const promoFailed = outcome.failed.includes(promoIndex);
    if (!outcome.failed.includes(0) && !accountFailed && !promoFailed) throw new Error(`Registration ${registration.id} already exists.`);

    const fresh = await getEventItem(db, registration.eventId);
    if (!fresh) return { ok: false, reason: 'not_found' };
    const latest = toEventWithCounts(fresh);
    if (!isOnSale(latest, new Date(now))) return { ok: false, reason: 'not_on_sale' };
    if (fresh.version !== item.version) continue;
    // The failed conditions, explained by the rules they stand for. DynamoDB may name only one of
    // them (the room's), so the account's tickets are read whichever it named.
    const refusal = placementRefusal(await explainAccountTickets(db, registration, latest), checkPlacement(latest, registration));
    const promoRefused = promoFailed ? await explainPromoUse(db, registration, now) : null;
    if ((refusal || promoRefused) && !releasedHolds) {
      // Lapsed holds still count until released: release this event's, then try again.
      releasedHolds = true;
      if ((await expireHolds(db, now, 100, latest.id)) > 0) continue;
    }
    if (refusal) return refusal;
    if (promoRefused) return { ok: false, reason: promoRefused };
  }
  throw new Error(`Registration ${registration.id} could not be placed: the event kept changing.`);
}

/**
 * The placement's transaction on the first shard of `order`, then on the next one while a shard
 * refuses for its room alone (as read it fitted) or is in another in-flight transaction: a
 * cancelled transaction applied nothing, and another shard is as good a place for the spots as
 * that one once it is free, without waiting for it. The last shard tried is retried after backoffs.
 */
async function placeOnShards(db: Db, order: number[], writes: (shard: number) => TransactItem[]): Promise<TransactOutcome> {
  for (let next = 0; ; next++) {
    const items = writes(order[next]!);
    const outcome = await transactOnce(db, items);
    const last = next === order.length - 1;
    if ('cancellation' in outcome) {
      if (last || !outcome.conflicted.includes(COUNTERS_INDEX)) return retryConflicts(db, items, outcome);
    } else if (last || outcome.ok || outcome.failed.length !== 1 || outcome.failed[0] !== COUNTERS_INDEX) {
      return outcome;
    }
  }
}

/** The refusal the checks before the promo code's would give (request key, hold, limit, room), or null when they pass. */
async function explainBeforeTheCode(
  db: Db,
  registration: Registration,
  event: EventWithCounts,
  now: string,
  requestKey: string | undefined,
): Promise<Exclude<PlaceRegistrationResult, { ok: true }> | null> {
  const placed = requestKey === undefined ? null : await getItem(db, keys.requestKey(requestKey));
  if (placed) return { ok: false, reason: 'request_key_taken', registrationId: placed.registrationId as string };
  const held = registration.status === 'pending_payment' ? await explainHoldMarker(db, registration, now) : null;
  if (held) return { ok: false, reason: 'hold_exists', registrationId: held };
  const overLimit = await explainAccountTickets(db, registration, event);
  if (overLimit) return { ok: false, reason: 'account_limit', ...overLimit };
  const verdict = checkPlacement(event, registration);
  return verdict.ok ? null : verdict;
}

export async function getRegistrationItem(db: Db, id: string): Promise<Item | null> {
  return getItem(db, keys.registration(id));
}

export async function getRegistration(db: Db, id: string): Promise<Registration | null> {
  const item = await getRegistrationItem(db, id);
  return item ? toRegistration(item) : null;
}

export async function findRegistrationByRequestKey(db: Db, requestKey: string): Promise<Registration | null> {
  const placed = await getItem(db, keys.requestKey(requestKey));
  return placed ? getRegistration(db, placed.registrationId as string) : null;
}

/**
 * The write items that move a registration out of `item.status` into `to`. Into a releasing status,
 * spots go back to the event (held or sold), are offered to its waiting list in the same
 * transaction (offer-round.ts) and its tickets are cancelled; jobs are enqueued. `offered: false`
 * when the list was owed more than fits one transaction (the rest is passed on after it commits).
 * null when the guard's cancellation window is closed for the event as read; the write is then
 * conditioned on the event's `version`, so an edit of its start or cutoff meanwhile makes it re-read.
 */
async function releaseItems(
  db: Db,
  item: Item,
  to: RegistrationStatus,
  now: string,
  jobs: NewJob[],
  expiredOnly: boolean,
  guard: TransitionGuard,
): Promise<{ writes: TransactItem[]; offered: boolean } | null> {
  const registration = toRegistration(item);
  const from = registration.status;
  assertMove('registration', from, to);
  const eventItem = await getEventItem(db, registration.eventId);
  const event = eventItem ? toEventWithCounts(eventItem) : null;
  if (guard.withinCancellationWindow && event && cancellationWindowClosed(registration, event, new Date(now))) return null;
  const releasing = releasesSpots(to);
  const registrationUpdate = new UpdateBuilder().set('status', to).set('updatedAt', now).condition('status', '=', from);
  if (releasing) registrationUpdate.set('holdExpiresAt', null).remove('gsi3pk').remove('gsi3sk');
  if (expiredOnly) registrationUpdate.condition('holdExpiresAt', '<=', now);
  // The door counts admissions on the registration item in the check-in's transaction.
  if (guard.noTicketUsed) registrationUpdate.condition('checkedIn', '=', 0);
  const writes: TransactItem[] = [{ Update: { TableName: db.table, Key: keys.registration(registration.id), ...registrationUpdate.build() } }];
  if (from === 'pending_payment') writes.push(...(await holdMarkerRelease(db, registration)));
  if (!releasing) return { writes: [...writes, ...jobPuts(db, jobs, now)], offered: true };

  const takenAs = spotsTakenAs(from);
  if (takenAs) writes.push(...accountTicketsRelease(db, item), ...promoUseRelease(db, registration));
  // The spots go back to the shard they were taken from.
  const updates = eventItem ? shardUpdates(eventItem) : [];
  const home = Math.min(registrationShard(item), updates.length - 1);
  let eventUpdate: UpdateBuilder | null = null;
  if (event && takenAs) {
    eventUpdate = updates[home]!.add(EVENT_LEFT, registration.quantity);
    if (guard.withinCancellationWindow) eventUpdate.condition('version', '=', eventItem!.version);
    for (const line of registration.lines) {
      eventUpdate.add(counter[takenAs](line.ticketTypeId), -line.quantity);
      const ticketType = event.ticketTypes.find((t) => t.id === line.ticketTypeId);
      if (ticketType && ticketType.quantity !== null) eventUpdate.add(counter.left(line.ticketTypeId), line.quantity);
    }
  }

  const ticketIds = (item.ticketIds as string[] | undefined) ?? [];
  const tickets = (await getItems(db, ticketIds.map((id) => keys.ticket(id)))).map(toTicket);
  for (const ticket of tickets.filter((t) => canMove('ticket', t.status, 'cancelled'))) {
    // Conditional on the status read, so a scan landing in between makes the transaction re-read.
    const cancel = new UpdateBuilder().set('status', 'cancelled').set('changedAt', now).condition('status', '=', ticket.status);
    for (const [attribute, value] of Object.entries(ticketChangedIndex(ticket, now))) cancel.set(attribute, value);
    writes.push({ Update: { TableName: db.table, Key: keys.ticket(ticket.id), ...cancel.build() } });
  }
  writes.push(...jobPuts(db, jobs, now));
  if (!event || !eventUpdate || !takenAs) return { writes, offered: true };
  const after = spotsGivenBack(event, registration.lines, takenAs);
  const round = await planOfferRound(db, eventItem!, after, now, MAX_TRANSACT_ITEMS - writes.length - updates.length);
  writes.push(...round.writes, ...round.counterWrites(updates, home));
  return { writes, offered: round.complete };
}

export async function transitionRegistration(
  db: Db,
  id: string,
  from: RegistrationStatus[],
  to: RegistrationStatus,
  now: string,
  jobs: NewJob[],
  guard: TransitionGuard = {},
): Promise<Registration | null> {
  return release(db, id, from, to, now, jobs, false, guard);
}

async function release(
  db: Db,
  id: string,
  from: RegistrationStatus[],
  to: RegistrationStatus,
  now: string,
  jobs: NewJob[],
  expiredOnly: boolean,
  guard: TransitionGuard = {},
): Promise<Registration | null> {
  for (let attempt = 0; attempt < MAX_PLACEMENT_ATTEMPTS; attempt++) {
    const item = await getRegistrationItem(db, id);
    if (!item || !from.includes(item.status as RegistrationStatus)) return null;
    if (expiredOnly && !holdHasLapsed(toRegistration(item), new Date(now))) return null;
    if (guard.noTicketUsed && ((item.checkedIn as number | undefined) ?? 0) > 0) return null;
    const move = await releaseItems(db, item, to, now, jobs, expiredOnly, guard);
    if (!move) return null;
    const outcome = await transact(db, move.writes);
    if (outcome.ok) {
      if (!move.offered) await offerFreedSpots(db, item.eventId as string, now);
      return getRegistration(db, id);
    }
    // A changed status is re-read above; a ticket scanned meanwhile means re-reading the tickets.
  }
  throw new Error(`Registration ${id} kept changing while it was being moved to ${to}.`);
}

/** Expires pending registrations whose hold ended at or before `now` (optionally of one event). */
export async function expireHolds(db: Db, now: string, limit: number, eventId?: string): Promise<number> {
  const items = await queryDueShards(
    db,
    partitions.holds,
    DUE_WORK_SHARDS,
    `${now}#\uffff`,
    limit,
    eventId ? { expression: 'eventId = :eventId', values: { ':eventId': eventId } } : undefined,
  );
  let expired = 0;
  for (const item of items) {
    if (await release(db, item.id as string, ['pending_payment'], 'expired', now, [], true)) expired++;
  }
  return expired;
}

/** Paid and ticketed in one transaction, on condition the hold is still pending and unexpired. */
export async function confirmPayment(
  db: Db,
  registrationId: string,
  intent: PaymentIntent,
  tickets: Ticket[],
  jobs: NewJob[],
  now: string,
): Promise<ConfirmPaymentResult> {
  const item = await getRegistrationItem(db, registrationId);
  if (!item) return { ok: false, reason: 'not_pending', registration: null };
  const registration = toRegistration(item);
  if (!holdIsLive(registration, new Date(now))) return { ok: false, reason: 'not_pending', registration };
  const ticketIds = [...((item.ticketIds as string[] | undefined) ?? []), ...tickets.map((t) => t.id)];
  const registrationUpdate = new UpdateBuilder()
    .set('status', 'confirmed')
    .set('holdExpiresAt', null)
    .set('updatedAt', now)
    .set('ticketIds', ticketIds)
    .remove('gsi3pk')
    .remove('gsi3sk')
    // holdIsLive, at write time.
    .condition('status', '=', 'pending_payment')
    .condition('holdExpiresAt', '>', now);
  const eventUpdate = new UpdateBuilder();
  for (const line of registration.lines) {
    eventUpdate.add(counter.held(line.ticketTypeId), -line.quantity).add(counter.sold(line.ticketTypeId), line.quantity);
  }
  const confirmation: TransactItem[] = [
    { Update: { TableName: db.table, Key: keys.registration(registrationId), ...registrationUpdate.build() } },
    { Update: { TableName: db.table, Key: counterShardKey(registration.eventId, registrationShard(item)), ...eventUpdate.build() } },
    { Put: { TableName: db.table, Item: paymentIntentItem(intent) } },
  ];
  const after = [...jobPuts(db, jobs, now), ...(await holdMarkerRelease(db, registration))];
  const codes = new TicketCodeClaims(db, tickets);
  for (;;) {
    const outcome = await transact(db, [...confirmation, ...ticketPuts(db, codes.tickets, registrationShard(item)), ...after]);
    if (outcome.ok) {
      return { ok: true, registration: { ...registration, status: 'confirmed', holdExpiresAt: null, updatedAt: now } };
    }
    if (!codes.redrawTaken(outcome.failed, confirmation.length)) {
      return { ok: false, reason: 'not_pending', registration: await getRegistration(db, registrationId) };
    }
  }
}

export async function listRegistrationsByUser(db: Db, userId: string, limit: number, cursor?: string): Promise<Page<Registration>> {
  const page = await queryPage(
    db,
    {
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': partitions.userRegistrations(userId) },
      ScanIndexForward: false,
    },
    ['gsi1pk', 'gsi1sk'],
    limit,
    cursor,
  );
  return { items: page.items.map(toRegistration), nextCursor: page.nextCursor };
}

export async function listRegistrantsByEvent(db: Db, eventId: string, limit: number, cursor?: string): Promise<Page<RegistrantRow>> {
  const page = await queryEventIndexPage(db, eventId, partitions.eventRegistrations, limit, cursor);
  return {
    items: page.items.map((item) => ({ registration: toRegistration(item), checkedIn: (item.checkedIn as number | undefined) ?? 0 })),
    nextCursor: page.nextCursor,
  };
}

/** Strongly consistent: the registration item lists its ticket ids, read with one BatchGetItem. */
export async function listTicketsByRegistration(db: Db, registrationId: string): Promise<Ticket[]> {
  const item = await getRegistrationItem(db, registrationId);
  const ids = (item?.ticketIds as string[] | undefined) ?? [];
  return (await withCodes(db, await getItems(db, ids.map((id) => keys.ticket(id))))).map(toTicket);
}
