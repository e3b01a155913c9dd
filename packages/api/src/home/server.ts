import { serve, type ServerType } from '@hono/node-server';
import { getConnInfo } from '@hono/node-server/conninfo';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AddressInfo } from 'node:net';
import type { Clock, Logger } from '@ticketbooth/core';
import { createApp } from '../app.js';
import type { Config } from '../config.js';
import type { App } from '../context.js';
import { createLocalHome, type LocalHome } from './local.js';
import { loadDemoData } from './demo-data.js';
import { serveWeb } from './static-web.js';
import { runMaintenance, startWorker } from '../worker.js';

export const DEFAULT_WEB_DIR = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../../web/dist');

export interface RunningServer {
  url: string;
  port: number;
  app: App;
  home: LocalHome;
  webServed: boolean;
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
  await runMaintenance(services, logger, 0);

  const app = createApp({
    services,
    logger,
    production: config.production,
    corsOrigins: config.corsOrigins,
    mailbox: home.sqlite.mailbox,
    files: (key, query) => home.blobs.openSigned(key, query),
    clientAddress: (c) => getConnInfo(c).remote.address ?? 'unknown',
  });
  const webDir = config.webDir ? resolve(config.webDir) : DEFAULT_WEB_DIR;
  const webServed = existsSync(webDir) && serveWeb(app, webDir);

  // Slow or stalled clients cannot hold connections: headers within 10 s, the whole request within
  // 30 s, checked every second (Node checks every 30 s by default, tripling a slowloris' hold).
  const serverOptions = { headersTimeout: 10_000, requestTimeout: 30_000, keepAliveTimeout: 5_000, connectionsCheckingInterval: 1_000 };
  const server: ServerType = await new Promise((ready) => {
    const s = serve({ fetch: app.fetch, hostname: config.host, port: config.port, serverOptions }, () => ready(s));
  });
  const http = server as import('node:http').Server;
  const worker = startWorker(services, logger, options.workerIntervalMs);
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://${config.host}:${port}`,
    port,
    app,
    home,
    webServed,
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
