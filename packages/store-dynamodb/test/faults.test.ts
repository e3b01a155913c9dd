import { vi } from 'vitest';
import { describeStoreContract, describeStoreProperties } from '@ticketbooth/store-contract';
import { COUNTER_SHARD_RUNS } from './support/counter-shards.js';
import { openDynamoHarness } from './support/harness.js';

/**
 * The store contract and the properties again, with a share of DynamoDB requests failing as they
 * do on AWS (support/faults.ts): nothing oversold, lost or admitted twice, and every answer a
 * success or a typed refusal. FAULT_RATE and FAULT_SEED replay another mix; the figures line
 * (`[faults]`) gives the retries and the p99 of a store call beside the fault-free run's.
 * Each at K = 1 and K = 8 counter shards (COUNTER_SHARDS picks one).
 */
const faults = { rate: Number(process.env.FAULT_RATE ?? 0.1), seed: Number(process.env.FAULT_SEED ?? 15) };

/**
 * Retries and their backoff make every test slower under faults (the 500-registration rush most),
 * so each contract test here gets three times vitest.config.ts's 60 s, and each property run
 * more time than a fault-free one; the properties make fewer runs than fault-free (15 against 25),
 * each checking the same invariants, with the seed on their `[reliability]` line.
 */
vi.setConfig({ testTimeout: 180_000 });

for (const shards of COUNTER_SHARD_RUNS) {
  const store = { counterShards: shards };
  describeStoreContract(`DynamoDB with ${faults.rate * 100}% of requests failing (seed ${faults.seed}, K = ${shards})`, () =>
    openDynamoHarness({ name: `contract-faults-k${shards}`, faults, store }),
  );

  describeStoreProperties(
    `DynamoDB with ${faults.rate * 100}% of requests failing (seed ${faults.seed}, K = ${shards})`,
    () => openDynamoHarness({ name: `properties-faults-k${shards}`, faults, store }),
    { figuresName: shards === 1 ? 'store-properties-dynamodb-faults' : `store-properties-dynamodb-faults-k${shards}`, numRuns: 15, maxSteps: 12, msPerRun: 10_000 },
  );
}
