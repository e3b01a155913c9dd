import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { join, resolve } from 'node:path';
import { freePort } from '@ticketbooth/testkit';
import type { RecordedAnswers } from './recorded-answers.js';

export const ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');

export interface Child {
  url: string;
  pid: number;
  /** Resolves once the process has used under its idle share of a core for QUIET_SECONDS in a row (its outbox drained). */
  waitUntilIdle(timeoutMs?: number): Promise<void>;
  /** Highest VmRSS seen by the sampler, in MiB. */
  peakRssMiB(): number;
  stop(): Promise<void>;
}

/** The process's CPU time (user + system) so far, in milliseconds. */
export function cpuMs(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime + stime, in clock ticks of 10 ms
  } catch {
    return 0;
  }
}

function rssMiB(pid: number): number {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Math.round(Number(match[1]) / 1024) : 0;
  } catch {
    return 0;
  }
}

async function waitForHealth(url: string, child: ChildProcess, path: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      if ((await fetch(url + path)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`server at ${url} did not come up`);
}

/**
 * The server's background worker looks once a second at whether requests stopped, and drains the
 * outbox on the tick after they did: up to two quiet seconds can pass before a run's ticket mail
 * starts (a profile showed the warm-up's PDF thread starting inside the measured rush). Three
 * quiet seconds in a row outlast that.
 */
const QUIET_SECONDS = 3;

/**
 * Starts a Node child (our server or the bare baseline) on a free loopback port and samples its RSS.
 * `idleCpuMsPerSecond`: the CPU a second under which it counts as idle (10 % of a core; a profiled
 * server's sampler alone takes about that, so it gets more).
 */
export async function startChild(args: string[], env: Record<string, string>, healthPath: string, idleCpuMsPerSecond = 100): Promise<Child> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1', PUBLIC_URL: url },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  await waitForHealth(url, child, healthPath);
  let peak = rssMiB(child.pid!);
  const sampler = setInterval(() => (peak = Math.max(peak, rssMiB(child.pid!))), 100);
  return {
    url,
    pid: child.pid!,
    peakRssMiB: () => Math.max(peak, rssMiB(child.pid!)),
    async waitUntilIdle(timeoutMs = 300_000) {
      const deadline = Date.now() + timeoutMs;
      let quiet = 0;
      while (Date.now() < deadline) {
        const before = cpuMs(child.pid!);
        await new Promise((r) => setTimeout(r, 1000));
        quiet = cpuMs(child.pid!) - before < idleCpuMsPerSecond ? quiet + 1 : 0;
        if (quiet === QUIET_SECONDS) return;
      }
    },
    async stop() {
      clearInterval(sampler);
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
    },
  };
}

/** BENCH_CPU_PROF=<dir> writes a V8 CPU profile of the server (open it in Chrome DevTools). */
export function startTicketbooth(dataDir: string): Promise<Child> {
  const profile = process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [];
  return startChild([...profile, '--import', 'tsx', 'packages/api/src/main.ts'], { DATA_DIR: dataDir, DEMO_DATA: 'false', LOG_LEVEL: 'warn', NODE_ENV: 'development' }, '/api/health', profile.length ? 300 : 100);
}

/** The bare node:http baseline, replaying Ticketbooth's recorded answers byte for byte. */
export async function startBaseline(answers: RecordedAnswers): Promise<Child> {
  const dir = mkdtempSync(join(tmpdir(), 'ticketbooth-baseline-'));
  const file = join(dir, 'answers.json');
  writeFileSync(file, JSON.stringify(answers));
  const child = await startChild(['--import', 'tsx', 'bench/baseline-server.ts'], { BASELINE_ANSWERS: file }, '/health');
  return {
    ...child,
    async stop() {
      await child.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
