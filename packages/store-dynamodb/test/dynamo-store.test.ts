import { newJobs, randomIds, spotsRemaining, totals, type Job, type StoredEvent, type Store, type Ticket } from '@ticketbooth/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDynamoStore, createTables } from '../src/index.js';
import { startDynamoDbLocal, type DynamoDbLocal } from './support/dynamodb-local.js';
import { T0, at, makeEvent, makeIntent, makeRegistration, makeTickets, makeUser } from '@ticketbooth/testkit';
import { DeleteCommand, DynamoDBDocumentClient, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { TransactionCanceledException, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { keys } from '../src/items.js';
import { COUNTER_SHARD_RUNS } from './support/counter-shards.js';

/** What the shared contract (contract.test.ts) does not reach: this design's own moving parts. */
// One ticket type with a known id, so the counters can be read by it.
const anEvent = (overrides: Partial<StoredEvent>): StoredEvent => makeEvent({ ticketTypes: [{ id: 'tt_ga', name: 'General admission', priceCents: 1000, quantity: null }], ...overrides });
let local: DynamoDbLocal;
let store: Store;
let tableName: string;
/** Removes attributes from an item, as an item written by an older version of the store lacks them. */
const removeAttributes = (pk: string, sk: string, names: string[]) =>
  DynamoDBDocumentClient.from(local.client).send(new UpdateCommand({ TableName: tableName, Key: { pk, sk }, UpdateExpression: `REMOVE ${names.join(', ')}` }));

/**
 * Loses the answer of every request's first attempt after DynamoDB applied it (a timeout after the
 * write), so the SDK's retry meets the write already done.
 */
function losingFirstAnswers(client: DynamoDBClient): DynamoDBClient {
  const answered = new WeakSet<object>(); // one context per request, shared by its attempts
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const output = await next(args);
      if (answered.has(context)) return output;
      answered.add(context);
      throw Object.assign(new Error('connection timed out after the request was sent'), { name: 'TimeoutError', $metadata: {} });
    },
    { step: 'deserialize', name: 'loseFirstAnswer' },
  );
  return client;
}

beforeAll(async () => {
  local = await startDynamoDbLocal();
  tableName = `ticketbooth-${randomIds.newId('t')}`;
  await createTables(local.client, tableName);
  store = createDynamoStore({ client: local.client, tableName });
});

afterAll(async () => {
  await local?.stop();
});

describe('DynamoDB store specifics', () => {
  it.each(COUNTER_SHARD_RUNS)('never oversells while the organizer lowers the capacity during a rush (K = %i)', async (shards) => {
    const store = createDynamoStore({ client: local.client, tableName, counterShards: shards });
    const event = anEvent({ capacity: 40 });
    await store.insertEvent(event);
    const [placements, edits] = await Promise.all([
      Promise.all(Array.from({ length: 60 }, (_, i) => store.placeRegistration(makeRegistration(event, { userId: `usr_rush_${i}`, status: 'confirmed', holdExpiresAt: null }), [], [], T0))),
      Promise.all([30, 25, 35].map((capacity) => store.updateEvent(event.id, { capacity }, T0))),
    ]);
    const loaded = (await store.getEvent(event.id))!;
    const { sold, held } = totals(loaded);
    expect(sold + held).toBeLessThanOrEqual(loaded.capacity);
    expect(sold).toBe(placements.filter((p) => p.ok).length);
    expect(spotsRemaining(loaded)).toBe(loaded.capacity - sold);
    // Each edit either applied or was refused because the rush had already taken more.
    for (const edit of edits) expect(edit.ok || (!edit.ok && edit.reason === 'capacity_below_sold')).toBe(true);
  }, 60_000);

  it('a write applied whose answer was lost is known as done on the retry, and done once', async () => {
    const lossy = createDynamoStore({ client: losingFirstAnswers(local.newClient()), tableName });
    const event = anEvent({ capacity: 5 });
    await store.insertEvent(event);
    // A transaction: its retry carries the same ClientRequestToken, so the spots are taken once.
    const hold = makeRegistration(event, { quantity: 2 });
    expect(await lossy.placeRegistration(hold, [], [], T0)).toEqual({ ok: true });
    expect((await store.getEvent(event.id))!.counts.tt_ga).toEqual({ sold: 0, held: 2 });
    // Conditional single-item writes: the retry fails its condition, the token read back says ours.
    const scope = `usr_lossy|register|${randomIds.newId('k')}`;
    expect(await lossy.beginIdempotent(scope, 'h', T0, { leaseMs: 60_000, retentionMs: 3_600_000 })).toEqual({ state: 'started' });
    expect(await lossy.beginIdempotent(scope, 'h', at(2), { leaseMs: 60_000, retentionMs: 3_600_000 })).toEqual({ state: 'stale' });
    const intent = makeIntent(hold);
    await store.openPaymentIntent(intent);
    expect(await lossy.updatePaymentIntent({ ...intent, status: 'processing', chargeKey: 'key-1', updatedAt: at(1) }, 'requires_payment_method')).toBe(true);
    const [job] = newJobs(randomIds, [{ kind: 'send_ticket_mail', registrationId: hold.id }]);
    await store.enqueueJobs([job!], T0);
    expect((await lossy.claimJobsById([job!.id], T0, 60_000)).map((j) => [j.id, j.attempts])).toEqual([[job!.id, 1]]);
  });

  it('sweeps due holds from every shard of the due-work index', async () => {
    const event = anEvent({ capacity: 100 });
    await store.insertEvent(event);
    // One hold per account: an account holds one pending registration per event.
    const holds = Array.from({ length: 24 }, (_, i) => makeRegistration(event, { userId: `usr_sweep_${i}`, holdExpiresAt: at(1) }));
    for (const hold of holds) await store.placeRegistration(hold, [], [], T0);
    expect(await store.expireHolds(at(2), 1000)).toBeGreaterThanOrEqual(24);
    const statuses = await Promise.all(holds.map(async (h) => (await store.getRegistration(h.id))!.status));
    expect(new Set(statuses)).toEqual(new Set(['expired']));
    expect((await store.getEvent(event.id))!.counts.tt_ga).toEqual({ sold: 0, held: 0 });
  });

  it('keeps emails unique case-insensitively', async () => {
    const user = makeUser({ email: 'dup@example.com' });
    expect(await store.insertUser(user)).toEqual({ ok: true });
    expect(await store.insertUser(makeUser({ email: 'DUP@example.com' }))).toEqual({ ok: false, reason: 'email_taken' });
    expect((await store.getUserByEmail('Dup@Example.com'))!.id).toBe(user.id);
  });

  it('returns live counts with events found through an index', async () => {
    const marker = randomIds.newId('zz').toLowerCase().replace(/[^a-z0-9]/g, '');
    const event = anEvent({ name: `Jazz ${marker}`, capacity: 9 });
    await store.insertEvent(event);
    await store.placeRegistration(makeRegistration(event, { quantity: 2 }), [], [], T0);
    const found = await store.searchPublishedEvents({ q: marker, notEndedAt: T0, limit: 5 });
    expect(found.items.map((e) => e.counts)).toEqual([{ tt_ga: { sold: 0, held: 2 } }]);
    const mine = await store.listEventsByOrganizer(event.organizerId, 100);
    expect(mine.items.find((e) => e.id === event.id)!.counts).toEqual({ tt_ga: { sold: 0, held: 2 } });
  });

  it('hands a due job to exactly one of two concurrent claimers', async () => {
    const registrationId = randomIds.newId('reg');
    await store.enqueueJobs(newJobs(randomIds, [{ kind: 'send_ticket_mail', registrationId }]), T0);
    const mine = (jobs: Job[]) => jobs.filter((j) => 'registrationId' in j.payload && j.payload.registrationId === registrationId);
    const [a, b] = await Promise.all([store.claimJobs(T0, 50, 60_000), store.claimJobs(T0, 50, 60_000)]);
    expect(mine(a).length + mine(b).length).toBe(1);
  });

  it('reads an event written before the attendee policy existed with its defaults', async () => {
    const event = anEvent({ capacity: 5 });
    await store.insertEvent(event);
    await removeAttributes(`EVENT#${event.id}`, 'EVENT', ['maxTicketsPerAccount', 'attendeeCancellationCutoffHours']);
    expect(await store.getEvent(event.id)).toMatchObject({ maxTicketsPerAccount: 10, attendeeCancellationCutoffHours: 48 });
  });

  it('an account at its limit on a sold-out event gets account_limit even when DynamoDB reports only the room condition failed', async () => {
    // DynamoDB Local names every failed condition; DynamoDB is not promised to. This client reports
    // only the first one, as it may: the event's counters (the room).
    const client = local.newClient();
    client.middlewareStack.add(
      (next) => async (args) => {
        try {
          return await next(args);
        } catch (error) {
          if (error instanceof TransactionCanceledException) {
            const first = error.CancellationReasons?.findIndex((r) => r.Code === 'ConditionalCheckFailed') ?? -1;
            error.CancellationReasons = error.CancellationReasons?.map((r, i) => (r.Code === 'ConditionalCheckFailed' && i !== first ? { Code: 'None' } : r));
          }
          throw error;
        }
      },
      { step: 'initialize', name: 'reportOneFailedCondition' },
    );
    const terse = createDynamoStore({ client, tableName });
    const event = anEvent({ capacity: 3, maxTicketsPerAccount: 2 });
    await terse.insertEvent(event);
    const userId = `usr_${randomIds.newId('acct')}`;
    expect((await terse.placeRegistration(makeRegistration(event, { userId, status: 'confirmed', quantity: 2, holdExpiresAt: null }), [], [], T0)).ok).toBe(true);
    expect((await terse.placeRegistration(makeRegistration(event, { status: 'confirmed', quantity: 1, holdExpiresAt: null }), [], [], T0)).ok).toBe(true);
    expect(await terse.placeRegistration(makeRegistration(event, { userId, status: 'confirmed', quantity: 1, holdExpiresAt: null }), [], [], T0)).toEqual({
      ok: false, reason: 'account_limit', maxTicketsPerAccount: 2, held: 2,
    });
  });

  it("takes back from an account's tickets only what its placement counted", async () => {
    const event = anEvent({ capacity: 20, maxTicketsPerAccount: 5 });
    await store.insertEvent(event);
    const userId = `usr_${randomIds.newId('acct')}`;
    const counted = makeRegistration(event, { userId, status: 'confirmed', quantity: 3, holdExpiresAt: null });
    await store.placeRegistration(counted, [], [], T0);
    // As a registration placed before the counter existed: its release must not take from the counter.
    await removeAttributes(`REG#${counted.id}`, 'REG', ['accountTicketsCounted']);
    expect(await store.transitionRegistration(counted.id, ['confirmed'], 'cancelled', at(1), [])).toMatchObject({ status: 'cancelled' });
    expect(await store.placeRegistration(makeRegistration(event, { userId, status: 'confirmed', quantity: 3, holdExpiresAt: null }), [], [], at(2))).toEqual({
      ok: false, reason: 'account_limit', maxTicketsPerAccount: 5, held: 3,
    });
  });

  it('gives tickets from before short codes one code each when first read, so door data lists them and the code finds them', async () => {
    const event = anEvent({ capacity: 20 });
    await store.insertEvent(event);
    const doc = DynamoDBDocumentClient.from(local.client);
    /** As the store wrote a ticket before codes: no code, no claim of it, no place in the door data. */
    const asLegacy = async (ticket: Ticket) => {
      await removeAttributes(`TICKET#${ticket.id}`, 'TICKET', ['code', 'changedAt', 'gsi2pk', 'gsi2sk']);
      await doc.send(new DeleteCommand({ TableName: tableName, Key: keys.ticketCode(event.id, ticket.code) }));
    };
    const place = async (quantity: number) => {
      const r = makeRegistration(event, { userId: `usr_${randomIds.newId('acct')}`, status: 'confirmed', quantity, holdExpiresAt: null });
      const tickets = makeTickets(r);
      expect(await store.placeRegistration(r, tickets, [], T0)).toEqual({ ok: true });
      for (const t of tickets) await asLegacy(t);
      return { r, tickets };
    };
    const old = await place(3);

    // The event's door data finds them through their registration, each with a code of its own.
    const door = await store.listDoorTickets(event.id, null);
    expect(door.map((t) => t.id).sort()).toEqual(old.tickets.map((t) => t.id).sort());
    const codes = door.map((t) => t.code);
    expect(new Set(codes).size).toBe(3);
    for (const t of door) {
      expect(t.code).toMatch(/^[2-9A-HJKMNP-Z]{8}$/);
      expect((await store.getTicketByCode(event.id, t.code))?.id).toBe(t.id);
      expect((await store.getTicket(t.id))?.code).toBe(t.code);
    }

    // Once the event was swept, a ticket read gives the code: ten readers at once agree on one.
    const later = await place(1);
    const ticketId = later.tickets[0]!.id;
    const since = new Date(Date.now() - 60_000).toISOString();
    const read = await Promise.all(Array.from({ length: 10 }, (_, i) => (i % 2 ? store.getTicket(ticketId) : store.listTicketsByRegistration(later.r.id).then((l) => l[0]!))));
    const code = read[0]!.code;
    expect(code).toMatch(/^[2-9A-HJKMNP-Z]{8}$/);
    expect(read.map((t) => t!.code)).toEqual(Array(10).fill(code));
    expect((await store.getTicketByCode(event.id, code))?.id).toBe(ticketId);
    expect((await store.listDoorTickets(event.id, since)).find((t) => t.id === ticketId)).toMatchObject({ code });
  });
  it("pages a sharded event's registrants past DynamoDB's 1 MB pages without skipping or ending early", async () => {
    const sharded = createDynamoStore({ client: local.client, tableName, counterShards: 2 });
    const event = anEvent({ capacity: 20 });
    await sharded.insertEvent(event);
    const placed = Array.from({ length: 12 }, (_, i) =>
      makeRegistration(event, { userId: `usr_big_${i}`, status: 'confirmed', holdExpiresAt: null, createdAt: at(i) }),
    );
    for (const registration of placed) expect(await sharded.placeRegistration(registration, [], [], T0)).toEqual({ ok: true });
    // 350 KB on each registration item (projected into the index): a query page holds 2 of them.
    const doc = DynamoDBDocumentClient.from(local.client);
    const pad = 'x'.repeat(350_000);
    for (const r of placed) {
      await doc.send(new UpdateCommand({ TableName: tableName, Key: keys.registration(r.id), UpdateExpression: 'SET padding = :padding', ExpressionAttributeValues: { ':padding': pad } }));
    }
    const seen: string[] = [];
    let cursor: string | undefined;
    for (let pages = 0; pages < 10; pages++) {
      const page = await sharded.listRegistrantsByEvent(event.id, 5, cursor);
      seen.push(...page.items.map((row) => row.registration.id));
      if (!page.nextCursor) break;
      cursor = page.nextCursor;
    }
    expect(seen).toEqual([...placed].reverse().map((r) => r.id));
  }, 60_000);
  it("gives an event the counter shards its organizer asked for, over the store's own setting, and keeps them apart from what it has", async () => {
    const doc = DynamoDBDocumentClient.from(local.client);
    const sharded = createDynamoStore({ client: local.client, tableName, counterShards: 2 });
    const asked = anEvent({ capacity: 80, counterShards: 8 });
    const unasked = anEvent({ capacity: 80 });
    await sharded.insertEvent(asked);
    await sharded.insertEvent(unasked);
    const shardItem = async (id: string, shard: number) =>
      (await doc.send(new GetCommand({ TableName: tableName, Key: shard === 0 ? keys.eventCounters(id) : { pk: `EVENTCTR#${id}#${shard}`, sk: 'COUNTERS' } }))).Item;
    expect(await shardItem(asked.id, 7)).toBeDefined();
    expect(await shardItem(asked.id, 8)).toBeUndefined();
    expect(await shardItem(unasked.id, 1)).toBeDefined();
    expect(await shardItem(unasked.id, 2)).toBeUndefined();
    // Eight shards of 10 spots: 80 one-ticket orders all fit, the 81st does not.
    const orders = Array.from({ length: 81 }, (_, i) => makeRegistration(asked, { userId: `usr_k8_${i}`, status: 'confirmed', holdExpiresAt: null }));
    const placed = await Promise.all(orders.map((r) => sharded.placeRegistration(r, [], [], T0)));
    expect(placed.filter((p) => p.ok)).toHaveLength(80);
    expect((await sharded.getEvent(asked.id))!).toMatchObject({ counterShards: 8, capacity: 80, counts: { tt_ga: { sold: 80, held: 0 } } });
    expect((await sharded.getEvent(unasked.id))!.counterShards).toBeUndefined();
  }, 60_000);
});
