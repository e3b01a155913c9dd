import type { Page, Ticket } from '@ticketbooth/core';
import { getItem, queryPage, type Db, type TransactItem } from './db.js';
import { keys, partitions, ticketItem, toTicket } from './items.js';

/** The puts that insert tickets: each ticket, and its short code claimed within the event. */
export function ticketPuts(db: Db, tickets: Ticket[]): TransactItem[] {
  return tickets.flatMap((t) => [
    { Put: { TableName: db.table, Item: ticketItem(t), ConditionExpression: 'attribute_not_exists(pk)' } },
    { Put: { TableName: db.table, Item: { ...keys.ticketCode(t.eventId, t.code), ticketId: t.id }, ConditionExpression: 'attribute_not_exists(pk)' } },
  ]);
}

export async function getTicket(db: Db, id: string): Promise<Ticket | null> {
  const item = await getItem(db, keys.ticket(id));
  return item ? toTicket(item) : null;
}

export async function listTicketsByUser(db: Db, userId: string, limit: number, cursor?: string): Promise<Page<Ticket>> {
  const page = await queryPage(
    db,
    {
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': partitions.userTickets(userId) },
      ScanIndexForward: false,
    },
    ['gsi1pk', 'gsi1sk'],
    limit,
    cursor,
  );
  return { items: page.items.map(toTicket), nextCursor: page.nextCursor };
}
