import { describeStoreProperties } from '@ticketbooth/store-contract';
import { openTwoConnectionHarness } from './support/two-connections.js';

describeStoreProperties(
  'SQLite (a real file, two connections)',
  () => openTwoConnectionHarness('ticketbooth-properties-'),
  { figuresName: 'store-properties-sqlite', numRuns: 200, maxSteps: 20, msPerRun: 300 },
);
