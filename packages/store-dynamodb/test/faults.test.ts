import { describeStoreContract, describeStoreProperties } from '@ticketbooth/store-contract';
import { openDynamoHarness } from './support/harness.js';

/**
 * The store contract and the properties again, with a share of DynamoDB requests failing as they
 * do on AWS (support/faults.ts): nothing oversold, lost or admitted twice, and every answer a
 * success or a typed refusal. FAULT_RATE and FAULT_SEED replay another mix; the figures line
 * (`[faults]`) gives the retries and the p99 of a store call beside the fault-free run's.
 */
const faults = { rate: Number(process.env.FAULT_RATE ?? 0.1), seed: Number(process.env.FAULT_SEED ?? 15) };

describeStoreContract(`DynamoDB with ${faults.rate * 100}% of requests failing (seed ${faults.seed})`, () =>
  openDynamoHarness({ name: 'contract-faults', faults }),
);

describeStoreProperties(
  `DynamoDB with ${faults.rate * 100}% of requests failing (seed ${faults.seed})`,
  () => openDynamoHarness({ name: 'properties-faults', faults }),
  { figuresName: 'store-properties-dynamodb-faults', numRuns: 25, maxSteps: 12, timeoutMs: 180_000 },
);
