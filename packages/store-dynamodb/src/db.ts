import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  GetCommand,
  QueryCommand,
  TransactWriteCommand,
  type DynamoDBDocumentClient,
  type QueryCommandInput,
  type TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { randomTicketCode } from '@ticketbooth/core';
import type { Item } from './items.js';
import { TRANSIENT_CANCELLATIONS } from './unavailable.js';

export type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

export interface Db {
  doc: DynamoDBDocumentClient;
  table: string;
  /** Draws a ticket code in place of one already taken at its event (default random; tests force collisions). */
  newTicketCode?: () => string;
  /** Counter shards of every new event (default: chosen from its capacity, counterShardsFor). */
  counterShards?: number;
}

/** A ticket code drawn in place of a taken one (or for a ticket from before codes). */
export const drawTicketCode = (db: Db): string => (db.newTicketCode ?? randomTicketCode)();

/** How a TransactWriteItems ended: committed, or the index of each item whose condition failed. */
export type TransactOutcome = { ok: true } | { ok: false; failed: number[] };

/** Transaction conflicts with concurrent transactions on the same items are retried this many times. */
export const MAX_CONFLICT_RETRIES = 12;
/** Full jitter over 10 ms doubling to a 1 s cap, before conflict retry `attempt` (0-based). */
export const conflictBackoffMs = (attempt: number): number => Math.random() * Math.min(1000, 10 * 2 ** attempt);

/**
 * One try of a TransactWriteItems: as `transact`'s outcome, or cancelled for a transient reason
 * (`cancellation`, DynamoDB's answer), the items at `conflicted` being in other in-flight transactions.
 */
export type TransactTry = TransactOutcome | { ok: false; failed: []; conflicted: number[]; cancellation: TransactionCanceledException };

/**
 * One TransactWriteItems, sent once (the SDK's own retries aside). A transient cancellation is
 * answered with the positions of the conflicting items, for a caller that can send a different
 * transaction instead (another counter shard).
 */
export async function transactOnce(db: Db, items: TransactItem[]): Promise<TransactTry> {
  try {
    await db.doc.send(new TransactWriteCommand({ TransactItems: items }));
    return { ok: true };
  } catch (error) {
    if (!(error instanceof TransactionCanceledException)) throw error;
    const reasons = error.CancellationReasons ?? [];
    const failed = reasons.flatMap((r, i) => (r.Code === 'ConditionalCheckFailed' ? [i] : []));
    if (failed.length > 0) return { ok: false, failed };
    if (!reasons.some((r) => TRANSIENT_CANCELLATIONS.has(r.Code ?? ''))) throw error;
    return { ok: false, failed: [], conflicted: reasons.flatMap((r, i) => (r.Code === 'TransactionConflict' ? [i] : [])), cancellation: error };
  }
}

/**
 * One TransactWriteItems. A failed condition is an answer (returned); a conflict with another
 * in-flight transaction is transient and retried with full-jitter exponential backoff, bounded.
 * Each try is a new transaction (a new ClientRequestToken: the cancelled one applied nothing);
 * the SDK's own retries of one try (throttled, timed out) resend its token, so DynamoDB applies
 * a try at most once even when its first answer was lost.
 */
export async function transact(db: Db, items: TransactItem[]): Promise<TransactOutcome> {
  return retryConflicts(db, items, await transactOnce(db, items));
}

/** `transact` after a first try: a try cancelled for a transient reason is sent again after a backoff. */
export async function retryConflicts(db: Db, items: TransactItem[], first: TransactTry): Promise<TransactOutcome> {
  let outcome = first;
  for (let attempt = 0; 'cancellation' in outcome; attempt++) {
    if (attempt >= MAX_CONFLICT_RETRIES) throw outcome.cancellation;
    await sleep(conflictBackoffMs(attempt));
    outcome = await transactOnce(db, items);
  }
  return outcome;
}

export async function getItem(db: Db, key: Item): Promise<Item | null> {
  const { Item: item } = await db.doc.send(new GetCommand({ TableName: db.table, Key: key, ConsistentRead: true }));
  return item ?? null;
}

/** Strongly consistent batch read, in the order of `keys`, missing items skipped. */
export async function getItems(db: Db, keyList: Item[]): Promise<Item[]> {
  const found = new Map<string, Item>();
  for (let i = 0; i < keyList.length; i += 100) {
    let pending: Item[] = keyList.slice(i, i + 100);
    while (pending.length > 0) {
      const response = await db.doc.send(
        new BatchGetCommand({ RequestItems: { [db.table]: { Keys: pending, ConsistentRead: true } } }),
      );
      for (const item of response.Responses?.[db.table] ?? []) found.set(`${item.pk}|${item.sk}`, item);
      pending = (response.UnprocessedKeys?.[db.table]?.Keys as Item[] | undefined) ?? [];
    }
  }
  return keyList.flatMap((k): Item[] => {
    const item = found.get(`${k.pk}|${k.sk}`);
    return item ? [item] : [];
  });
}

export async function query(db: Db, input: Omit<QueryCommandInput, 'TableName'>): Promise<{ items: Item[]; lastKey: Item | undefined }> {
  const response = await db.doc.send(new QueryCommand({ TableName: db.table, ...input }));
  return { items: response.Items ?? [], lastKey: response.LastEvaluatedKey };
}

/**
 * The first `count` items of a query (all of them for Infinity), following pagination: DynamoDB
 * ends a page at 1 MB read, however many items `Limit` asked for.
 */
export async function queryUpTo(db: Db, input: Omit<QueryCommandInput, 'TableName' | 'ExclusiveStartKey' | 'Limit'>, count: number): Promise<Item[]> {
  const items: Item[] = [];
  let start: Item | undefined;
  do {
    const page = await query(db, { ...input, ...(Number.isFinite(count) ? { Limit: count - items.length } : {}), ExclusiveStartKey: start });
    items.push(...page.items);
    start = page.lastKey;
  } while (start && items.length < count);
  return items;
}

/** Every item of a query, following pagination. */
export const queryAll = (db: Db, input: Omit<QueryCommandInput, 'TableName' | 'ExclusiveStartKey' | 'Limit'>): Promise<Item[]> => queryUpTo(db, input, Infinity);

/**
 * Due items across every shard of a sharded gsi3 partition, earliest first: each shard is queried for
 * up to `limit` items with `gsi3sk <= due`, and the merged list is cut at `limit`.
 */
export async function queryDueShards(
  db: Db,
  partition: (shard: number) => string,
  shards: number,
  due: string,
  limit: number,
  filter?: { expression: string; values: Item },
): Promise<Item[]> {
  const pages = await Promise.all(
    Array.from({ length: shards }, (_, shard) =>
      query(db, {
        IndexName: 'gsi3',
        KeyConditionExpression: 'gsi3pk = :pk AND gsi3sk <= :due',
        ExpressionAttributeValues: { ':pk': partition(shard), ':due': due, ...filter?.values },
        ...(filter ? { FilterExpression: filter.expression } : { Limit: limit }),
      }),
    ),
  );
  return pages
    .flatMap((p) => p.items)
    .sort((a, b) => String(a.gsi3sk).localeCompare(String(b.gsi3sk)))
    .slice(0, limit);
}

/** Cursors are opaque: the base64url JSON of the last returned item's table and index keys. */
export function encodeCursor(item: Item, indexKeys: readonly string[]): string {
  const key: Item = { pk: item.pk, sk: item.sk };
  for (const k of indexKeys) key[k] = item[k];
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

export function decodeCursor(cursor: string | undefined): Item | undefined {
  if (!cursor) return undefined;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as Item;
  } catch {
    // fall through: an unreadable cursor starts from the beginning
  }
  return undefined;
}

/**
 * One page of an index query with a filter: DynamoDB applies Limit before the filter, so this
 * reads on until `limit` matches (or the end) and cuts the cursor at the last returned item.
 * `keep` filters further, in code, for what an expression cannot say.
 */
export async function queryPage(
  db: Db,
  input: Omit<QueryCommandInput, 'TableName' | 'ExclusiveStartKey' | 'Limit'>,
  indexKeys: readonly string[],
  limit: number,
  cursor: string | undefined,
  keep: (item: Item) => boolean = () => true,
): Promise<{ items: Item[]; nextCursor: string | null }> {
  const items: Item[] = [];
  let start = decodeCursor(cursor);
  let exhausted = false;
  while (items.length <= limit && !exhausted) {
    const page = await query(db, { ...input, ExclusiveStartKey: start, Limit: Math.max(limit + 1, 25) });
    items.push(...page.items.filter(keep));
    start = page.lastKey;
    exhausted = !start;
  }
  const returned = items.slice(0, limit);
  const more = items.length > limit;
  return { items: returned, nextCursor: more ? encodeCursor(returned[returned.length - 1]!, indexKeys) : null };
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
