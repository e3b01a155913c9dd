import { spawn } from 'node:child_process';
import { readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { generateSigningKey } from '@ticketbooth/tickets';
import { ROOT } from '../lib/processes.js';
import { percentile } from '../lib/stats.js';

export interface LambdaInit {
  /** The function's logical id prefix in the stack: Api or Worker. */
  name: string;
  bundleBytes: number;
  runs: number;
  /** Time to import the bundle (its whole module graph and its top level: the home, the SDK clients), ms. */
  initMs: { p50: number; min: number; max: number };
  /** The fresh process's RSS once the bundle is imported, MiB. */
  rssMiB: { p50: number; min: number; max: number };
}

export type LambdaInitResult = LambdaInit[];

/**
 * Under node_modules, so the bundles' externals (@aws-sdk/*, which the Lambda runtime provides)
 * resolve from the repository's node_modules as they would from the runtime's.
 */
const OUT_DIR = join(ROOT, 'node_modules', '.cache', 'bench-lambda');
const FUNCTIONS = ['Api', 'Worker'];
/** The child: import the bundle, then say how long that took and what the process holds. */
const IMPORT_ONCE =
  'const t = performance.now(); await import(process.argv[1]); ' +
  'console.log(JSON.stringify({ ms: performance.now() - t, rss: process.memoryUsage().rss / 1048576 }));';

function run(args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d));
    child.stderr.on('data', (d: Buffer) => (err += d));
    child.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`node ${args.join(' ')} exited ${code}: ${err.slice(-2000)}`))));
  });
}

/** The function's environment as the stack sets it, with a placeholder for each deploy-time value. */
function environmentOf(variables: Record<string, unknown>, pem: string): Record<string, string> {
  const placeholders: Record<string, string> = {
    TABLE_NAME: 'bench-table',
    TICKETS_BUCKET: 'bench-tickets',
    USER_POOL_ID: 'eu-west-1_bench',
    USER_POOL_CLIENT_ID: 'benchclient',
    TICKET_SIGNING_KEY_ID: 'bench-key',
    TICKET_SIGNING_KEY_PEM: pem,
  };
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(variables)) env[name] = typeof value === 'string' ? value : (placeholders[name] ?? `bench-${name.toLowerCase()}`);
  return env;
}

const spread = (values: number[]) => ({ p50: Math.round(percentile([...values].sort((a, b) => a - b), 50)), min: Math.round(Math.min(...values)), max: Math.round(Math.max(...values)) });

/**
 * Synthesizes the CDK app (its esbuild bundles, as deployed), then imports each function's bundle
 * in `runs` fresh Node processes with the function's environment: a cold start before the first
 * request, without Lambda's own runtime start.
 */
export async function lambdaInit(runs: number): Promise<LambdaInitResult> {
  rmSync(OUT_DIR, { recursive: true, force: true });
  await run(['--import', 'tsx', 'packages/infra/bin/app.ts'], { ...process.env, CDK_OUTDIR: OUT_DIR });
  const template = JSON.parse(readFileSync(join(OUT_DIR, 'Ticketbooth.template.json'), 'utf8')) as {
    Resources: Record<string, { Type: string; Properties: { Code?: { S3Key?: string }; Environment?: { Variables?: Record<string, unknown> } } }>;
  };
  const pem = generateSigningKey().privateKeyPem;
  const results: LambdaInitResult = [];
  for (const name of FUNCTIONS) {
    const [, fn] = Object.entries(template.Resources).find(([id, r]) => r.Type === 'AWS::Lambda::Function' && id.startsWith(name))!;
    const bundle = join(OUT_DIR, `asset.${fn.Properties.Code!.S3Key!.replace(/\.zip$/, '')}`, 'index.mjs');
    const env = { PATH: process.env.PATH, AWS_REGION: 'eu-west-1', ...environmentOf(fn.Properties.Environment?.Variables ?? {}, pem) };
    const ms: number[] = [];
    const rss: number[] = [];
    for (let i = 0; i < runs; i++) {
      const measured = JSON.parse((await run(['--input-type=module', '-e', IMPORT_ONCE, bundle], env)).trim().split('\n').pop()!) as { ms: number; rss: number };
      ms.push(measured.ms);
      rss.push(measured.rss);
    }
    results.push({ name, bundleBytes: statSync(bundle).size, runs, initMs: spread(ms), rssMiB: spread(rss) });
  }
  return results;
}
