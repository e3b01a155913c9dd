import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TestClock, capturingLogger } from '@ticketbooth/testkit';
import { loadConfig } from '../../src/config.js';
import { startLocalServer, type RunningServer } from '../../src/home/server.js';
import { ApiClient } from './client.js';

export interface TestServer {
  server: RunningServer;
  url: string;
  dataDir: string;
  clock: TestClock;
  logs: string[];
  client(): ApiClient;
  /** Stops the server; the data folder stays for a restart unless `removeData`. */
  stop(removeData?: boolean): Promise<void>;
}

/** A real HTTP server on 127.0.0.1 on a free port, with a real SQLite file in a fresh folder. */
export async function startTestServer(options: { dataDir?: string; clock?: TestClock; env?: Record<string, string>; scryptN?: number } = {}): Promise<TestServer> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'ticketbooth-test-'));
  const clock = options.clock ?? new TestClock();
  const logs: string[] = [];
  const config = loadConfig({ NODE_ENV: 'test', PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, DEMO_DATA: 'false', LOG_LEVEL: 'silent',
    // Suites sign dozens of accounts up from 127.0.0.1; the sign-up limit has its own tests at its default.
    SIGNUP_LIMIT: '100000', ...options.env });
  // Fast scrypt keeps tests quick; the production parameters have their own test in adapters-local.
  const server = await startLocalServer({ ...config, publicUrl: 'http://127.0.0.1:0' }, capturingLogger(logs), { clock, scryptN: options.scryptN ?? 2 ** 10, workerIntervalMs: 60_000 });
  return {
    server,
    url: server.url,
    dataDir,
    clock,
    logs,
    client: () => new ApiClient(server.url),
    async stop(removeData = true) {
      await server.close({ graceMs: 0 });
      if (removeData) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
