import { randomIds } from '@ticketbooth/core';
import { describeStoreContract } from '@ticketbooth/store-contract';
import { createDynamoStore, createTables } from '../src/index.js';
import { startDynamoDbLocal } from './support/dynamodb-local.js';

describeStoreContract('DynamoDB (DynamoDB Local, two clients)', async () => {
  const local = await startDynamoDbLocal();
  // A fresh table per run: the in-memory instance is private to this run anyway, the name keeps
  // the test honest should it ever point at a shared endpoint.
  const tableName = `ticketbooth-contract-${randomIds.newId('run')}`;
  await createTables(local.client, tableName);
  return {
    store: createDynamoStore({ client: local.client, tableName }),
    openAnother: async () => createDynamoStore({ client: local.newClient(), tableName }),
    withTicketCodes: async (newTicketCode) => createDynamoStore({ client: local.newClient(), tableName, newTicketCode }),
    cleanup: () => local.stop(),
  };
});
