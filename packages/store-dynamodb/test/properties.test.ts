import { randomIds } from '@ticketbooth/core';
import { describeStoreProperties } from '@ticketbooth/store-contract';
import { createDynamoStore, createTables } from '../src/index.js';
import { startDynamoDbLocal } from './support/dynamodb-local.js';

describeStoreProperties(
  'DynamoDB (DynamoDB Local, two clients)',
  async () => {
    const local = await startDynamoDbLocal();
    const tableName = `ticketbooth-properties-${randomIds.newId('run')}`;
    await createTables(local.client, tableName);
    return {
      store: createDynamoStore({ client: local.client, tableName }),
      openAnother: async () => createDynamoStore({ client: local.newClient(), tableName }),
      withTicketCodes: async (newTicketCode) => createDynamoStore({ client: local.newClient(), tableName, newTicketCode }),
      cleanup: () => local.stop(),
    };
  },
  { figuresName: 'store-properties-dynamodb', numRuns: 25, maxSteps: 12, timeoutMs: 90_000 },
);
