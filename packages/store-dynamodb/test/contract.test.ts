import { describeStoreContract } from '@ticketbooth/store-contract';
import { COUNTER_SHARD_RUNS } from './support/counter-shards.js';
import { openDynamoHarness } from './support/harness.js';

for (const shards of COUNTER_SHARD_RUNS) {
  describeStoreContract(`DynamoDB (DynamoDB Local, two clients, K = ${shards})`, () =>
    openDynamoHarness({ name: `contract-k${shards}`, store: { counterShards: shards } }),
  );
}
