import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { App } from 'aws-cdk-lib';
import { TicketboothStack } from '../src/ticketbooth-stack.js';

/**
 * `npm run synth` runs this file directly (no cdk CLI, so nothing asks AWS who you are): the stack
 * is environment-agnostic and the assembly lands in packages/infra/cdk.out. Under `cdk deploy` the
 * CLI sets CDK_OUTDIR and CDK_DEFAULT_ACCOUNT/REGION from your profile.
 */
const infraDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const repoRoot = resolve(infraDir, '../..');
const app = new App({ outdir: process.env.CDK_OUTDIR ?? resolve(infraDir, 'cdk.out') });
const webDist = resolve(repoRoot, 'packages/web/dist');

new TicketboothStack(app, app.node.tryGetContext('stackName') ?? 'Ticketbooth', {
  env:
    process.env.CDK_DEFAULT_ACCOUNT && process.env.CDK_DEFAULT_REGION
      ? { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION }
      : undefined,
  repoRoot,
  apiEntry: resolve(repoRoot, 'packages/api/src/lambda.ts'),
  workerEntry: resolve(repoRoot, 'packages/api/src/lambda-worker.ts'),
  webAssetsPath: existsSync(webDist) ? webDist : undefined,
  mailFrom: app.node.tryGetContext('mailFrom') ?? 'tickets@example.com',
  signingKeySecretName: app.node.tryGetContext('signingKeySecret'),
});

app.synth();
