import { runInNewContext } from 'node:vm';
import { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildTestStack } from './support/test-stack.js';

type Resource = { Type: string; Properties: Record<string, any> };
type Behaviour = { PathPattern: string; CachePolicyId: unknown; OriginRequestPolicyId: string; FunctionAssociations?: { EventType: string; FunctionARN: unknown }[] };
type ViewerRequest = { request: { headers: Record<string, { value: string }> }; context: { requestId: string } };

let template: Template;
let behaviours: Behaviour[];
let policy: Record<string, any>;
let policyId: string;

beforeAll(() => {
  template = Template.fromStack(buildTestStack());
  const distribution = Object.values(template.findResources('AWS::CloudFront::Distribution') as Record<string, Resource>)[0]!;
  behaviours = distribution.Properties.DistributionConfig.CacheBehaviors;
  const policies = Object.entries(template.findResources('AWS::CloudFront::CachePolicy') as Record<string, Resource>);
  expect(policies).toHaveLength(1);
  [policyId, { Properties: { CachePolicyConfig: policy } }] = policies[0]!;
});

/** The viewer-request function of a behaviour, run as CloudFront would run it. */
function viewerRequestOf(behaviour: Behaviour): (event: ViewerRequest) => ViewerRequest['request'] {
  const association = behaviour.FunctionAssociations?.find((a) => a.EventType === 'viewer-request');
  expect(association).toBeDefined();
  const logicalId = (association!.FunctionARN as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
  const code = (template.toJSON().Resources[logicalId] as Resource).Properties.FunctionCode as string;
  return runInNewContext(`${code}\nhandler`) as (event: ViewerRequest) => ViewerRequest['request'];
}

describe('CloudFront caches the public reads by the API headers', () => {
  it('matches the listing and event paths before the uncached /api/*', () => {
    // '/images/*' (test/images-bucket.test.ts) does not overlap them.
    expect(behaviours.map((b) => b.PathPattern)).toEqual(['/api/events', '/api/events/*', '/api/*', '/images/*']);
    for (const behaviour of behaviours.slice(0, 2)) {
      expect(behaviour.CachePolicyId).toEqual({ Ref: policyId });
      // All viewer headers except Host reach the API (Idempotency-Key, the renamed token).
      expect(behaviour.OriginRequestPolicyId).toBe('b689b0a8-53d0-40ab-baf2-68738e2966ac');
    }
  });

  it('keys on every query string, never on Authorization, and keeps only what the API lets it keep', () => {
    const key = policy.ParametersInCacheKeyAndForwardedToOrigin;
    expect(key.QueryStringsConfig).toEqual({ QueryStringBehavior: 'all' });
    expect(key.CookiesConfig).toEqual({ CookieBehavior: 'none' });
    expect(key.HeadersConfig.HeaderBehavior).toBe('whitelist');
    expect(key.HeadersConfig.Headers.map((h: string) => h.toLowerCase())).not.toContain('authorization');
    expect(key.HeadersConfig.Headers).toContain('x-private-request');
    // No Cache-Control from the API (its errors: no-store) means not cached.
    expect(policy.DefaultTTL).toBe(0);
    expect(policy.MinTTL).toBe(0);
    expect(policy.MaxTTL).toBeGreaterThanOrEqual(5);
  });

  it('gives a request with a token a cache key of its own and forwards the token renamed', () => {
    const keyRequest = viewerRequestOf(behaviours[1]!);
    const first = keyRequest({ request: { headers: { authorization: { value: 'Bearer abc' } } }, context: { requestId: 'req-1' } });
    const second = keyRequest({ request: { headers: { authorization: { value: 'Bearer abc' } } }, context: { requestId: 'req-2' } });
    expect(first.headers['x-viewer-authorization']).toEqual({ value: 'Bearer abc' });
    expect(first.headers['x-private-request']).toEqual({ value: 'req-1' });
    expect(second.headers['x-private-request']).toEqual({ value: 'req-2' });
  });

  it('leaves an anonymous request on the shared key, dropping what a viewer sent under those names', () => {
    const keyRequest = viewerRequestOf(behaviours[0]!);
    const request = keyRequest({
      request: { headers: { 'x-private-request': { value: 'mine' }, 'x-viewer-authorization': { value: 'Bearer forged' } } },
      context: { requestId: 'req-3' },
    });
    expect(request.headers).toEqual({});
  });
});
