import { Match, Template } from 'aws-cdk-lib/assertions';
import type { CfnPolicy } from 'aws-cdk-lib/aws-iam';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import type { CfnBucket } from 'aws-cdk-lib/aws-s3';
import { beforeAll, describe, expect, it } from 'vitest';
import type { TicketboothStack } from '../src/index.js';
import { buildTestStack } from './support/test-stack.js';

type Statement = { Effect: string; Action: string | string[]; Resource: unknown };

let stack: TicketboothStack;
let template: Template;
let imagesId: string;

beforeAll(() => {
  stack = buildTestStack();
  template = Template.fromStack(stack);
  imagesId = stack.getLogicalId(stack.images.bucket.node.defaultChild as CfnBucket);
});

function statementsOf(fn: NodejsFunction): Statement[] {
  const policy = fn.role!.node.findChild('DefaultPolicy').node.defaultChild as CfnPolicy;
  return (stack.resolve(policy.policyDocument) as { Statement: Statement[] }).Statement.filter((s) => s.Effect === 'Allow');
}

/** The S3 actions a function may take on the images bucket, and on which resources. */
function imageGrants(fn: NodejsFunction): { actions: string[]; resources: string[] } {
  const onImages = statementsOf(fn).filter((s) => JSON.stringify(s.Resource).includes(imagesId));
  return {
    actions: onImages.flatMap((s) => [s.Action].flat()).sort(),
    resources: [...new Set(onImages.flatMap((s) => [s.Resource].flat().map((r) => JSON.stringify(r))))],
  };
}

describe('event images on AWS', () => {
  it('have a private bucket of their own, with access logs and no expiry', () => {
    template.hasResourceProperties('AWS::S3::Bucket', {
      LoggingConfiguration: { DestinationBucketName: Match.anyValue(), LogFilePrefix: 's3/images/' },
      LifecycleConfiguration: { Rules: [Match.objectLike({ Id: 'abort-incomplete-image-uploads', AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 } })] },
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
      OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
    });
    const images = template.findResources('AWS::S3::Bucket')[imagesId] as { Properties: { LifecycleConfiguration: { Rules: Record<string, unknown>[] } } };
    expect(images.Properties.LifecycleConfiguration.Rules.filter((rule) => 'ExpirationInDays' in rule)).toEqual([]);
  });

  it('are read by CloudFront alone, through origin access control', () => {
    const policies = Object.values(template.findResources('AWS::S3::BucketPolicy') as Record<string, { Properties: { Bucket: unknown; PolicyDocument: { Statement: Record<string, unknown>[] } } }>);
    const policy = policies.find((p) => JSON.stringify(p.Properties.Bucket).includes(imagesId));
    const allows = policy!.Properties.PolicyDocument.Statement.filter((s) => s.Effect === 'Allow');
    expect(allows).toEqual([
      expect.objectContaining({ Action: 's3:GetObject', Principal: { Service: 'cloudfront.amazonaws.com' }, Condition: { StringEquals: { 'AWS:SourceArn': expect.anything() } } }),
    ]);
  });

  it('are served under /images/* from that bucket, GET and HEAD only, cached as the objects say (up to a year) with nothing but the path in the key', () => {
    const distribution = Object.values(template.findResources('AWS::CloudFront::Distribution'))[0] as {
      Properties: { DistributionConfig: { CacheBehaviors: Record<string, unknown>[]; Origins: { Id: string; DomainName: unknown; OriginAccessControlId?: unknown }[] } };
    };
    const config = distribution.Properties.DistributionConfig;
    const behaviour = config.CacheBehaviors.find((b) => b.PathPattern === '/images/*')!;
    expect(behaviour).toMatchObject({ AllowedMethods: ['GET', 'HEAD'], ViewerProtocolPolicy: 'redirect-to-https', Compress: false });
    const origin = config.Origins.find((o) => o.Id === behaviour.TargetOriginId)!;
    expect(JSON.stringify(origin.DomainName)).toContain(imagesId);
    expect(origin.OriginAccessControlId).toBeDefined();

    // The managed CachingOptimized policy: path-only key, max TTL one year (the variants say max-age=31536000).
    expect(behaviour.CachePolicyId).toBe('658327ea-f89d-4fab-a63d-7e88639e58f6');
    expect(behaviour.OriginRequestPolicyId).toBeUndefined();
  });

  it('may be read, written and removed by the API function, only read by the worker, and only under images/', () => {
    const underImages = [JSON.stringify({ 'Fn::Join': ['', [{ 'Fn::GetAtt': [imagesId, 'Arn'] }, '/images/*']] })];
    expect(imageGrants(stack.apiFunction)).toEqual({ actions: ['s3:DeleteObject', 's3:GetObject', 's3:PutObject'], resources: underImages });
    expect(imageGrants(stack.workerFunction)).toEqual({ actions: ['s3:GetObject'], resources: underImages });
  });

  it('leave the tickets bucket without DeleteObject: nothing deletes ticket PDFs', () => {
    for (const fn of [stack.apiFunction, stack.workerFunction]) {
      const deletes = statementsOf(fn).filter((s) => [s.Action].flat().includes('s3:DeleteObject'));
      expect(deletes.every((s) => JSON.stringify(s.Resource).includes(imagesId) && !JSON.stringify(s.Resource).includes('tickets/'))).toBe(true);
    }
  });

  it('name the bucket to both functions as IMAGES_BUCKET', () => {
    const functions = Object.values(template.findResources('AWS::Lambda::Function') as Record<string, { Properties: { Environment?: { Variables?: Record<string, unknown> } } }>)
      .map((f) => f.Properties.Environment?.Variables)
      .filter((v): v is Record<string, unknown> => v?.TABLE_NAME !== undefined);
    expect(functions).toHaveLength(2);
    for (const variables of functions) expect(variables.IMAGES_BUCKET).toEqual({ Ref: imagesId });
  });
});
