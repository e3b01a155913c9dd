import { blockingHold, type Registration } from '@ticketbooth/core';
import { getItem, type Db, type TransactItem } from './db.js';
import { keys, toRegistration } from './items.js';

/**
 * One pending registration per account and event: a marker item per (account, event) naming the
 * live hold. The placement puts it on condition that there is none or that its hold has ended (a
 * lapsed hold does not count); every move out of pending_payment deletes it if it is still the
 * registration's own, in the same transaction.
 */
export function holdMarkerPut(db: Db, registration: Registration, now: string): TransactItem {
  return {
    Put: {
      TableName: db.table,
      Item: { ...keys.holdMarker(registration.userId, registration.eventId), registrationId: registration.id, holdExpiresAt: registration.holdExpiresAt },
      ConditionExpression: 'attribute_not_exists(pk) OR holdExpiresAt <= :now',
      ExpressionAttributeValues: { ':now': now },
    },
  };
}

/** The marker's delete when it is this registration's (a later placement may have taken over a lapsed one). */
export async function holdMarkerRelease(db: Db, registration: Registration): Promise<TransactItem[]> {
  const key = keys.holdMarker(registration.userId, registration.eventId);
  const marker = await getItem(db, key);
  if (marker?.registrationId !== registration.id) return [];
  return [{ Delete: { TableName: db.table, Key: key, ConditionExpression: 'registrationId = :id', ExpressionAttributeValues: { ':id': registration.id } } }];
}

/** A failed marker condition, explained by the rule: the live hold's id, or null when it has since gone. */
export async function explainHoldMarker(db: Db, placing: Registration, now: string): Promise<string | null> {
  const marker = await getItem(db, keys.holdMarker(placing.userId, placing.eventId));
  const heldItem = marker ? await getItem(db, keys.registration(marker.registrationId as string)) : null;
  return blockingHold(placing, heldItem ? [toRegistration(heldItem)] : [], new Date(now))?.id ?? null;
}
