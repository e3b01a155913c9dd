import { describeStoreContract } from '@ticketbooth/store-contract';
import { openDynamoHarness } from './support/harness.js';

describeStoreContract('DynamoDB (DynamoDB Local, two clients)', () => openDynamoHarness({ name: 'contract' }));
