import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { App } from 'aws-cdk-lib';
import { acknowledgeNagFindings, TicketboothEdgeWafStack, TicketboothStack, type TicketboothStackProps } from '../src/index.js';

/**
 * `npm run synth` runs this file directly (no cdk CLI, so nothing asks AWS who you are): the stack
 * is environment-agnostic and the assembly lands in packages/infra/cdk.out. Under `cdk deploy` the
 * CLI sets CDK_OUTDIR and CDK_DEFAULT_ACCOUNT/REGION from your profile.
 */
const infraDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const repoRoot = resolve(infraDir, '../..');
const app = new App({ outdir: process.env.CDK_OUTDIR ?? resolve(infraDir, 'cdk.out') });
const webDist = resolve(repoRoot, 'packages/web/dist');
const context = (key: string): string | undefined => app.node.tryGetContext(key);
const domainNames = context('domainNames')?.split(',').map((name) => name.trim()).filter(Boolean);
const certificateArn = context('certificateArn');
if (domainNames?.length && !certificateArn) throw new Error('-c domainNames needs -c certificateArn (an ACM certificate in us-east-1).');

const props: TicketboothStackProps = {
  env:
    process.env.CDK_DEFAULT_ACCOUNT && process.env.CDK_DEFAULT_REGION
      ? { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION }
      : undefined,
  repoRoot,
  apiEntry: resolve(repoRoot, 'packages/api/src/lambda.ts'),
  workerEntry: resolve(repoRoot, 'packages/api/src/lambda-worker.ts'),
  webAssetsPath: existsSync(webDist) ? webDist : undefined,
  mailFrom: context('mailFrom') ?? 'tickets@example.com',
  signingKeySecretName: context('signingKeySecret'),
  // `-c stripeSecret=<name>`: real payments with the Stripe keys in that Secrets Manager secret (docs/payments.md).
  stripeSecretName: context('stripeSecret'),
  domain: domainNames?.length && certificateArn ? { names: domainNames, certificateArn } : undefined,
  webAclArn: context('webAclArn'),
};
const stack = new TicketboothStack(app, context('stackName') ?? 'Ticketbooth', props);
acknowledgeNagFindings(stack, props);
// `-c edgeWaf=true`: also the us-east-1 web ACL with the per-address rate rules (docs/aws.md).
if (context('edgeWaf') === 'true') {
  new TicketboothEdgeWafStack(app, `${context('stackName') ?? 'Ticketbooth'}EdgeWaf`, {
    env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: 'us-east-1' },
  });
}

app.synth();
