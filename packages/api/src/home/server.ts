import { getRequestListener, RequestError } from '@hono/node-server';
import { getConnInfo } from '@hono/node-server/conninfo';
import { existsSync } from 'node:fs';
import { createServer } from 'node:http';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AddressInfo } from 'node:net';
import type { Clock, Logger } from '@ticketbooth/core';
import { createApp } from '../app.js';
import { clientAddressOf } from '../http/client-address.js';
import { requestOriginOf } from '../http/request-origin.js';
import { errorBody } from '../http/errors.js';
import type { Config } from '../config.js';
import type { App } from '../context.js';
import { createLocalHome, type LocalHome } from './local.js';
import { PublicAnswerCache } from './public-answer-cache.js';
import { loadDemoData } from './demo-data.js';
import { serveWeb } from './static-web.js';
import { publicEvent } from './share-pages.js';
import { serveImages } from './image-files.js';
import { runMaintenance, startWorker } from '../worker.js';

export const DEFAULT_WEB_DIR = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../../web/dist');

export interface RunningServer {
  url: string;
  port: number;
  app: App;
  home: LocalHome;
  webServed: boolean;
  /** Repeated anonymous public reads, answered before the app. */
  publicAnswers: PublicAnswerCache;
  /** Stops taking requests; open requests get `graceMs` to finish before their sockets are closed. */
  close(options?: { graceMs?: number }): Promise<void>;
}

/** Starts the local home on config.host:config.port (port 0 picks a free one). */
export async function startLocalServer(
  config: Config,
  logger: Logger,
  options: { clock?: Clock; scryptN?: number; workerIntervalMs?: number } = {},
): Promise<RunningServer> {
  const home = createLocalHome(config, logger, options);
  const { services } = home;
  if (config.demoData) await loadDemoData(services, logger);
  // Settle whatever a previous process left half-done before taking new requests.
  await runMaintenance(services, logger, { reconcileMinAgeMs: 0 });

  const publicAnswers = new PublicAnswerCache(services.deps.clock, () => services.listing.generation, logger);
  const app = createApp({
    services,
    logger,
    keepPublicAnswers: publicAnswers.keep,
    production: config.production,
    corsOrigins: config.corsOrigins,
    webhookDeliveriesPerMinute: config.webhookDeliveriesPerMinute,
    publicUrl: config.linksBaseUrl,
    mailbox: home.sqlite.mailbox,
    files: (key, query) => home.blobs.openSigned(key, query),
    requestOrigin: (c) =>
      requestOriginOf(c.req.url, { host: c.req.header('x-forwarded-host'), proto: c.req.header('x-forwarded-proto') }, getConnInfo(c).remote.address ?? 'unknown', config.trustProxy),
    clientAddress: (c) => clientAddressOf(getConnInfo(c).remote.address ?? 'unknown', c.req.header('x-forwarded-for'), config.trustProxy),
    compress: true,
  });
  serveImages(app, home.images);
  const webDir = config.webDir ? resolve(config.webDir) : DEFAULT_WEB_DIR;
  const webServed =
    existsSync(webDir) &&
    serveWeb(app, webDir, {
      publicUrl: config.publicUrl,
      findEvent: publicEvent(services),
    });

  // Slow or stalled clients cannot hold connections: headers within 10 s, the whole request within
  // 30 s, checked every second (Node checks every 30 s by default, tripling a slowloris' hold).
  const serverOptions = { headersTimeout: 10_000, requestTimeout: 30_000, keepAliveTimeout: 5_000, connectionsCheckingInterval: 1_000 };
  const listener = getRequestListener(app.fetch, { hostname: config.host, errorHandler: unreadableRequest });
  // What the worker asks before it drains the outbox (startWorker's requestsCame).
  let requestsInFlight = 0;
  let requestCame = false;
  const requestsCame = () => {
    const came = requestCame || requestsInFlight > 0;
    requestCame = false;
    return came;
  };
  const http = createServer(serverOptions, (req, res) => {
    requestsInFlight++;
    requestCame = true;
    res.once('close', () => requestsInFlight--);
    if (!urlableHost(req.headers.host)) {
      res.writeHead(400, { 'content-type': 'application/json' }).end(JSON.stringify(UNREADABLE));
      return;
    }
    if (!publicAnswers.answer(req, res)) void listener(req, res);
  });
  await new Promise<void>((ready) => http.listen(config.port, config.host, ready));
  const worker = startWorker(services, logger, { intervalMs: options.workerIntervalMs, requestsCame });
  const port = (http.address() as AddressInfo).port;
  return {
    url: `http://${config.host}:${port}`,
    port,
    app,
    home,
    webServed,
    publicAnswers,
    async close({ graceMs = 5000 } = {}) {
      const closed = new Promise<void>((done) => http.close(() => done()));
      http.closeIdleConnections();
      const force = setTimeout(() => http.closeAllConnections(), graceMs);
      await closed;
      clearTimeout(force);
      await worker.stop();
      home.close();
    },
  };
}

const UNREADABLE = errorBody('validation_failed', 'The request could not be read.');

/**
 * Whether a URL can be made of the Host header. The adapter (2.x) builds the URL of a plain-looking
 * host without parsing it, so a host such as 127.0.0.256 would reach the routes (and the kept public
 * answers) instead of being refused as 1.x refused it.
 */
function urlableHost(host: string | undefined): boolean {
  if (host === undefined) return true;
  try {
    new URL(`http://${host}/`);
    return true;
  } catch {
    return false;
  }
}

/** A request Node parsed but no URL can be made of (a malformed Host header) still gets the API's error body. */
function unreadableRequest(error: unknown): Response {
  const unreadable = error instanceof RequestError;
  const body = unreadable ? UNREADABLE : errorBody('internal_error', 'Something went wrong on our side. Please try again.');
  return Response.json(body, { status: unreadable ? 400 : 500 });
}
