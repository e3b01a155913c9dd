import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { freePort } from '@ticketbooth/testkit';

/** Every confirmation code cognito-local sends is this one (its CODE variable). */
export const FIXED_CODE = '424242';
/**
 * cognito-local pool ids look like `local_xxxx`, so aws-jwt-verify expects this issuer domain
 * (region "local"); configuring it lets the real CognitoJwtVerifier check cognito-local's tokens.
 */
const ISSUER_DOMAIN = 'https://cognito-idp.local.amazonaws.com';

export interface CognitoLocal {
  endpoint: string;
  stop(): Promise<void>;
}

/** cognito-local as a child process on 127.0.0.1, with its data in a fresh temp dir. */
export async function startCognitoLocal(): Promise<CognitoLocal> {
  const directory = await mkdtemp(join(tmpdir(), 'cognito-local-'));
  await mkdir(join(directory, '.cognito'));
  const port = await freePort();
  await writeFile(
    join(directory, '.cognito', 'config.json'),
    JSON.stringify({ ServerConfig: { hostname: '127.0.0.1', port }, TokenConfig: { IssuerDomain: ISSUER_DOMAIN } }),
  );
  const require = createRequire(import.meta.url);
  const entry = join(dirname(require.resolve('cognito-local/package.json')), 'lib', 'bin', 'start.js');
  const child: ChildProcess = spawn(process.execPath, [entry], {
    cwd: directory,
    env: { ...process.env, CODE: FIXED_CODE, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const endpoint = `http://127.0.0.1:${port}`;

  const stop = async (): Promise<void> => {
    if (child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    await rm(directory, { recursive: true, force: true });
  };

  for (let attempt = 0; attempt < 200; attempt++) {
    if (child.exitCode !== null) break;
    try {
      await fetch(endpoint, { method: 'GET' });
      return { endpoint, stop };
    } catch {
      await sleep(50);
    }
  }
  await stop();
  throw new Error(`cognito-local did not start:\n${output}`);
}
