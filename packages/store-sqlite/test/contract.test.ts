import { describeStoreContract } from '@ticketbooth/store-contract';
import { openTwoConnectionHarness } from './support/two-connections.js';

describeStoreContract('SQLite (a real file, two connections)', () => openTwoConnectionHarness('ticketbooth-store-'));
