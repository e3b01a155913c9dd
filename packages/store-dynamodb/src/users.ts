import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { normalizeEmail, type User } from '@ticketbooth/core';
import { getItem, transact, type Db } from './db.js';
import { keys, toUser, userItem } from './items.js';

/** The email item makes emails unique: both puts commit together or neither does. */
export async function insertUser(db: Db, user: User): Promise<{ ok: true } | { ok: false; reason: 'email_taken' }> {
  const email = normalizeEmail(user.email);
  const outcome = await transact(db, [
    { Put: { TableName: db.table, Item: userItem({ ...user, email }), ConditionExpression: 'attribute_not_exists(pk)' } },
    { Put: { TableName: db.table, Item: { ...keys.email(email), userId: user.id }, ConditionExpression: 'attribute_not_exists(pk)' } },
  ]);
  return outcome.ok ? { ok: true } : { ok: false, reason: 'email_taken' };
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
