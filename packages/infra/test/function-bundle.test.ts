import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { functionAssets, testStackProps } from './support/test-stack.js';

/** Imports the asset's index.mjs in a fresh Node, calls its handler, prints the result. */
const CALL_HANDLER = 'const { handler } = await import(process.argv[1]); console.log(JSON.stringify(await handler()));';

describe("the functions' index.mjs", () => {
  it("holds zod's English messages alone, and zod still answers in English", () => {
    const fixture = resolve(testStackProps().repoRoot, 'packages/infra/test/fixtures/zod-handler.ts');
    const assets = functionAssets('ZodLocalesTest', fixture);
    expect(assets.length).toBeGreaterThan(0);
    for (const asset of assets) {
      const bundle = readFileSync(join(asset, 'index.mjs'), 'utf8');
      // A word of zod's German messages (locales/de.js), bundled with every other language's otherwise.
      expect(bundle.includes('erwartet')).toBe(false);
      const output = execFileSync(process.execPath, ['--input-type=module', '-e', CALL_HANDLER, join(asset, 'index.mjs')], { cwd: asset, encoding: 'utf8', env: { PATH: process.env.PATH } });
      expect(JSON.parse(output)).toEqual({ message: 'Invalid email address', locales: ['en'] });
    }
  });
});
