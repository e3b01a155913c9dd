import { handle, type LambdaContext, type LambdaEvent } from 'hono/aws-lambda';
import { createS3WebIndex } from '@ticketbooth/adapters-aws/s3-web-index';
import { createApp } from './app.js';
import { s3Client, startAwsFunction } from './home/aws.js';
import { withViewerAuthorization } from './home/edge-headers.js';
import { publicEvent, serveSharePages } from './home/share-pages.js';

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

const { webBucket } = config;
if (webBucket) {
  // Made by the first share page, so the S3 package is not loaded at start.
  let webIndex: Promise<() => Promise<string>> | undefined;
  serveSharePages(app, {
    indexHtml: async () => (await (webIndex ??= s3Client().then((s3) => createS3WebIndex({ s3, bucket: webBucket }))))(),
    publicUrl: config.publicUrl,
    findEvent: publicEvent(services),
  });
}

const handleEvent = handle(app);
export const handler = (event: Extract<LambdaEvent, { rawPath: string }>, context?: LambdaContext) => handleEvent(withViewerAuthorization(event), context);
