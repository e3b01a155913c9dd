import { accountLimitReached, type AccountLimitReached, type AttendeePolicy, type Registration } from '@ticketbooth/core';
import { getItem, type Db, type TransactItem } from './db.js';
import { keys, type Item } from './items.js';

/**
 * The tickets an account holds for an event (its maxTicketsPerAccount): a counter item per
 * (account, event). The placement adds its quantity on condition that the sum stays within the
 * limit, in its own transaction, whose event condition (`version`) makes the limit it read the one
 * in force; every release (expired, cancelled, refunded) takes it back in the release's transaction.
 * Registrations placed before the counter existed are not in it (`accountTicketsCounted`).
 */
export function accountTicketsAdd(db: Db, registration: Registration, event: Pick<AttendeePolicy, 'maxTicketsPerAccount'>): TransactItem {
  return {
    Update: {
      TableName: db.table,
      Key: keys.accountTickets(registration.userId, registration.eventId),
      UpdateExpression: 'ADD tickets :quantity',
      // accountLimitReached at write time; the placement refuses a quantity above the limit before writing.
      ConditionExpression: 'attribute_not_exists(tickets) OR tickets <= :room',
      ExpressionAttributeValues: { ':quantity': registration.quantity, ':room': event.maxTicketsPerAccount - registration.quantity },
    },
  };
}

/** The counter's share of a release, when the registration was counted at its placement. */
export function accountTicketsRelease(db: Db, item: Item): TransactItem[] {
  if (item.accountTicketsCounted !== true) return [];
  const registration = item as unknown as Registration;
  return [
    {
      Update: {
        TableName: db.table,
        Key: keys.accountTickets(registration.userId, registration.eventId),
        UpdateExpression: 'ADD tickets :quantity',
        ExpressionAttributeValues: { ':quantity': -registration.quantity },
      },
    },
  ];
}

/** A failed counter condition, explained by the rule: the refusal's details, or null when it has since changed. */
export async function explainAccountTickets(db: Db, placing: Registration, event: Pick<AttendeePolicy, 'maxTicketsPerAccount'>): Promise<AccountLimitReached | null> {
  const counter = await getItem(db, keys.accountTickets(placing.userId, placing.eventId));
  const held = typeof counter?.tickets === 'number' ? counter.tickets : 0;
  return accountLimitReached(event, held, placing);
}
