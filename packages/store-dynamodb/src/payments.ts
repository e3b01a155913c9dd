import { randomUUID } from 'node:crypto';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { assertMove, type PaymentIntent } from '@ticketbooth/core';
import { getItem, query, queryAll, transact, type Db } from './db.js';
import { keys, partitions, paymentIntentItem, toPaymentIntent } from './items.js';
import { UpdateBuilder } from './update-builder.js';

/**
 * The registration item names its one payment intent: the intent is put only together with that
 * name, on the condition that it was not set yet; whoever loses reads the winner's intent.
 */
export async function openPaymentIntent(db: Db, intent: PaymentIntent): Promise<PaymentIntent> {
  const naming = new UpdateBuilder().set('paymentIntentId', intent.id).conditionExists('pk').conditionNotExists('paymentIntentId');
  const outcome = await transact(db, [
    { Update: { TableName: db.table, Key: keys.registration(intent.registrationId), ...naming.build() } },
    { Put: { TableName: db.table, Item: paymentIntentItem(intent), ConditionExpression: 'attribute_not_exists(pk)' } },
  ]);
  if (outcome.ok) return intent;
  const registration = await getItem(db, keys.registration(intent.registrationId));
  const named = typeof registration?.paymentIntentId === 'string' ? await getPaymentIntent(db, registration.paymentIntentId) : null;
  if (!named) throw new Error(`Registration ${intent.registrationId} has no payment intent to answer.`);
  return named;
}

export async function getPaymentIntent(db: Db, id: string): Promise<PaymentIntent | null> {
  const item = await getItem(db, keys.paymentIntent(id));
  return item ? toPaymentIntent(item) : null;
}

/**
 * Moves an intent on from the status read. The put carries a token of this call: a put applied
 * whose answer was lost fails the SDK's retry's condition, and reading the token back says it won.
 */
export async function updatePaymentIntent(db: Db, intent: PaymentIntent, expectedStatus: PaymentIntent['status']): Promise<boolean> {
  assertMove('payment_intent', expectedStatus, intent.status);
  const writeToken = randomUUID();
  try {
    await db.doc.send(
      new PutCommand({
        TableName: db.table,
        Item: { ...paymentIntentItem(intent), writeToken },
        ConditionExpression: '#status = :expected',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':expected': expectedStatus },
      }),
    );
    return true;
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
    return (await getItem(db, keys.paymentIntent(intent.id)))?.writeToken === writeToken;
  }
}

export async function listPaymentIntentsByRegistration(db: Db, registrationId: string): Promise<PaymentIntent[]> {
  const items = await queryAll(db, {
    IndexName: 'gsi2',
    KeyConditionExpression: 'gsi2pk = :pk',
    ExpressionAttributeValues: { ':pk': partitions.registrationIntents(registrationId) },
  });
  return items.map(toPaymentIntent);
}

export async function listProcessingPaymentIntents(db: Db, limit: number): Promise<PaymentIntent[]> {
  const { items } = await query(db, {
    IndexName: 'gsi3',
    KeyConditionExpression: 'gsi3pk = :pk',
    ExpressionAttributeValues: { ':pk': partitions.processingIntents },
    Limit: limit,
  });
  return items.map(toPaymentIntent);
}
