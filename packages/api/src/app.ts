import { OpenAPIHono } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import { compress } from 'hono/compress';
import { HTTPException } from 'hono/http-exception';
import type { Context } from 'hono';
import { DomainError, MAX_IMAGE_BYTES } from '@ticketbooth/core';
import type { App, AppOptions } from './context.js';
import type { AppEnv } from './http/auth.js';
import { domainErrorResponse, errorBody } from './http/errors.js';
import { IMAGE_PATH, MAX_BODY_BYTES, MAX_SYNC_BODY_BYTES, SYNC_PATH, tooLargeMessage } from './http/body-limits.js';
import { corsFor, securityHeaders } from './http/security.js';
import { logRequest } from './http/request-log.js';
import { headersInPlace } from './http/headers-in-place.js';
import { accountRoutes } from './routes/accounts.js';
import { eventRoutes } from './routes/events.js';
import { eventImageRoutes } from './routes/event-images.js';
import { registrationRoutes } from './routes/registrations.js';
import { ticketRoutes } from './routes/tickets.js';
import { doorRoutes } from './routes/door.js';
import { doorSetupRoutes } from './routes/door-setup.js';
import { organizerRoutes } from './routes/organizer.js';
import { orderRoutes } from './routes/orders.js';
import { systemRoutes } from './routes/system.js';
import { webhookRoutes } from './routes/webhooks.js';
import { waitlistRoutes } from './routes/waitlist.js';
import { promoCodeRoutes } from './routes/promo-codes.js';

export { MAX_BODY_BYTES } from './http/body-limits.js';

/** What the framework's own refusals mean, in the error body of API.md. */
const HTTP_EXCEPTIONS: Partial<Record<number, { code: string; message: string }>> = {
  400: { code: 'invalid_json', message: 'The request body is not valid JSON.' },
  413: { code: 'payload_too_large', message: tooLargeMessage(MAX_BODY_BYTES) },
  415: { code: 'unsupported_media_type', message: 'Send the request body as JSON, with Content-Type: application/json.' },
};

/** The HTTP app of both homes: routes, validation, error mapping and hardening. */
export function createApp(options: AppOptions): App {
  const { logger } = options;
  const app: App = new OpenAPIHono<AppEnv>({
    defaultHook: (result, c) => {
      if (result.success) return;
      const fields: Record<string, string> = {};
      for (const issue of result.error.issues) fields[issue.path.join('.') || '(body)'] ??= issue.message;
      return c.json(errorBody('validation_failed', 'Some of the input is not valid.', { fields }), 400);
    },
  });

  app.use('*', headersInPlace);
  // Outermost but for the above, so what it keeps is what the whole chain answered.
  if (options.keepPublicAnswers) app.use('*', options.keepPublicAnswers);
  app.use('*', async (c, next) => {
    const started = performance.now();
    await next();
    logRequest(logger, c.req.method, c.req.path, c.res.status, started);
  });
  app.use('*', securityHeaders(options.production));
  // gzip on the fly for what has no precompressed copy (JSON, index.html); it skips what already has
  // an encoding. Inside the security headers, so they are set on the compressed response.
  if (options.compress) app.use('*', compress());
  app.use('/api/*', corsFor(options.corsOrigins));
  const limitTo = (maxSize: number) => {
    // The unread rest of the body is not drained: the socket is dropped after the answer, so the
    // answer says so and the client does not send its next request down a closing connection.
    const refuse = (c: Context) => c.json(errorBody('payload_too_large', tooLargeMessage(maxSize)), 413, { connection: 'close' });
    return { maxSize, refuse, check: bodyLimit({ maxSize, onError: refuse }) };
  };
  const standardLimit = limitTo(MAX_BODY_BYTES);
  const syncLimit = limitTo(MAX_SYNC_BODY_BYTES);
  // Counted as the body streams in (and refused at once by Content-Length): a 6 MB upload is never read whole.
  const imageLimit = limitTo(MAX_IMAGE_BYTES);
  const limitFor = (path: string) => (SYNC_PATH.test(path) ? syncLimit : IMAGE_PATH.test(path) ? imageLimit : standardLimit);
  // A GET or HEAD has no body to limit (a web Request of those methods never carries one, so the
  // limit let them through anyway); asking for it would build a whole web Request for each read.
  const bodyless = (method: string) => method === 'GET' || method === 'HEAD';
  app.use('/api/*', async (c, next) => {
    if (bodyless(c.req.method)) return next();
    const limit = limitFor(c.req.path);
    // A declared length is checked as hono's limit checks it, from the header alone: hono asks for
    // the web Request's body stream first, which makes the adapter build one for every POST instead
    // of reading the body straight from the socket when the route parses it (10 % of a rush's CPU).
    const declared = c.req.header('content-length');
    if (declared === undefined || c.req.header('transfer-encoding') !== undefined) return limit.check(c, next);
    return parseInt(declared, 10) > limit.maxSize ? limit.refuse(c) : next();
  });
  app.use('/api/*', async (c, next) => {
    await next();
    c.header('cache-control', c.res.headers.get('cache-control') ?? 'no-store');
  });

  systemRoutes(app, options);
  accountRoutes(app, options);
  eventRoutes(app, options);
  eventImageRoutes(app, options);
  registrationRoutes(app, options);
  ticketRoutes(app, options);
  doorRoutes(app, options);
  doorSetupRoutes(app, options);
  organizerRoutes(app, options);
  orderRoutes(app, options);
  promoCodeRoutes(app, options);
  webhookRoutes(app, options);
  waitlistRoutes(app, options);

  app.notFound((c) => c.json(errorBody('not_found', `No route for ${c.req.method} ${c.req.path}.`), 404));
  app.onError((error, c) => {
    if (error instanceof DomainError) return domainErrorResponse(c, error);
    if (error instanceof HTTPException) {
      const known = HTTP_EXCEPTIONS[error.status];
      return c.json(errorBody(known?.code ?? 'http_error', known?.message ?? (error.message || 'The request could not be handled.')), error.status);
    }
    logger.error({ err: error instanceof Error ? { name: error.name, message: error.message, stack: error.stack } : String(error), path: c.req.path }, 'unhandled error');
    return c.json(errorBody('internal_error', 'Something went wrong on our side. Please try again.'), 500);
  });
  return app;
}
