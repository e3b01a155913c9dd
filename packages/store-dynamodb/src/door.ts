import { admission, type CheckIn, type CheckInOutcome, type CheckInResult, type Store } from '@ticketbooth/core';
import { getItem, query, transact, type Db, type TransactItem } from './db.js';
import { checkInItem, keys, partitions, toCheckIn, toTicket, type Item } from './items.js';
import { UpdateBuilder } from './update-builder.js';

type CheckInInput = Parameters<Store['checkIn']>[0];

const MAX_SCAN_ATTEMPTS = 4;

/**
 * valid -> used is a conditional update (`status = valid`), in one transaction with the check-in
 * record, the registration's checked-in count and the scan nonce (put if absent), so concurrent
 * scans admit once and a retried scan gets its first answer.
 */
export async function checkIn(db: Db, input: CheckInInput): Promise<CheckInOutcome> {
  for (let attempt = 0; attempt < MAX_SCAN_ATTEMPTS; attempt++) {
    if (input.nonce) {
      const first = await firstAnswer(db, input.eventId, input.nonce);
      if (first) return first;
    }
    // A preset answer (the QR failed verification) touches no ticket.
    const ticketItem = !input.presetResult && input.ticketId ? await getItem(db, keys.ticket(input.ticketId)) : null;
    const ticket = ticketItem ? toTicket(ticketItem) : null;
    const result: CheckInResult = input.presetResult ?? admission(ticket, input.eventId);
    const record: CheckIn = { id: input.id, eventId: input.eventId, ticketId: ticket?.id ?? null, nonce: input.nonce, result, at: input.at, by: input.by };
    const writes: TransactItem[] = [{ Put: { TableName: db.table, Item: checkInItem(record), ConditionExpression: 'attribute_not_exists(pk)' } }];
    if (input.nonce) {
      writes.push({
        Put: {
          TableName: db.table,
          Item: { ...keys.scanNonce(input.eventId, input.nonce), result, ticketId: ticket?.id ?? null },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      });
    }
    if (result === 'admitted' && ticket) {
      const admit = new UpdateBuilder().set('status', 'used').set('checkedInAt', input.at).condition('status', '=', ticket.status);
      writes.push({ Update: { TableName: db.table, Key: keys.ticket(ticket.id), ...admit.build() } });
      writes.push({
        Update: { TableName: db.table, Key: keys.registration(ticket.registrationId), ...new UpdateBuilder().add('checkedIn', 1).build() },
      });
    }
    const outcome = await transact(db, writes);
    if (outcome.ok) {
      return { result, ticket: ticket && result === 'admitted' ? { ...ticket, status: 'used', checkedInAt: input.at } : ticket };
    }
    // Lost a race: another scan used the ticket or the nonce first. Read again and answer from that.
  }
  throw new Error(`Check-in ${input.id} kept conflicting with other scans.`);
}

async function firstAnswer(db: Db, eventId: string, nonce: string): Promise<CheckInOutcome | null> {
  const item: Item | null = await getItem(db, keys.scanNonce(eventId, nonce));
  if (!item) return null;
  const ticketId = item.ticketId as string | null;
  const ticketItem = ticketId ? await getItem(db, keys.ticket(ticketId)) : null;
  return { result: item.result as CheckInResult, ticket: ticketItem ? toTicket(ticketItem) : null };
}

export async function listCheckIns(db: Db, eventId: string, limit: number): Promise<CheckIn[]> {
  const { items } = await query(db, {
    IndexName: 'gsi2',
    KeyConditionExpression: 'gsi2pk = :pk',
    ExpressionAttributeValues: { ':pk': partitions.eventCheckIns(eventId) },
    ScanIndexForward: false,
    Limit: limit,
  });
  return items.map(toCheckIn);
}
