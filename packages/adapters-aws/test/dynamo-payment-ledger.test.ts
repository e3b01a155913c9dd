import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { randomIds } from '@ticketbooth/core';
import { describePaymentLedgerContract } from '@ticketbooth/store-contract';
import { createTables } from '@ticketbooth/store-dynamodb';
import { startDynamoDbLocal } from '../../store-dynamodb/test/support/dynamodb-local.js';
import { createDynamoPaymentLedger } from '../src/index.js';

// Each open() has its own client and connection pool: another Lambda instance on the same table.
describePaymentLedgerContract('DynamoDB (DynamoDB Local)', async () => {
  const local = await startDynamoDbLocal();
  const tableName = `ticketbooth-ledger-${randomIds.newId('run')}`;
  await createTables(local.client, tableName);
  return {
    open: async () => createDynamoPaymentLedger({ doc: DynamoDBDocumentClient.from(local.newClient()), tableName }),
    cleanup: () => local.stop(),
  };
});
