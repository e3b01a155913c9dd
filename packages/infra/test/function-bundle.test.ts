import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { SourceMap, type SourceMapPayload } from 'node:module';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { functionAssets, testStackProps } from './support/test-stack.js';

/** Imports the asset's index.mjs in a fresh Node, calls its handler, prints the result. */
const CALL_HANDLER = 'const { handler } = await import(process.argv[1]); console.log(JSON.stringify(await handler()));';

describe("the functions' index.mjs", () => {
  let assets: string[];
  beforeAll(() => {
    assets = functionAssets('FunctionBundleTest', resolve(testStackProps().repoRoot, 'packages/infra/test/fixtures/zod-handler.ts'));
    expect(assets.length).toBeGreaterThan(0);
  });

  it("holds zod's English messages alone, and zod still answers in English", () => {
    for (const asset of assets) {
      const bundle = readFileSync(join(asset, 'index.mjs'), 'utf8');
      // A word of zod's German messages (locales/de.js), bundled with every other language's otherwise.
      expect(bundle.includes('erwartet')).toBe(false);
      const output = execFileSync(process.execPath, ['--input-type=module', '-e', CALL_HANDLER, join(asset, 'index.mjs')], { cwd: asset, encoding: 'utf8', env: { PATH: process.env.PATH } });
      expect(JSON.parse(output)).toEqual({ message: 'Invalid email address', locales: ['en'] });
    }
  });

  it("has a source map that maps a frame to the handler's source, without the sources' text", () => {
    for (const asset of assets) {
      const payload = JSON.parse(readFileSync(join(asset, 'index.mjs.map'), 'utf8')) as SourceMapPayload;
      expect(payload.sourcesContent).toBeUndefined();
      const lines = readFileSync(join(asset, 'index.mjs'), 'utf8').split('\n');
      const line = lines.findIndex((l) => l.includes('"nope"'));
      const entry = new SourceMap(payload).findEntry(line, lines[line]!.indexOf('"nope"'));
      expect('originalSource' in entry && entry.originalSource).toMatch(/fixtures\/zod-handler\.ts$/);
    }
  });
});
