import { runInNewContext } from 'node:vm';
import { Template } from 'aws-cdk-lib/assertions';
import type { CfnPolicy } from 'aws-cdk-lib/aws-iam';
import { beforeAll, describe, expect, it } from 'vitest';
import { SHARE_PAGE_PATHS } from '@ticketbooth/api/share-paths';
import type { TicketboothStack } from '../src/index.js';
import { buildTestStack, testStackProps, WEB_ASSETS_FIXTURE } from './support/test-stack.js';

type Resource = { Type: string; Properties: Record<string, any> };
type Behaviour = { PathPattern: string; TargetOriginId: string; CachePolicyId: string; AllowedMethods: string[]; FunctionAssociations?: { EventType: string; FunctionARN: { 'Fn::GetAtt': [string, string] } }[] };
type Statement = { Effect: string; Action: string | string[]; Resource: unknown };

let stack: TicketboothStack;
let template: Template;
let behaviours: Behaviour[];
let apiOriginId: string;

const cacheBehavioursOf = (t: Template): Behaviour[] =>
  (Object.values(t.findResources('AWS::CloudFront::Distribution') as Record<string, Resource>)[0]!.Properties.DistributionConfig.CacheBehaviors as Behaviour[]);
const statementsOf = (fn: TicketboothStack['apiFunction']): Statement[] =>
  (stack.resolve((fn.role!.node.findChild('DefaultPolicy').node.defaultChild as CfnPolicy).policyDocument) as { Statement: Statement[] }).Statement;

beforeAll(() => {
  stack = buildTestStack(testStackProps({ webAssetsPath: WEB_ASSETS_FIXTURE }));
  template = Template.fromStack(stack);
  behaviours = cacheBehavioursOf(template);
  apiOriginId = behaviours.find((b) => b.PathPattern === '/api/*')!.TargetOriginId;
});

describe('share pages on AWS: the listing and event pages come from the API function, with their tags', () => {
  it('routes the share paths to the API origin, uncached, GET and HEAD only, ahead of the bucket', () => {
    const shared = behaviours.filter((b) => (SHARE_PAGE_PATHS as readonly string[]).includes(b.PathPattern));
    expect(shared.map((b) => b.PathPattern)).toEqual([...SHARE_PAGE_PATHS]);
    for (const behaviour of shared) {
      expect(behaviour.TargetOriginId).toBe(apiOriginId);
      expect(behaviour.CachePolicyId).toBe('4135ea2d-6df8-44a3-9df3-4b5a84be39ad'); // Managed-CachingDisabled
      expect(behaviour.AllowedMethods).toEqual(['GET', 'HEAD']);
    }
  });

  it("passes the viewer's host as X-Forwarded-Host, over whatever the viewer sent under that name", () => {
    const association = behaviours.find((b) => b.PathPattern === '/events/*')!.FunctionAssociations!.find((a) => a.EventType === 'viewer-request')!;
    const code = (template.toJSON().Resources[association.FunctionARN['Fn::GetAtt'][0]] as Resource).Properties.FunctionCode as string;
    const handler = runInNewContext(`${code}\nhandler`) as (event: object) => { headers: Record<string, { value: string }> };
    const request = handler({ request: { uri: '/events/evt_1', headers: { host: { value: 'tickets.example' }, 'x-forwarded-host': { value: 'evil.example' } } } });
    expect(request.headers['x-forwarded-host']).toEqual({ value: 'tickets.example' });
  });

  it("lets the API function read the web bucket's index.html, and nothing else of it; the worker not at all", () => {
    const webBucket = stack.resolve(stack.webBucket.bucketArn) as unknown;
    const reads = (statements: Statement[]) => statements.filter((s) => JSON.stringify(s.Resource).includes(JSON.stringify(webBucket).slice(1, -1)));
    const apiReads = reads(statementsOf(stack.apiFunction));
    expect(apiReads).toHaveLength(1);
    expect(apiReads[0]!.Action).toBe('s3:GetObject');
    expect(JSON.stringify(apiReads[0]!.Resource)).toContain('/index.html');
    expect(reads(statementsOf(stack.workerFunction))).toEqual([]);
    template.hasResourceProperties('AWS::Lambda::Function', { Environment: { Variables: { WEB_BUCKET: stack.resolve(stack.webBucket.bucketName) } } });
  });

  it('without a web build there are no share pages: nothing to read, the bucket is empty', () => {
    const bare = Template.fromStack(buildTestStack());
    expect(cacheBehavioursOf(bare).map((b) => b.PathPattern)).not.toContain('/events/*');
  });
});
