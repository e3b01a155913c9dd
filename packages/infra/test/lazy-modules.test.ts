import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { App } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import { TicketboothStack } from '../src/index.js';
import { LAZY_MODULES } from '../src/lazy-modules.js';
import { functionAssets, testStackProps } from './support/test-stack.js';

/** Imports the asset's index.mjs in a fresh Node from the asset's folder, calls its handler, prints the result. */
const CALL_HANDLER = 'const { handler } = await import(process.argv[1]); console.log(JSON.stringify(await handler()));';

describe('modules loaded on first use', () => {
  it('stay out of index.mjs and load from the asset: a ticket PDF with its fonts, the password list, MIME, Stripe, Cognito, credentials from a profile', () => {
    const fixture = resolve(testStackProps().repoRoot, 'packages/infra/test/fixtures/lazy-modules-handler.ts');
    // Credentials in a profile file only, so the SDK's chain goes past the environment to the file's source.
    const home = mkdtempSync(join(tmpdir(), 'lazy-modules-'));
    writeFileSync(join(home, 'credentials'), '[lazy]\naws_access_key_id = AKIDPROFILEONLY\naws_secret_access_key = secret\n');
    const profileOnly = { AWS_SHARED_CREDENTIALS_FILE: join(home, 'credentials'), AWS_CONFIG_FILE: join(home, 'config'), AWS_PROFILE: 'lazy' };
    const assets = functionAssets('LazyTest', fixture);
    expect(assets.length).toBeGreaterThan(0);
    for (const asset of assets) {
      const bundle = readFileSync(join(asset, 'index.mjs'), 'utf8');
      // An import() esbuild left as it is: the module is not inside index.mjs.
      for (const specifier of LAZY_MODULES) expect(bundle).toContain(`import("${specifier}")`);
      const output = execFileSync(process.execPath, ['--input-type=module', '-e', CALL_HANDLER, join(asset, 'index.mjs')], { cwd: asset, encoding: 'utf8', env: { PATH: process.env.PATH, ...profileOnly } });
      expect(JSON.parse(output)).toEqual({ accessKeyId: 'AKIDPROFILEONLY', cognitoRegion: 'eu-west-1', forgedNotification: null, pdfHead: '%PDF-', commonPasswords: expect.any(Number), mailBytes: expect.any(Number) });
    }
    rmSync(home, { recursive: true, force: true });
  });

  it("are each imported by the API function's own index.mjs with import(), none with a static import", () => {
    const props = testStackProps();
    const app = new App();
    new TicketboothStack(app, 'LazyApiTest', testStackProps({ apiEntry: resolve(props.repoRoot, 'packages/api/src/lambda.ts') }));
    const assembly = app.synth();
    const resources = Object.entries(assembly.getStackByName('LazyApiTest').template.Resources as Record<string, { Type: string; Properties: { Code?: { S3Key?: string } } }>);
    const [, api] = resources.find(([id, r]) => r.Type === 'AWS::Lambda::Function' && id.startsWith('Api'))!;
    const bundle = readFileSync(join(assembly.directory, `asset.${api.Properties.Code!.S3Key!.replace(/\.zip$/, '')}`, 'index.mjs'), 'utf8');
    for (const specifier of LAZY_MODULES) {
      expect(bundle).toContain(`import("${specifier}")`);
      expect(bundle).not.toContain(`from"${specifier}"`);
    }
  });
});
