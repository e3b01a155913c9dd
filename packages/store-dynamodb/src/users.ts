import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { DELETED_USER, accountDeletionBlock, normalizeEmail, unverifiedAccountExpired, type AccountDeletionBlock, type User } from '@ticketbooth/core';
import { getItem, getItems, queryAll, transact, type Db, type TransactItem } from './db.js';
import { keys, partitions, toEventWithCounts, toRegistration, toUser, userItem } from './items.js';
import { forgetWaitlistOf } from './waitlist-offers.js';

/** The email item makes emails unique: both puts commit together or neither does. */
export async function insertUser(db: Db, user: User): Promise<{ ok: true } | { ok: false; reason: 'email_taken' }> {
  const email = normalizeEmail(user.email);
  const put: TransactItem = { Put: { TableName: db.table, Item: userItem({ ...user, email }), ConditionExpression: 'attribute_not_exists(pk)' } };
  const outcome = await transact(db, [put, { Put: { TableName: db.table, Item: { ...keys.email(email), userId: user.id }, ConditionExpression: 'attribute_not_exists(pk)' } }]);
  if (outcome.ok) return { ok: true };
  const holder = await getUserByEmail(db, email);
  if (!holder || !unverifiedAccountExpired(holder, new Date(user.createdAt))) return { ok: false, reason: 'email_taken' };
  // The holder expired unverified: it goes and this account takes the email, in one transaction
  // that fails if the holder was verified, or the email moved, in the meantime.
  const takeover = await transact(db, [
    put,
    { Delete: { TableName: db.table, Key: keys.user(holder.id), ConditionExpression: 'emailVerified = :no', ExpressionAttributeValues: { ':no': false } } },
    { Put: { TableName: db.table, Item: { ...keys.email(email), userId: user.id }, ConditionExpression: 'userId = :holder', ExpressionAttributeValues: { ':holder': holder.id } } },
  ]);
  return takeover.ok ? { ok: true } : { ok: false, reason: 'email_taken' };
}

export async function getUser(db: Db, id: string): Promise<User | null> {
  const item = await getItem(db, keys.user(id));
  return item ? toUser(item) : null;
}

export async function getUserByEmail(db: Db, email: string): Promise<User | null> {
  const pointer = await getItem(db, keys.email(normalizeEmail(email)));
  return pointer ? getUser(db, pointer.userId as string) : null;
}

export async function markEmailVerified(db: Db, userId: string): Promise<void> {
  await db.doc.send(
    new UpdateCommand({
      TableName: db.table,
      Key: keys.user(userId),
      UpdateExpression: 'SET emailVerified = :yes',
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeValues: { ':yes': true },
    }),
  ).catch((error: unknown) => {
    if (!(error instanceof Error && error.name === 'ConditionalCheckFailedException')) throw error;
  });
}

/** Writes per transaction, within DynamoDB's 100. */
const BATCH = 50;

/**
 * The check reads the account's registrations and events; the anonymising then runs in
 * transactions conditioned on what was read (each registration's status unchanged), so a hold
 * confirmed meanwhile is seen and checked again. A registration placed in the same instant is not
 * seen: DynamoDB has no condition on "no such item exists in an index" (docs/aws.md).
 */
export async function deleteUser(db: Db, userId: string, now: Date): Promise<{ ok: true } | { ok: false; reason: AccountDeletionBlock }> {
  const user = await getUser(db, userId);
  if (!user) return { ok: true };
  const regItems = await queryAll(db, { IndexName: 'gsi1', KeyConditionExpression: 'gsi1pk = :pk', ExpressionAttributeValues: { ':pk': partitions.userRegistrations(userId) } });
  const registrations = (await getItems(db, regItems.map((r) => keys.registration(r.id as string)))).map(toRegistration);
  const eventIds = [...new Set(registrations.map((r) => r.eventId))];
  const events = new Map((await getItems(db, eventIds.map(keys.event))).map((e) => [e.id as string, toEventWithCounts(e)]));
  const owned = (await queryAll(db, { IndexName: 'gsi1', KeyConditionExpression: 'gsi1pk = :pk', ExpressionAttributeValues: { ':pk': partitions.organizerEvents(userId) } }))
    .map((e) => ({ endsAt: e.endsAt as string, status: e.status as 'draft' | 'published' | 'cancelled' }));
  const held = registrations.flatMap((r) => {
    const event = events.get(r.eventId);
    return event ? [{ ...r, event }] : [];
  });
  const block = accountDeletionBlock(held, owned, now);
  if (block) return { ok: false, reason: block };

  const ticketItems = await queryAll(db, { IndexName: 'gsi1', KeyConditionExpression: 'gsi1pk = :pk', ExpressionAttributeValues: { ':pk': partitions.userTickets(userId) } });
  const anonymise: TransactItem[] = [
    ...registrations.map((r): TransactItem => ({
      Update: {
        TableName: db.table, Key: keys.registration(r.id), UpdateExpression: 'SET attendeeName = :deleted, attendeeEmail = :deleted',
        ConditionExpression: '#status = :status', ExpressionAttributeNames: { '#status': 'status' }, ExpressionAttributeValues: { ':deleted': DELETED_USER, ':status': r.status },
      },
    })),
    ...ticketItems.map((t): TransactItem => ({
      Update: { TableName: db.table, Key: keys.ticket(t.id as string), UpdateExpression: 'SET attendeeName = :deleted', ExpressionAttributeValues: { ':deleted': DELETED_USER } },
    })),
  ];
  for (let i = 0; i < anonymise.length; i += BATCH) {
    // A registration that changed since the check (a hold confirmed): check again from the start.
    if (!(await transact(db, anonymise.slice(i, i + BATCH))).ok) return deleteUser(db, userId, now);
  }
  await forgetWaitlistOf(db, userId, now.toISOString());
  await transact(db, [
    { Delete: { TableName: db.table, Key: keys.user(userId) } },
    { Delete: { TableName: db.table, Key: keys.email(user.email), ConditionExpression: 'userId = :id', ExpressionAttributeValues: { ':id': userId } } },
  ]);
  return { ok: true };
}
