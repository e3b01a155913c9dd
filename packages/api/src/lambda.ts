import { handle, type LambdaContext, type LambdaEvent } from 'hono/aws-lambda';
import { createApp } from './app.js';
import { startAwsFunction } from './home/aws.js';
import { withViewerAuthorization } from './home/edge-headers.js';

/** API Gateway HTTP API (payload v2) entry point of the AWS home. */
const { config, logger, services } = startAwsFunction();

const app = createApp({
  services,
  logger,
  production: config.production,
  corsOrigins: config.corsOrigins,
  webhookDeliveriesPerMinute: config.webhookDeliveriesPerMinute,
  // Behind CloudFront the HTTP API sees CloudFront's address; CloudFront appends the viewer's
  // address as the last X-Forwarded-For entry (earlier entries are whatever the client sent).
  clientAddress: (c) => {
    const forwarded = c.req.header('x-forwarded-for')?.split(',').pop()?.trim();
    const event = (c.env as { event?: { requestContext?: { http?: { sourceIp?: string } } } } | undefined)?.event;
    return forwarded || event?.requestContext?.http?.sourceIp || 'unknown';
  },
});

const handleEvent = handle(app);
export const handler = (event: Extract<LambdaEvent, { rawPath: string }>, context?: LambdaContext) => handleEvent(withViewerAuthorization(event), context);
