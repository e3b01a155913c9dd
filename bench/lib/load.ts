import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LoadResult, LoadSpec } from './load-spec.js';
import { ROOT, cpuMs } from './processes.js';

export interface Measured extends LoadResult {
  /** The server process's CPU time over the same wall time: 1 is one core. */
  serverCpu: number;
}

/**
 * Runs the spec in a fresh load generator process (load-generator.ts) against `serverPid`'s server,
 * and measures that server's CPU share over exactly the generator's run.
 */
export async function drive(spec: LoadSpec, serverPid: number): Promise<Measured> {
  const dir = mkdtempSync(join(tmpdir(), 'ticketbooth-load-'));
  const file = join(dir, 'spec.json');
  writeFileSync(file, JSON.stringify(spec));
  try {
    return await new Promise<Measured>((resolve, reject) => {
      const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'bench/lib/load-generator.ts'), file], {
        cwd: ROOT,
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      });
      let serverBefore = 0;
      let wallBefore = 0;
      child.on('message', (message: { type: 'started' } | { type: 'result'; result: LoadResult }) => {
        if (message.type === 'started') {
          serverBefore = cpuMs(serverPid);
          wallBefore = performance.now();
          return;
        }
        const serverCpu = Math.round(((cpuMs(serverPid) - serverBefore) / (performance.now() - wallBefore)) * 100) / 100;
        resolve({ ...message.result, serverCpu });
      });
      child.on('error', reject);
      child.on('exit', (code) => {
        if (code !== 0) reject(new Error(`load generator exited with ${code}`));
      });
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
