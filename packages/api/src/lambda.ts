import { handle } from 'hono/aws-lambda';
import pino from 'pino';
import { createApp } from './app.js';
import { createAwsHome } from './home/aws.js';

/** API Gateway HTTP API (payload v2) entry point of the AWS home. */
const logger = pino({ level: process.env.LOG_LEVEL ?? 'info' });
const home = createAwsHome(process.env, logger);

const app = createApp({
  services: home.services,
  logger,
  production: true,
  corsOrigins: home.corsOrigins,
  clientAddress: (c) => {
    const event = (c.env as { event?: { requestContext?: { http?: { sourceIp?: string } } } } | undefined)?.event;
    return event?.requestContext?.http?.sourceIp ?? 'unknown';
  },
});

export const handler = handle(app);
