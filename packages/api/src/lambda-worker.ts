import pino from 'pino';
import { createAwsHome } from './home/aws.js';
import { runMaintenance } from './worker.js';

/** Scheduled (every minute): expire holds, reconcile payments, drain the outbox. */
const logger = pino({ level: process.env.LOG_LEVEL ?? 'info' });
const home = createAwsHome(process.env, logger);

export const handler = async (): Promise<void> => {
  await runMaintenance(home.services, logger);
};
