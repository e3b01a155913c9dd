import { MAX_CODE_DRAWS } from '@ticketbooth/core';
import { drawTicketCode, getItem, getItems, transact, type Db } from './db.js';
import { queryEventIndex } from './event-index.js';
import { keys, partitions, ticketChangedIndex, type Item } from './items.js';
import { UpdateBuilder } from './update-builder.js';

/**
 * Tickets issued before short codes existed have no code, and so no place in their event's door
 * data. Each gets a code the first time it is read (a ticket read, or its event's door data),
 * atomically: the code claimed put-if-absent with the ticket updated on condition it has none, so
 * concurrent readers agree on one code. No table scan is needed (nor granted).
 */

const SWEEP_SLICE = 500;

/** Marks an event whose tickets from before codes were all given theirs (looked up once). */
const sweptKey = (eventId: string) => ({ pk: `LEGACYCODES#${eventId}`, sk: 'LEGACYCODES' });

/** The ticket item with a code: as it was when it had one, else as stored after giving it one. */
async function withCode(db: Db, ticket: Item): Promise<Item> {
  if (ticket.code !== undefined) return ticket;
  for (let draw = 0; draw <= MAX_CODE_DRAWS; draw++) {
    const code = drawTicketCode(db);
    // When the store sees it: door data pulled since then brings it.
    const changedAt = new Date().toISOString();
    // Its event is from before counter shards: its door data is the event's one partition.
    const give = new UpdateBuilder().set('code', code).set('changedAt', changedAt).set('gsi2pk', partitions.eventTickets(ticket.eventId as string)).conditionExists('pk').conditionNotExists('code');
    for (const [attribute, value] of Object.entries(ticketChangedIndex({ id: ticket.id as string }, changedAt))) give.set(attribute, value);
    const outcome = await transact(db, [
      { Put: { TableName: db.table, Item: { ...keys.ticketCode(ticket.eventId as string, code), ticketId: ticket.id }, ConditionExpression: 'attribute_not_exists(pk)' } },
      { Update: { TableName: db.table, Key: keys.ticket(ticket.id as string), ...give.build() } },
    ]);
    if (outcome.ok) return { ...ticket, code, changedAt };
    // Another reader gave it its code first: that one stands.
    if (outcome.failed.includes(1)) return (await getItem(db, keys.ticket(ticket.id as string))) ?? ticket;
  }
  throw new Error(`Ticket codes kept being taken at event ${String(ticket.eventId)}.`);
}

/** Codes given at once: a bound on the transactions one read starts. */
const PARALLEL_GIVES = 25;

/** Ticket items as read, each with its code (given one now if it had none). */
export async function withCodes(db: Db, tickets: Item[]): Promise<Item[]> {
  if (tickets.every((t) => t.code !== undefined)) return tickets;
  const out: Item[] = [];
  for (let i = 0; i < tickets.length; i += PARALLEL_GIVES) out.push(...(await Promise.all(tickets.slice(i, i + PARALLEL_GIVES).map((t) => withCode(db, t)))));
  return out;
}

/**
 * Before an event's door data is read: once per event, its tickets without a code (found through
 * its registrations, which list their tickets) are given one, so the door lists every ticket.
 */
export async function sweepLegacyTickets(db: Db, eventId: string): Promise<void> {
  if (await getItem(db, sweptKey(eventId))) return;
  const registrations = await queryEventIndex(
    db,
    eventId,
    partitions.eventRegistrations,
    (pk) => ({ IndexName: 'gsi2', KeyConditionExpression: 'gsi2pk = :pk', ExpressionAttributeValues: { ':pk': pk }, ProjectionExpression: 'ticketIds' }),
    () => '', // any order
  );
  const ticketIds = registrations.flatMap((r) => (r.ticketIds as string[] | undefined) ?? []);
  // In slices, so a large event's tickets are never all in memory at once.
  for (let i = 0; i < ticketIds.length; i += SWEEP_SLICE) {
    const tickets = await getItems(db, ticketIds.slice(i, i + SWEEP_SLICE).map((id) => keys.ticket(id)));
    await withCodes(db, tickets);
  }
  await transact(db, [{ Put: { TableName: db.table, Item: { ...sweptKey(eventId), sweptAt: new Date().toISOString() } } }]);
}
