import { startAwsFunction } from './home/aws.js';
import { runMaintenance } from './worker.js';

/** Scheduled (every minute): expire holds, reconcile payments, drain the outbox. */
const { services, logger } = startAwsFunction();

export const handler = async (): Promise<void> => {
  await runMaintenance(services, logger);
};
