import { z } from '@hono/zod-openapi';
import { attachmentDisposition } from '@ticketbooth/core';
import type { App, AppOptions } from '../context.js';
import { errorBody } from '../http/errors.js';
import { isLoopbackHost } from '@ticketbooth/core/loopback-host';
import { MailboxSchema } from '../schemas.js';
import { apiDocs } from '../http/api-docs.js';
import { OPENAPI_CONFIG } from '../openapi.js';
import { errorResponse, json, route } from './define.js';

/** 127.0.0.0/8 and ::1, also as IPv4-mapped IPv6. */
const LOOPBACK = /^(?:127\.|::1$|::ffff:127\.)/;

export function systemRoutes(app: App, options: AppOptions): void {
  app.openAPIRegistry.registerComponent('securitySchemes', 'bearerAuth', { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' });

  app.openapi(
    route({ operationId: 'getHealth', method: 'get', path: '/api/health', tags: ['System'], summary: 'Liveness', responses: { 200: json(z.object({ status: z.literal('ok') }), 'Up') } }),
    (c) => c.json({ status: 'ok' as const }, 200),
  );
  app.doc31('/api/openapi.json', OPENAPI_CONFIG);
  apiDocs(app);

  const { mailbox } = options;
  if (mailbox && !options.production) {
    app.openapi(
      route({ operationId: 'listDevMailbox', method: 'get', path: '/api/dev/mailbox', tags: ['Local home'], summary: 'Mail sent by this server, newest first (local home only, never in production)',
        request: { query: z.object({ to: z.string().max(254).optional(), limit: z.coerce.number().int().min(1).max(200).default(50) }) },
        responses: { 200: json(MailboxSchema, 'Messages'), 403: errorResponse('Asked from another computer, or under a host name other than localhost') } }),
      async (c) => {
        // Verification codes are credentials. HOST=0.0.0.0 opens the server to the network for the
        // door scanner on a phone, not the mailbox: it answers only the computer running Ticketbooth.
        if (!LOOPBACK.test(options.clientAddress(c))) {
          return c.json(errorBody('forbidden', 'The local mailbox can only be read on the computer running Ticketbooth.'), 403);
        }
        // A page elsewhere that rebinds its name to 127.0.0.1 passes the address check, not this one.
        if (!isLoopbackHost(c.req.header('host') ?? new URL(c.req.url).host)) {
          return c.json(errorBody('forbidden', 'The local mailbox answers only at localhost or a loopback address.'), 403);
        }
        const { to, limit } = c.req.valid('query');
        const items = await mailbox.list(to?.trim().toLowerCase() || null, limit);
        return c.json({ items: items.map(({ to, subject, text, sentAt, attachments }) => ({ to, subject, text, sentAt, attachments })) }, 200);
      },
    );
  }

  const { files } = options;
  if (files) {
    // Signed ticket links: the signature in the query is the credential, so no token is needed.
    app.get('/api/files/:key{.+}', async (c) => {
      const opened = await files(c.req.param('key'), c.req.query());
      if (!opened.ok) {
        const status = opened.reason === 'expired' ? 410 : opened.reason === 'missing' ? 404 : 403;
        const message = opened.reason === 'expired' ? 'This link has expired. Ask for a new one.' : 'This link is not valid.';
        return c.json(errorBody(opened.reason === 'expired' ? 'link_expired' : opened.reason === 'missing' ? 'not_found' : 'forbidden', message), status);
      }
      c.header('content-disposition', attachmentDisposition(opened.downloadName));
      c.header('cache-control', 'private, no-store');
      return c.body(new Uint8Array(opened.content), 200, { 'content-type': opened.contentType });
    });
  }
}
