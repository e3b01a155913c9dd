import { Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { INDEXES } from '@ticketbooth/store-dynamodb';
import { buildTestStack, testStackProps } from './support/test-stack.js';

let template: Template;

type Resource = { Type: string; Properties: Record<string, unknown> };

beforeAll(() => {
  template = Template.fromStack(buildTestStack());
});

function logicalIdOf(type: string, match: (r: Resource) => boolean): string {
  const found = Object.entries(template.findResources(type) as Record<string, Resource>).filter(([, r]) => match(r));
  expect(found).toHaveLength(1);
  return found[0]![0];
}

describe('Ticketbooth stack', () => {
  it('creates a user pool with email sign-in and verification, an immutable custom:role and 8-character passwords', () => {
    template.hasResourceProperties('AWS::Cognito::UserPool', {
      UsernameAttributes: ['email'],
      UserPoolTier: 'LITE',
      AutoVerifiedAttributes: ['email'],
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: false },
      Policies: { PasswordPolicy: Match.objectLike({ MinimumLength: 8 }) },
      Schema: Match.arrayWith([Match.objectLike({ Name: 'role', AttributeDataType: 'String', Mutable: false })]),
    });
    template.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      ExplicitAuthFlows: Match.arrayWith(['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH']),
      GenerateSecret: false,
      PreventUserExistenceErrors: 'ENABLED',
      EnableTokenRevocation: true,
    });
  });

  it('creates an on-demand, encrypted table with point-in-time recovery, TTL and the store GSIs', () => {
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      BillingMode: 'PAY_PER_REQUEST',
      TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      SSESpecification: { SSEEnabled: true },
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
      GlobalSecondaryIndexes: INDEXES.map((index) => ({
        IndexName: index.indexName,
        KeySchema: [
          { AttributeName: index.partitionKey, KeyType: 'HASH' },
          { AttributeName: index.sortKey, KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'ALL' },
      })),
    });
  });

  it('keeps the buckets (tickets, images, web, access logs) private, TLS-only and encrypted, and expires old ticket PDFs', () => {
    const buckets = template.findResources('AWS::S3::Bucket') as Record<string, Resource>;
    expect(Object.keys(buckets)).toHaveLength(4);
    for (const bucket of Object.values(buckets)) {
      expect(bucket.Properties.PublicAccessBlockConfiguration).toEqual({
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      });
      expect(bucket.Properties.BucketEncryption).toEqual({
        ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
      });
    }
    template.hasResourceProperties('AWS::S3::Bucket', {
      LifecycleConfiguration: { Rules: [Match.objectLike({ ExpirationInDays: 90, Status: 'Enabled' })] },
    });
    const policies = Object.values(template.findResources('AWS::S3::BucketPolicy') as Record<string, Resource>);
    for (const policy of policies) {
      const statements = (policy.Properties.PolicyDocument as { Statement: Record<string, unknown>[] }).Statement;
      expect(statements).toContainEqual(
        expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
      );
      // No statement opens a bucket to everyone.
      expect(statements.filter((s) => s.Effect === 'Allow' && s.Principal === '*')).toEqual([]);
    }
  });

  it('runs both functions on Node.js 22 on arm64', () => {
    const functions = Object.values(template.findResources('AWS::Lambda::Function') as Record<string, Resource>).filter(
      (f) => (f.Properties.Environment as { Variables?: Record<string, unknown> } | undefined)?.Variables?.TABLE_NAME,
    );
    expect(functions).toHaveLength(2);
    for (const fn of functions) {
      expect(fn.Properties.Runtime).toBe('nodejs22.x');
      expect(fn.Properties.Architectures).toEqual(['arm64']);
      expect(fn.Properties.Handler).toBe('index.handler');
      // The signing key reaches the function by dynamic reference, never as a literal in the template.
      const variables = (fn.Properties.Environment as { Variables: Record<string, unknown> }).Variables;
      expect(JSON.stringify(variables.TICKET_SIGNING_KEY_PEM)).toContain('{{resolve:secretsmanager:');
      expect(JSON.stringify(variables.TICKET_SIGNING_KEY_PEM)).toContain('ticketbooth/ticket-signing-key:SecretString:pem');
    }
  });

  it('maps stack traces through the source map in the worker only: the API function starts without reading it', () => {
    const nodeOptionsOf = (prefix: string) => {
      const [, fn] = Object.entries(template.findResources('AWS::Lambda::Function') as Record<string, Resource>).find(([id]) => id.startsWith(prefix))!;
      return (fn.Properties.Environment as { Variables: Record<string, unknown> }).Variables.NODE_OPTIONS;
    };
    expect(nodeOptionsOf('Api')).toBeUndefined();
    expect(nodeOptionsOf('Worker')).toBe('--enable-source-maps');
  });

  it('takes mock payments unless given a Stripe secret; with one, both functions get PAYMENTS=stripe and the keys by dynamic reference only', () => {
    const paymentsOf = (t: Template) =>
      Object.values(t.findResources('AWS::Lambda::Function') as Record<string, Resource>)
        .map((f) => (f.Properties.Environment as { Variables?: Record<string, unknown> } | undefined)?.Variables)
        .filter((v): v is Record<string, unknown> => v?.TABLE_NAME !== undefined);
    expect(paymentsOf(template).map((v) => [v.PAYMENTS, v.STRIPE_SECRET_KEY])).toEqual([['mock', undefined], ['mock', undefined]]);

    const domain = { names: ['tickets.example.com'], certificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/abc' };
    const stripe = Template.fromStack(buildTestStack(testStackProps({ stripeSecretName: 'ticketbooth/stripe', domain })));
    const variables = paymentsOf(stripe);
    expect(variables).toHaveLength(2);
    for (const v of variables) {
      expect(v.PAYMENTS).toBe('stripe');
      expect(JSON.stringify(v.STRIPE_SECRET_KEY)).toContain('{{resolve:secretsmanager:');
      expect(JSON.stringify(v.STRIPE_SECRET_KEY)).toContain('ticketbooth/stripe:SecretString:secretKey');
      expect(JSON.stringify(v.STRIPE_WEBHOOK_SECRET)).toContain('ticketbooth/stripe:SecretString:webhookSecret');
      expect(v.PUBLIC_URL).toBe('https://tickets.example.com');
    }
    expect(JSON.stringify(stripe.toJSON())).not.toMatch(/sk_(test|live)_|whsec_/);
    expect(() => buildTestStack(testStackProps({ stripeSecretName: 'ticketbooth/stripe' }))).toThrow(/domain/);
  });

  it('grants DynamoDB and S3 actions only on the table, its indexes, the tickets bucket and the images bucket', () => {
    const tableId = logicalIdOf('AWS::DynamoDB::Table', () => true);
    const ticketsId = logicalIdOf('AWS::S3::Bucket', (r) => JSON.stringify(r.Properties.LifecycleConfiguration ?? null).includes('expire-old-ticket-pdfs'));
    const webId = logicalIdOf('AWS::S3::Bucket', (r) => r.Properties.LifecycleConfiguration === undefined);
    const imagesId = logicalIdOf('AWS::S3::Bucket', (r) => JSON.stringify(r.Properties.LifecycleConfiguration ?? null).includes('abort-incomplete-image-uploads'));
    type Statement = { Action: string | string[]; Resource: unknown };
    type Document = { Statement: Statement[] };
    const policies = Object.values(template.findResources('AWS::IAM::Policy') as Record<string, Resource>);
    const statements = policies.flatMap((p) => (p.Properties.PolicyDocument as Document).Statement);
    // Inline role policies too (the web bucket's auto-delete helper has one).
    const roles = Object.values(template.findResources('AWS::IAM::Role') as Record<string, Resource>);
    const inline = roles.flatMap((r) => ((r.Properties.Policies as { PolicyDocument: Document }[] | undefined) ?? []).flatMap((p) => p.PolicyDocument.Statement));
    const scoped = [...statements, ...inline].filter((s) => [s.Action].flat().some((a) => a.startsWith('dynamodb:') || a.startsWith('s3:')));
    expect(scoped.length).toBeGreaterThan(0);
    for (const statement of scoped) {
      const resources = [statement.Resource].flat();
      expect(resources).not.toContain('*');
      const text = JSON.stringify(resources);
      expect([tableId, ticketsId, webId, imagesId].some((id) => text.includes(id))).toBe(true);
    }
    const ses = statements.filter((s) => [s.Action].flat().includes('ses:SendEmail'));
    expect(ses.length).toBeGreaterThan(0);
    for (const statement of ses) expect(JSON.stringify(statement.Resource)).toMatch(/identity\/(tickets@)?example\.com/);
    expect(JSON.stringify(statements)).not.toMatch(/"cognito-idp:/);
  });

  it('throttles the HTTP API default stage', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AutoDeploy: true,
      DefaultRouteSettings: { ThrottlingRateLimit: 200, ThrottlingBurstLimit: 400 },
    });
    template.resourceCountIs('AWS::ApiGatewayV2::Api', 1);
  });

  it('runs the worker every minute', () => {
    template.hasResourceProperties('AWS::Events::Rule', { ScheduleExpression: 'rate(1 minute)', State: 'ENABLED' });
  });

  it('serves the web bucket through CloudFront with origin access control and routes /api/* uncached to the API', () => {
    // One for the web bucket, one for the images bucket (test/images-bucket.test.ts).
    template.resourceCountIs('AWS::CloudFront::OriginAccessControl', 2);
    template.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        DefaultRootObject: 'index.html',
        DefaultCacheBehavior: Match.objectLike({
          ViewerProtocolPolicy: 'redirect-to-https',
          FunctionAssociations: [Match.objectLike({ EventType: 'viewer-request' })],
        }),
        // The public reads' cached behaviours come before it (test/public-reads.test.ts).
        CacheBehaviors: Match.arrayWith([
          Match.objectLike({
            PathPattern: '/api/*',
            CachePolicyId: '4135ea2d-6df8-44a3-9df3-4b5a84be39ad',
            OriginRequestPolicyId: 'b689b0a8-53d0-40ab-baf2-68738e2966ac',
            AllowedMethods: ['GET', 'HEAD', 'OPTIONS', 'PUT', 'PATCH', 'POST', 'DELETE'],
          }),
        ]),
        Origins: Match.arrayWith([
          Match.objectLike({ OriginAccessControlId: Match.anyValue(), S3OriginConfig: Match.anyValue() }),
          Match.objectLike({ CustomOriginConfig: Match.objectLike({ OriginProtocolPolicy: 'https-only' }) }),
        ]),
      }),
    });
  });

  it('outputs the URLs and identifiers a deploy needs', () => {
    for (const name of ['WebUrl', 'ApiUrl', 'HttpApiUrl', 'UserPoolId', 'UserPoolClientId', 'TableName', 'TicketsBucketName', 'ImagesBucketName']) {
      template.hasOutput(name, {});
    }
  });
});
