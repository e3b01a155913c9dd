import { describeStoreProperties } from '@ticketbooth/store-contract';
import { COUNTER_SHARD_RUNS } from './support/counter-shards.js';
import { openDynamoHarness } from './support/harness.js';

for (const shards of COUNTER_SHARD_RUNS) {
  describeStoreProperties(`DynamoDB (DynamoDB Local, two clients, K = ${shards})`, () => openDynamoHarness({ name: `properties-k${shards}`, store: { counterShards: shards } }), {
    figuresName: shards === 1 ? 'store-properties-dynamodb' : `store-properties-dynamodb-k${shards}`,
    numRuns: 25,
    maxSteps: 12,
    msPerRun: 3_600,
  });
}
