import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Context, MiddlewareHandler } from 'hono';
import type { Logger, Mailbox, Services } from '@ticketbooth/core';
import type { AppEnv } from './http/auth.js';

/** Opens a signed blob link (local home); on AWS, links go straight to S3 and this is absent. */
export type SignedFileOpener = (
  key: string,
  query: { expires?: string; name?: string; sig?: string },
) => Promise<{ ok: true; content: Uint8Array; contentType: string; downloadName: string } | { ok: false; reason: 'invalid' | 'expired' | 'missing' }>;

export interface AppOptions {
  services: Services;
  logger: Logger;
  production: boolean;
  corsOrigins: string[];
  /** Dev mailbox (local home, not production). */
  mailbox?: Mailbox;
  files?: SignedFileOpener;
  /** Folder of the built web app, served at / with an SPA fallback. */
  webDir?: string;
  /** Compress responses the client accepts compressed (the Node server; on AWS, CloudFront does). */
  compress?: boolean;
  /** Base of the links the API hands out (scanner links); without it, the request's own origin. */
  publicUrl?: string;
  /** The origin the request was addressed to, for links when publicUrl is unset; default: the request URL's own. */
  requestOrigin?: (c: Context) => string;
  /** The caller's network address, for login rate limiting. */
  clientAddress: (c: Context) => string;
  /** Keeps the public answers the whole chain sent, for the Node server to answer repeats from (local home). */
  keepPublicAnswers?: MiddlewareHandler;
  /** Stripe webhook deliveries per address per minute (default 600); in each process, as the other per-address limits. */
  webhookDeliveriesPerMinute?: number;
}

export type App = OpenAPIHono<AppEnv>;
