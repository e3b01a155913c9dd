import { readFileSync } from 'node:fs';
import autocannon from 'autocannon';
import type { LoadResult, LoadSpec, LoadStep } from './load-spec.js';

/**
 * The load generator process: `node --import tsx bench/lib/load-generator.ts <spec.json>`, started
 * by load.ts with an IPC channel. It says `started` right before the load begins (the parent then
 * samples the server's CPU) and sends its LoadResult when done.
 */
const spec = JSON.parse(readFileSync(process.argv[2]!, 'utf8')) as LoadSpec;
let nextToken = 0;
let nextBody = 0;
const tally: Record<string, number> = {};
let completedFlows = 0;
let lastCompletion = 0;
let began = 0;
let lastResponse = 0;
let fillers = 0;
let flowsEnded = 0;
let instance: autocannon.Instance | null = null;
/** Once every token has started its flow, connections without one poll this until the last flow ends. */
const FILLER_PATH = '/api/health';

interface FlowContext {
  token?: string;
  id?: string;
}

function fieldOf(body: string, field: NonNullable<LoadSpec['tally']>): string {
  try {
    const parsed = JSON.parse(body) as { result?: unknown; error?: { code?: unknown } };
    return String((field === 'result' ? parsed.result : parsed.error?.code) ?? '');
  } catch {
    return '';
  }
}

function request(step: LoadStep, index: number): autocannon.Request {
  const last = index === spec.steps.length - 1;
  const needsSetup = (index === 0 && spec.tokens !== undefined) || step.auth !== undefined || step.path.includes('{id}') || (index === 0 && spec.bodies !== undefined);
  return {
    method: step.method,
    path: step.path,
    ...(step.body === undefined ? {} : { body: step.body }),
    headers: { 'content-type': 'application/json', ...(step.auth === 'fixed' ? { authorization: `Bearer ${spec.token}` } : {}) },
    ...(needsSetup
      ? {
          setupRequest: (req: autocannon.Request, raw: object) => {
            const context = raw as FlowContext;
            if (index === 0 && spec.tokens) {
              if (nextToken >= spec.tokens.length) return { method: 'GET', path: FILLER_PATH, headers: {} };
              context.token = spec.tokens[nextToken++];
            }
            if (step.path.includes('{id}') && !context.id) return null as unknown as autocannon.Request; // back to the first step
            const headers = { ...req.headers };
            if (step.auth === 'next' || step.auth === 'flow') headers.authorization = `Bearer ${context.token}`;
            const body = index === 0 && spec.bodies ? spec.bodies[nextBody++ % spec.bodies.length] : req.body;
            return { ...req, headers, body, path: step.path.replace('{id}', context.id ?? '') };
          },
        }
      : {}),
    onResponse: (status: number, body: string, raw: object) => {
      const context = raw as FlowContext;
      if (index === 0 && spec.tokens && !context.token) {
        fillers++;
        return;
      }
      lastResponse = performance.now();
      if (spec.tally) {
        const key = `${status} ${fieldOf(body, spec.tally)}`;
        tally[key] = (tally[key] ?? 0) + 1;
      }
      const ok = status >= 200 && status < 300;
      if (ok && last) {
        completedFlows++;
        lastCompletion = performance.now();
      }
      if (!last) context.id = ok ? (JSON.parse(body) as { id?: string }).id : undefined;
      if (last || !ok) flowsEnded++;
      if (spec.stopWhenTokensUsed && flowsEnded === spec.tokens?.length) instance?.stop();
    },
  };
}

process.send!({ type: 'started' });
began = performance.now();
const cpuBefore = process.cpuUsage();
const result = await new Promise<autocannon.Result>((resolve, reject) => {
  const options: autocannon.Options = {
    url: spec.url,
    connections: spec.connections,
    ...(spec.amount ? { amount: spec.amount } : { duration: spec.seconds ?? 10 }),
    requests: spec.steps.map(request),
    timeout: 30,
    // autocannon ends a run on its next sample tick: short ticks keep the idle tail short.
    sampleInt: 50,
  };
  instance = autocannon(options, (error, finished) => (error ? reject(error) : resolve(finished)));
});
const cpu = process.cpuUsage(cpuBefore);
// Rates over the time until the last answer, not until autocannon's closing tick.
const wallMs = (lastResponse || performance.now()) - began;
const statuses: Record<string, number> = {};
for (const [status, { count }] of Object.entries(result.statusCodeStats as Record<string, { count: number }>)) statuses[status] = count;
if (fillers > 0) statuses['200'] = (statuses['200'] ?? 0) - fillers;
const answered = Object.values(statuses).reduce((a, b) => a + b, 0);
const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;
const answer: LoadResult = {
  requests: answered,
  seconds: round(wallMs / 1000),
  requestsPerSecond: Math.round((answered / wallMs) * 1000),
  latencyMs: { p50: result.latency.p50, p90: result.latency.p90, p99: result.latency.p99, max: result.latency.max },
  clientCpu: round((cpu.user + cpu.system) / 1000 / wallMs),
  statuses,
  tally,
  errors: result.errors + result.timeouts,
  completedFlows,
  lastCompletionMs: completedFlows ? Math.round(lastCompletion - began) : 0,
  bytesRead: result.throughput.total,
  fillers,
};
process.send!({ type: 'result', result: answer }, () => process.exit(0));
