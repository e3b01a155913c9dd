import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BuildOptions } from 'esbuild';

/**
 * Shell commands (for afterBundling) that rebuild the function's index.mjs and its source map with
 * `options` and the plugins of bin/bundle-function.ts: NodejsFunction runs the esbuild CLI, which
 * takes no plugins, and runs afterBundling after it, so this build is the one deployed.
 */
export function functionBundleCommands(repoRoot: string, entry: string, output: string, options: BuildOptions): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'ticketbooth-function-bundle-'));
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  const optionsFile = join(dir, 'options.json');
  writeFileSync(optionsFile, JSON.stringify({ ...options, entryPoints: [entry], absWorkingDir: repoRoot, outfile: join(output, 'index.mjs') }));
  return [`"${process.execPath}" --import tsx "${join(repoRoot, 'packages/infra/bin/bundle-function.ts')}" "${optionsFile}"`];
}
