import { existsSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { App } from 'aws-cdk-lib';
import { TicketboothStack, type TicketboothStackProps } from '../../src/index.js';

const fixtures = resolve(dirname(fileURLToPath(import.meta.url)), '../fixtures');

/** A stand-in web build, for the stack as deployed with the web app (BucketDeployment included). */
export const WEB_ASSETS_FIXTURE = resolve(fixtures, 'web');

/** The stack in a fixed account and region, its functions bundled from a stand-in handler. */
export function testStackProps(overrides: Partial<TicketboothStackProps> = {}): TicketboothStackProps {
  const handler = resolve(fixtures, 'handler.ts');
  return {
    env: { account: '123456789012', region: 'eu-west-1' },
    repoRoot: resolve(fixtures, '../../../..'),
    apiEntry: handler,
    workerEntry: handler,
    mailFrom: 'Ticketbooth <tickets@example.com>',
    ...overrides,
  };
}

export function buildTestStack(props: TicketboothStackProps = testStackProps()): TicketboothStack {
  return new TicketboothStack(new App(), 'TicketboothTest', props);
}

/** The function assets (folders holding an index.mjs) of the stack `id` synthesized with both functions bundled from `entry`. */
export function functionAssets(id: string, entry: string): string[] {
  const app = new App();
  new TicketboothStack(app, id, testStackProps({ apiEntry: entry, workerEntry: entry }));
  const { directory } = app.synth();
  return readdirSync(directory)
    .map((name) => join(directory, name))
    .filter((dir) => existsSync(join(dir, 'index.mjs')));
}
