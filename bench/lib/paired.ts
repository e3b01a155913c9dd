import { drive, type Measured } from './load.js';
import type { LoadSpec } from './load-spec.js';
import { startBaseline, type Child } from './processes.js';
import type { RecordedAnswers } from './recorded-answers.js';

/** A run whose load generator used this share of a core or more was limited by the generator. */
export const CLIENT_LIMIT = 0.9;
/**
 * A bare server under this share of a core, with the generator under CLIENT_LIMIT, was limited by
 * neither: by the machine (other processes), so its figure is no baseline.
 */
export const SATURATED = 0.8;

export interface Paired {
  ours: Measured;
  bare: Measured;
  /** Ticketbooth's req/s over the bare server's; `client-bound` when either figure is the generator's; `unsaturated` when the bare one is the machine's. */
  ratio: number | 'client-bound' | 'unsaturated';
  /** The bare server's CPU per request over Ticketbooth's: null when either server's CPU was not measured. */
  costRatio: number | null;
}

/** What one request cost the server in CPU microseconds, whichever process limited the run. */
export const serverMicrosPerRequest = (m: Measured): number => Math.round((m.serverCpu / m.requestsPerSecond) * 1e6);

/**
 * The bare server's CPU per request over Ticketbooth's: the share of the bare figure Ticketbooth
 * would reach on a core of its own. It holds when the generator is the limit, since both servers
 * are timed over exactly their load, and is printed beside the throughput ratio, never for it.
 */
export function costRatioOf(ours: Measured, bare: Measured): number | null {
  if (!(ours.serverCpu > 0 && bare.serverCpu > 0 && ours.requestsPerSecond > 0 && bare.requestsPerSecond > 0)) return null;
  return Math.round((serverMicrosPerRequest(bare) / serverMicrosPerRequest(ours)) * 100) / 100;
}

export function ratioOf(ours: Measured, bare: Measured): Paired['ratio'] {
  if (ours.clientCpu >= CLIENT_LIMIT || bare.clientCpu >= CLIENT_LIMIT) return 'client-bound';
  if (bare.serverCpu < SATURATED) return 'unsaturated';
  return Math.round((ours.requestsPerSecond / bare.requestsPerSecond) * 100) / 100;
}

export interface PairOptions {
  /**
   * A run of the same shape against Ticketbooth on a throwaway target (a run of a fixed request
   * count, too short to get past JIT and connection set-up otherwise), not counted. When given, the
   * bare server gets an uncounted pass of the measured spec too, so each side is measured warm.
   */
  warmUp?: Omit<LoadSpec, 'url'>;
}

/**
 * The same spec (same generator, connections, requests and tokens) against Ticketbooth, then
 * against a bare node:http server replaying Ticketbooth's recorded answers. Each measured run starts
 * with Ticketbooth idle: the background work a run leaves (its ticket mail) would otherwise take the
 * machine from the next run, the bare one included.
 */
export async function againstBare(server: Pick<Child, 'url' | 'pid' | 'waitUntilIdle'>, spec: Omit<LoadSpec, 'url'>, answers: RecordedAnswers, options: PairOptions = {}): Promise<Paired> {
  if (options.warmUp) {
    await drive({ ...options.warmUp, url: server.url }, server.pid);
    await server.waitUntilIdle();
  }
  const ours = await drive({ ...spec, url: server.url }, server.pid);
  await server.waitUntilIdle();
  const base = await startBaseline(answers);
  try {
    if (options.warmUp) await drive({ ...spec, url: base.url }, base.pid);
    const bare = await drive({ ...spec, url: base.url }, base.pid);
    return { ours, bare, ratio: ratioOf(ours, bare), costRatio: costRatioOf(ours, bare) };
  } finally {
    await base.stop();
  }
}
