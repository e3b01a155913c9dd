import pino from 'pino';
import { ConfigError, loadConfig } from './config.js';
import { DEMO_ACCOUNTS } from './home/demo-data.js';
import { startLocalServer } from './home/server.js';

/** `npm start`: the whole platform on one machine. */
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  // An async destination: a request's line is handed to a background write (lines that come while
  // one is under way join the next), not written synchronously inside the request; pino flushes it
  // when the process exits.
  const destination = pino.destination({ sync: false });
  const logger = pino(
    {
      level: config.logLevel,
      redact: { paths: ['password', '*.password', 'accessToken', 'refreshToken', 'code', 'card', '*.card', 'authorization'], censor: '[redacted]' },
    },
    destination,
  );
  const server = await startLocalServer(config, logger);
  const shown = config.host === '0.0.0.0' ? `http://localhost:${server.port}` : server.url;
  const lines = [
    '',
    `  Ticketbooth is running at ${shown}`,
    `  API docs: ${shown}/api/docs   (OpenAPI: ${shown}/api/openapi.json)`,
    server.webServed ? '' : '  (web app not built: run `npm run build -w @ticketbooth/web` to serve it here)',
  ];
  if (config.demoData) {
    lines.push(
      '  Demo accounts (demo data only, never use in production):',
      `    organizer  ${DEMO_ACCOUNTS.organizer.email} / ${DEMO_ACCOUNTS.organizer.password}`,
      `    attendee   ${DEMO_ACCOUNTS.attendee.email} / ${DEMO_ACCOUNTS.attendee.password}`,
    );
  }
  if (!config.production) lines.push(`  Local mailbox (verification codes, tickets): ${shown}/mailbox or ${shown}/api/dev/mailbox`);
  console.log(lines.filter((l) => l !== '').join('\n') + '\n');

  const shutdown = (signal: string) => {
    logger.info({ signal }, 'shutting down');
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
