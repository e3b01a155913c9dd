import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lambdaSharpPackages } from '../src/lambda-sharp.js';
import { functionAssets, testStackProps } from './support/test-stack.js';

/** ELF e_machine (bytes 18-19, little-endian): 183 is AArch64, 62 is x86-64. */
const elfMachine = (file: string): number => readFileSync(file).readUInt16LE(18);

describe('the functions carry sharp for arm64', () => {
  it('pins sharp and its linux-arm64 binaries at the lockfile versions', () => {
    const packages = lambdaSharpPackages(resolve(testStackProps().repoRoot));
    expect(packages.map((p) => p.replace(/@[^@]+$/, ''))).toEqual(['sharp', '@img/sharp-linux-arm64', '@img/sharp-libvips-linux-arm64']);
  });

  it('bundles a handler that imports sharp with sharp left external, and puts the arm64 build beside it', () => {
    const fixture = resolve(testStackProps().repoRoot, 'packages/infra/test/fixtures/sharp-handler.ts');
    const assets = functionAssets('SharpTest', fixture);
    expect(assets.length).toBeGreaterThan(0);
    for (const asset of assets) {
      const bundle = readFileSync(join(asset, 'index.mjs'), 'utf8');
      expect(bundle).toMatch(/from\s*"sharp"/);
      const addonDir = join(asset, 'node_modules/@img/sharp-linux-arm64/lib');
      const addon = readdirSync(addonDir).find((f) => f.endsWith('.node'));
      expect(addon && elfMachine(join(addonDir, addon))).toBe(183);
      const libvips = join(asset, 'node_modules/@img/sharp-libvips-linux-arm64/lib');
      const library = readdirSync(libvips).find((f) => f.startsWith('libvips-cpp.so'));
      expect(library && elfMachine(join(libvips, library))).toBe(183);
      expect(existsSync(join(asset, 'node_modules/sharp/package.json'))).toBe(true);
      // Nothing for the build machine's own platform.
      expect(readdirSync(join(asset, 'node_modules/@img')).filter((name) => name.includes('x64'))).toEqual([]);
    }
  });
});
