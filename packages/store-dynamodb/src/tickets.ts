import { MAX_CODE_DRAWS, type Page, type RedrawnCodes, type Ticket } from '@ticketbooth/core';
import { drawTicketCode, getItem, queryPage, type Db, type TransactItem } from './db.js';
import { withCodes } from './legacy-codes.js';
import { keys, partitions, ticketItem, toTicket } from './items.js';

/** The puts that insert tickets: each ticket (in its registration's counter `shard`), and its short code claimed within the event (put if absent). */
export function ticketPuts(db: Db, tickets: Ticket[], shard = 0): TransactItem[] {
  return tickets.flatMap((t) => [
    { Put: { TableName: db.table, Item: ticketItem(t, shard), ConditionExpression: 'attribute_not_exists(pk)' } },
    { Put: { TableName: db.table, Item: { ...keys.ticketCode(t.eventId, t.code), ticketId: t.id }, ConditionExpression: 'attribute_not_exists(pk)' } },
  ]);
}

/**
 * The tickets of one transaction's ticketPuts, with their codes drawn anew where taken: first
 * those repeating another's code in the batch (one transaction cannot claim a code twice), then,
 * after each failed transaction, those whose claim failed, at most MAX_CODE_DRAWS times.
 */
export class TicketCodeClaims {
  private draws = 0;
  tickets: Ticket[];

  constructor(private readonly db: Db, private readonly asked: Ticket[]) {
    const seen = new Set<string>();
    this.tickets = asked.map((t) => {
      let code = t.code;
      while (seen.has(code)) code = drawTicketCode(db);
      seen.add(code);
      return code === t.code ? t : { ...t, code };
    });
  }

  /**
   * After a failed transaction whose ticketPuts began at item `offset`: true when a code claim
   * failed, its code is drawn anew and the transaction should be tried again.
   */
  redrawTaken(failed: number[], offset: number): boolean {
    // Each ticket's puts are [ticket, code claim]: the claim of ticket i is item offset + 2i + 1.
    const claims = failed.filter((i) => i >= offset && i < offset + 2 * this.tickets.length && (i - offset) % 2 === 1);
    const taken = new Set(claims.map((i) => (i - offset - 1) / 2));
    if (taken.size === 0) return false;
    if (++this.draws > MAX_CODE_DRAWS) throw new Error(`Ticket codes kept being taken at event ${this.asked[0]!.eventId}.`);
    const inUse = new Set(this.tickets.map((t) => t.code));
    this.tickets = this.tickets.map((t, i) => {
      if (!taken.has(i)) return t;
      let code = drawTicketCode(this.db);
      while (inUse.has(code)) code = drawTicketCode(this.db);
      inUse.add(code);
      return { ...t, code };
    });
    return true;
  }

  /** The codes stored in place of those asked for, if any. */
  redrawn(): RedrawnCodes | undefined {
    const changed = this.tickets.filter((t, i) => t.code !== this.asked[i]!.code);
    return changed.length === 0 ? undefined : Object.fromEntries(changed.map((t) => [t.id, t.code]));
  }
}

export async function getTicket(db: Db, id: string): Promise<Ticket | null> {
  const item = await getItem(db, keys.ticket(id));
  return item ? toTicket((await withCodes(db, [item]))[0]!) : null;
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
  return { items: (await withCodes(db, page.items)).map(toTicket), nextCursor: page.nextCursor };
}
