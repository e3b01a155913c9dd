import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { ChargeResult, PaymentLedger } from '@ticketbooth/core';

export interface DynamoPaymentLedgerOptions {
  doc: DynamoDBDocumentClient;
  tableName: string;
}

/**
 * The mock gateway's ledger in the platform's DynamoDB table, so every Lambda instance sees every
 * charge (a function's /tmp is its own: a refund or a reconcile on another instance would find
 * nothing). One item per idempotency key under a `GATEWAY#` partition that no store item uses;
 * a conditional put decides which of two concurrent writers is on record.
 */
export function createDynamoPaymentLedger({ doc, tableName }: DynamoPaymentLedgerOptions): PaymentLedger {
  const chargeKey = (key: string) => ({ pk: `GATEWAY#CHARGE#${key}`, sk: 'CHARGE' });
  const refundKey = (key: string) => ({ pk: `GATEWAY#REFUND#${key}`, sk: 'REFUND' });

  const putOnce = async (item: Record<string, unknown>): Promise<boolean> => {
    try {
      await doc.send(new PutCommand({ TableName: tableName, Item: item, ConditionExpression: 'attribute_not_exists(pk)' }));
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  };
  const findCharge = async (key: string): Promise<ChargeResult | null> => {
    const { Item } = await doc.send(new GetCommand({ TableName: tableName, Key: chargeKey(key), ConsistentRead: true }));
    return Item ? (Item.result as ChargeResult) : null;
  };

  return {
    async recordCharge(charge) {
      if (await putOnce({ ...chargeKey(charge.key), ...charge })) return charge.result;
      const earlier = await findCharge(charge.key);
      if (!earlier) throw new Error(`Charge ${charge.key} was on record and then was not.`);
      return earlier;
    },
    findCharge,
    recordRefund: (refund) => putOnce({ ...refundKey(refund.key), ...refund }),
  };
}
