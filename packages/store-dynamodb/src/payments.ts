import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { assertMove, type PaymentIntent } from '@ticketbooth/core';
import { getItem, query, queryAll, type Db } from './db.js';
import { keys, partitions, paymentIntentItem, toPaymentIntent } from './items.js';

export async function insertPaymentIntent(db: Db, intent: PaymentIntent): Promise<void> {
  await db.doc.send(new PutCommand({ TableName: db.table, Item: paymentIntentItem(intent), ConditionExpression: 'attribute_not_exists(pk)' }));
}

export async function getPaymentIntent(db: Db, id: string): Promise<PaymentIntent | null> {
  const item = await getItem(db, keys.paymentIntent(id));
  return item ? toPaymentIntent(item) : null;
}

export async function updatePaymentIntent(db: Db, intent: PaymentIntent, expectedStatus: PaymentIntent['status']): Promise<boolean> {
  assertMove('payment_intent', expectedStatus, intent.status);
  try {
    await db.doc.send(
      new PutCommand({
        TableName: db.table,
        Item: paymentIntentItem(intent),
        ConditionExpression: '#status = :expected',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':expected': expectedStatus },
      }),
    );
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
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
