import { randomIds, spotsRemaining, totals, type StoredEvent, type Store } from '@ticketbooth/core';
import { T0, at, makeEvent, makeRegistration, makeTickets } from '@ticketbooth/testkit';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDynamoStore, createTables } from '../src/index.js';
import { counterShardKey } from '../src/counter-shards.js';
import { startDynamoDbLocal, type DynamoDbLocal } from './support/dynamodb-local.js';

/** Sharded counters (counter-shards.ts) with K = 8, where the shared contract cannot look: which shard holds what. */
const SHARDS = 8;
const anEvent = (overrides: Partial<StoredEvent>): StoredEvent =>
  makeEvent({ ticketTypes: [{ id: 'tt_ga', name: 'General admission', priceCents: 1000, quantity: null }], maxTicketsPerAccount: 10, ...overrides });
let local: DynamoDbLocal;
let tableName: string;
let store: Store;

const shardLefts = async (eventId: string): Promise<number[]> => {
  const doc = DynamoDBDocumentClient.from(local.client);
  const items = await Promise.all(
    Array.from({ length: SHARDS }, (_, shard) => doc.send(new GetCommand({ TableName: tableName, Key: counterShardKey(eventId, shard), ConsistentRead: true }))),
  );
  return items.map(({ Item }) => Item!.left as number);
};

beforeAll(async () => {
  local = await startDynamoDbLocal();
  tableName = `ticketbooth-${randomIds.newId('t')}`;
  await createTables(local.client, tableName);
  store = createDynamoStore({ client: local.client, tableName, counterShards: SHARDS });
});

afterAll(async () => {
  await local?.stop();
});

describe('DynamoDB counter shards (K = 8)', () => {
  it('splits the capacity over the shards and sums them on read', async () => {
    const event = anEvent({ capacity: 20 });
    await store.insertEvent(event);
    expect(await shardLefts(event.id)).toEqual([3, 3, 3, 3, 2, 2, 2, 2]);
    await store.placeRegistration(makeRegistration(event, { quantity: 2, status: 'confirmed', holdExpiresAt: null }), [], [], T0);
    const loaded = (await store.getEvent(event.id))!;
    expect(loaded.counts).toEqual({ tt_ga: { sold: 2, held: 0 } });
    expect((await shardLefts(event.id)).reduce((a, b) => a + b, 0)).toBe(18);
  });

  it('places an order that fits the sum of the shards but no single shard, by moving spots first', async () => {
    const event = anEvent({ capacity: 8 });
    await store.insertEvent(event);
    expect(await shardLefts(event.id)).toEqual([1, 1, 1, 1, 1, 1, 1, 1]);
    const placed = await store.placeRegistration(makeRegistration(event, { quantity: 5, status: 'confirmed', holdExpiresAt: null }), [], [], T0);
    expect(placed).toEqual({ ok: true });
    const lefts = await shardLefts(event.id);
    expect(lefts.reduce((a, b) => a + b, 0)).toBe(3);
    expect(Math.min(...lefts)).toBe(0);
    // The last 3 fit only together, on shards of one spot each: moved again, then sold out.
    expect(await store.placeRegistration(makeRegistration(event, { userId: 'usr_b', quantity: 3, status: 'confirmed', holdExpiresAt: null }), [], [], T0)).toEqual({ ok: true });
    expect(await store.placeRegistration(makeRegistration(event, { userId: 'usr_c', quantity: 1, status: 'confirmed', holdExpiresAt: null }), [], [], T0)).toEqual({
      ok: false,
      reason: 'sold_out',
      spotsRemaining: 0,
    });
  });

  it('gives cancelled spots back to the shard the registration took them from', async () => {
    const event = anEvent({ capacity: 16 });
    await store.insertEvent(event);
    const registration = makeRegistration(event, { quantity: 2, status: 'confirmed', holdExpiresAt: null });
    await store.placeRegistration(registration, [], [], T0);
    const taken = await shardLefts(event.id);
    const shard = taken.findIndex((left) => left === 0);
    expect(taken.filter((left) => left === 0)).toHaveLength(1);
    await store.transitionRegistration(registration.id, ['confirmed'], 'cancelled', T0, []);
    const after = await shardLefts(event.id);
    expect(after[shard]).toBe(2);
    expect(after).toEqual([2, 2, 2, 2, 2, 2, 2, 2]);
  });

  it("puts a registration and its tickets in their shard's index partitions, and reads every shard's", async () => {
    const event = anEvent({ capacity: 16 });
    await store.insertEvent(event);
    const placed = [];
    for (let i = 0; i < 6; i++) {
      const registration = makeRegistration(event, { userId: `usr_index_${i}`, status: 'confirmed', holdExpiresAt: null, createdAt: at(i) });
      expect(await store.placeRegistration(registration, makeTickets(registration), [], T0)).toEqual({ ok: true });
      placed.push(registration.id);
    }
    const doc = DynamoDBDocumentClient.from(local.client);
    const items = await Promise.all(placed.map(async (id) => (await doc.send(new GetCommand({ TableName: tableName, Key: { pk: `REG#${id}`, sk: 'REG' } }))).Item!));
    expect(new Set(items.map((item) => item.gsi2pk)).size).toBeGreaterThan(1);
    const pages: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await store.listRegistrantsByEvent(event.id, 4, cursor);
      pages.push(...page.items.map((row) => row.registration.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(pages).toEqual([...placed].reverse());
    expect((await store.eventStats(event.id)).registrations).toBe(6);
    expect((await store.listDoorTickets(event.id, null)).length).toBe(6);
  });

  it('sends a placement whose counter shard is in another transaction to another shard at once', async () => {
    const event = anEvent({ capacity: 16 });
    await store.insertEvent(event);
    // DynamoDB Local never answers TransactionConflict: the first placement is cancelled here, as
    // DynamoDB cancels one that reaches a shard another transaction holds (the counters first).
    const client = local.newClient();
    const shardsTried: string[] = [];
    client.middlewareStack.add(
      (next) => async (args) => {
        const items = (args.input as { TransactItems?: { Update?: { Key: { pk: { S: string } } } }[] }).TransactItems;
        if (!items) return next(args);
        shardsTried.push(items[0]!.Update!.Key.pk.S);
        if (shardsTried.length > 1) return next(args);
        const CancellationReasons = items.map((_, i) => ({ Code: i === 0 ? 'TransactionConflict' : 'None' }));
        throw new TransactionCanceledException({ message: 'Transaction cancelled (TransactionConflict)', $metadata: {}, CancellationReasons });
      },
      { step: 'deserialize', name: 'conflictOnce' },
    );
    const conflicted = createDynamoStore({ client, tableName, counterShards: SHARDS });
    const registration = makeRegistration(event, { userId: 'usr_conflict', status: 'confirmed', holdExpiresAt: null });
    expect(await conflicted.placeRegistration(registration, makeTickets(registration), [], T0)).toEqual({ ok: true });
    expect(shardsTried).toHaveLength(2);
    expect(shardsTried[1]).not.toBe(shardsTried[0]);
    const lefts = await shardLefts(event.id);
    expect(lefts.reduce((a, b) => a + b, 0)).toBe(15);
    expect(lefts[[...Array(SHARDS).keys()].find((shard) => counterShardKey(event.id, shard).pk === shardsTried[1])!]).toBe(1);
  });

  it('never oversells under concurrent orders of several sizes from two clients', async () => {
    const event = anEvent({ capacity: 50 });
    await store.insertEvent(event);
    const other = createDynamoStore({ client: local.newClient(), tableName, counterShards: SHARDS });
    const quantities = Array.from({ length: 120 }, (_, i) => 1 + (i % 3));
    const results = await Promise.all(
      quantities.map((quantity, i) =>
        (i % 2 ? other : store).placeRegistration(makeRegistration(event, { userId: `usr_rush_${i}`, quantity, status: 'confirmed', holdExpiresAt: null }), [], [], T0),
      ),
    );
    const loaded = (await store.getEvent(event.id))!;
    const placed = quantities.filter((_, i) => results[i]!.ok).reduce((a, b) => a + b, 0);
    expect(totals(loaded).sold).toBe(placed);
    expect(placed).toBeLessThanOrEqual(50);
    const lefts = await shardLefts(event.id);
    expect(Math.min(...lefts)).toBeGreaterThanOrEqual(0);
    expect(lefts.reduce((a, b) => a + b, 0)).toBe(spotsRemaining(loaded));
    // Refused only when the shards together had no room for that order.
    for (const result of results) if (!result.ok) expect(result).toMatchObject({ reason: 'sold_out' });
    expect(spotsRemaining(loaded)).toBeLessThan(3);
  }, 120_000);
});
