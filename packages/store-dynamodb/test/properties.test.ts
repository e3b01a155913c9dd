import { describeStoreProperties } from '@ticketbooth/store-contract';
import { openDynamoHarness } from './support/harness.js';

describeStoreProperties('DynamoDB (DynamoDB Local, two clients)', () => openDynamoHarness({ name: 'properties' }), {
  figuresName: 'store-properties-dynamodb',
  numRuns: 25,
  maxSteps: 12,
  timeoutMs: 90_000,
});
