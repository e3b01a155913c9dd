import type { Page, Ticket } from '@ticketbooth/core';
import { getItem, queryPage, type Db } from './db.js';
import { keys, partitions, toTicket } from './items.js';

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
