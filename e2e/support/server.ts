import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort } from '@ticketbooth/testkit';

/** Builds the web app and runs the real server (`node --import tsx packages/api/src/main.ts`) on a free port. */

export const ROOT = resolve(import.meta.dirname, '../..');

/**
 * Builds the app into a fresh folder, not packages/web/dist: other test files start servers that
 * read that folder, and must never see it half-written.
 */
export function buildWeb(): string {
  const outDir = mkdtempSync(join(tmpdir(), 'ticketbooth-web-'));
  // NODE_ENV=test (set by vitest) would make Vite bundle React's development build.
  execFileSync('npx', ['vite', 'build', '--logLevel', 'warn', '--outDir', outDir, '--emptyOutDir'], {
    cwd: join(ROOT, 'packages/web'),
    stdio: 'inherit',
    env: { ...process.env, NODE_ENV: 'production' },
  });
  return outDir;
}

export interface RunningApp {
  url: string;
  stop(): Promise<void>;
}

/** `env` adds to or overrides the server's environment (DEMO_DATA: 'true' for the demo). */
export async function startApp(webDir: string, env: Record<string, string> = {}): Promise<RunningApp> {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'ticketbooth-e2e-'));
  const url = `http://127.0.0.1:${port}`;
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'packages/api/src/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, DEMO_DATA: 'false', LOG_LEVEL: 'warn', PUBLIC_URL: url, NODE_ENV: 'development', WEB_DIR: webDir, ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  // Demo data (six weeks of history) takes a while to load on a busy machine.
  const deadline = Date.now() + (env.DEMO_DATA === 'true' ? 180_000 : 30_000);
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server exited with code ${child.exitCode}`);
    const ok = await fetch(`${url}/api/health`).then((r) => r.ok, () => false);
    if (ok) break;
    if (Date.now() > deadline) throw new Error('the server did not answer /api/health in time');
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
