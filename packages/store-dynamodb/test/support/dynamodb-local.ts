import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { createConnection } from 'node:net';
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { freePort } from '@ticketbooth/testkit';
import { storeRetryStrategy } from '../../src/index.js';

export interface DynamoDbLocal {
  client: DynamoDBClient;
  /** Another client on the same endpoint (its own connection pool), closed by `stop`. */
  newClient(): DynamoDBClient;
  stop(): Promise<void>;
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port }, () => {
      socket.end();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/**
 * DynamoDB Local (the jar shipped in amplify-dynamodb-simulator), in memory, on a free port of
 * 127.0.0.1. Needs `java` (17+) on PATH.
 */
export async function startDynamoDbLocal(): Promise<DynamoDbLocal> {
  const require = createRequire(import.meta.url);
  const emulator = join(dirname(require.resolve('amplify-dynamodb-simulator/package.json')), 'emulator');
  const port = await freePort();
  const child: ChildProcess = spawn(
    'java',
    [`-Djava.library.path=${join(emulator, 'DynamoDBLocal_lib')}`, '-jar', join(emulator, 'DynamoDBLocal.jar'), '-inMemory', '-port', String(port)],
    { cwd: emulator, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const spawnError = new Promise<Error>((resolve) => child.once('error', resolve));

  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
  };

  // Time-bounded rather than counted: on a loaded machine the JVM takes well over 30 s to listen.
  const deadline = Date.now() + 100_000;
  while (Date.now() < deadline) {
    const failed = await Promise.race([spawnError, sleep(0).then(() => null)]);
    if (failed) throw new Error(`Could not start DynamoDB Local (is java installed?): ${failed.message}`);
    if (child.exitCode !== null) break;
    if (await accepts(port)) {
      const clients: DynamoDBClient[] = [];
      const newClient = (): DynamoDBClient => {
        const client = new DynamoDBClient({
          endpoint: `http://127.0.0.1:${port}`,
          region: 'us-east-1',
          credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
          // As in production (packages/api/src/home/aws.ts).
          retryStrategy: storeRetryStrategy(),
          // The concurrency tests open hundreds of requests at once.
          requestHandler: { httpAgent: { maxSockets: 256 } },
        });
        clients.push(client);
        return client;
      };
      return {
        client: newClient(),
        newClient,
        stop: async () => {
          for (const client of clients) client.destroy();
          await stop();
        },
      };
    }
    await sleep(100);
  }
  await stop();
  throw new Error(`DynamoDB Local did not start:\n${output}`);
}
