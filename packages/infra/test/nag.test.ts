import { Validations } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { IConstruct } from 'constructs';
import { AwsSolutionsChecks } from 'cdk-nag';
import { describe, expect, it } from 'vitest';
import { App, Stack } from 'aws-cdk-lib';
import { ACCOUNT_CREATION_PATHS, TicketboothEdgeWafStack, acknowledgeNagFindings, type TicketboothStack, type TicketboothStackProps } from '../src/index.js';
import { buildTestStack, testStackProps, WEB_ASSETS_FIXTURE } from './support/test-stack.js';

/** One finding: a rule (with its finding, as in `AwsSolutions-IAM5[Action::s3:*]`) on one construct. */
interface Finding {
  rule: string;
  severity: string;
  path: string;
}

/**
 * cdk-nag 3 is a policy-validation plugin: it reports violations instead of adding annotations,
 * and skips the ones acknowledged with `Validations.of(construct).acknowledge`.
 */
function nagFindings(stack: Stack): Finding[] {
  const report = new AwsSolutionsChecks(stack).validateScope(stack);
  return report.violations.flatMap((violation) =>
    violation.violatingResources.map((resource) => ({
      rule: violation.ruleName,
      severity: violation.severity ?? 'unknown',
      path: resource.constructPath ?? resource.resourceLogicalId ?? '?',
    })),
  );
}

/** The AwsSolutions acknowledgements in the tree (CDK records some of its own, for other checks). */
function acknowledgements(scope: IConstruct): { rule: string; path: string }[] {
  const own = scope.node.metadata
    .filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
    .flatMap((entry) => Object.keys(entry.data as Record<string, string>).map((id) => ({ rule: id.replace(/^annotation::/i, ''), path: scope.node.path })))
    .filter((acknowledgement) => acknowledgement.rule.startsWith('AwsSolutions-'));
  return [...own, ...scope.node.children.flatMap(acknowledgements)];
}

function acknowledgedStack(props: TicketboothStackProps): TicketboothStack {
  const stack = buildTestStack(props);
  acknowledgeNagFindings(stack, props);
  return stack;
}

const deployed = testStackProps({ webAssetsPath: WEB_ASSETS_FIXTURE });
const withDomainAndWaf = testStackProps({
  domain: { names: ['tickets.example.com'], certificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/00000000-0000-0000-0000-000000000000' },
  webAclArn: 'arn:aws:wafv2:us-east-1:123456789012:global/webacl/ticketbooth/00000000-0000-0000-0000-000000000000',
});

describe('cdk-nag AwsSolutions checks', () => {
  it.each([
    ['as deployed with the web app', deployed],
    ['without a web build', testStackProps()],
    ['with a custom domain and a web ACL', withDomainAndWaf],
  ])('leave no unacknowledged error or warning on the stack %s', (_name, props) => {
    const findings = nagFindings(acknowledgedStack(props));
    expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(findings.filter((f) => f.severity === 'warning')).toEqual([]);
  });

  it('acknowledge only findings the stack really has, on the construct that has them', () => {
    const found = nagFindings(buildTestStack(deployed));
    const acknowledged = acknowledgements(acknowledgedStack(deployed));
    expect(acknowledged.length).toBeGreaterThan(0);
    const stale = acknowledged.filter((a) => !found.some((f) => f.rule === a.rule && (f.path === a.path || f.path.startsWith(`${a.path}/`))));
    expect(stale).toEqual([]);
  });

  it('acknowledge no wildcard on the functions but the ticket PDF and event image prefixes', () => {
    const wildcards = acknowledgements(acknowledgedStack(deployed)).filter((a) => a.rule.startsWith('AwsSolutions-IAM5') && !a.path.includes('CDKBucketDeployment'));
    const perFunction = ['AwsSolutions-IAM5[Resource::<Tickets83B11BB2.Arn>/tickets/*]', expect.stringMatching(/^AwsSolutions-IAM5\[Resource::<ImagesBucket\w+\.Arn>\/images\/\*\]$/)];
    expect(wildcards.map((a) => a.rule)).toEqual([...perFunction, ...perFunction]);
  });

  it('require TLS 1.2 of viewers on a custom domain and put the web ACL in front', () => {
    const template = Template.fromStack(buildTestStack(withDomainAndWaf));
    const distribution = Object.values(template.findResources('AWS::CloudFront::Distribution'))[0] as {
      Properties: { DistributionConfig: { Aliases: string[]; ViewerCertificate: Record<string, unknown>; WebACLId: string } };
    };
    const config = distribution.Properties.DistributionConfig;
    expect(config.Aliases).toEqual(['tickets.example.com']);
    expect(config.ViewerCertificate).toMatchObject({ MinimumProtocolVersion: 'TLSv1.2_2021', SslSupportMethod: 'sni-only' });
    expect(config.WebACLId).toBe(withDomainAndWaf.webAclArn);
  });

  it('the edge web ACL limits sign-up, resend and reset per address (429), and leaves no finding', () => {
    const edge = new TicketboothEdgeWafStack(new App(), 'EdgeWafTest', { env: { account: '123456789012', region: 'us-east-1' } });
    const findings = nagFindings(edge);
    expect(findings.filter((f) => f.severity === 'error' || f.severity === 'warning')).toEqual([]);
    const acl = Object.values(Template.fromStack(edge).findResources('AWS::WAFv2::WebACL'))[0] as {
      Properties: { Scope: string; Rules: Array<{ Name: string; Action: { Block: { CustomResponse: { ResponseCode: number } } }; Statement: { RateBasedStatement: { Limit: number; AggregateKeyType: string; ScopeDownStatement: { OrStatement?: { Statements: Array<{ ByteMatchStatement: { SearchString: string } }> } } } } }> };
    };
    expect(acl.Properties.Scope).toBe('CLOUDFRONT');
    const creation = acl.Properties.Rules.find((r) => r.Name === 'AccountCreationPerAddress')!;
    expect(creation.Action.Block.CustomResponse.ResponseCode).toBe(429);
    expect(creation.Statement.RateBasedStatement).toMatchObject({ Limit: 30, AggregateKeyType: 'IP' });
    expect(creation.Statement.RateBasedStatement.ScopeDownStatement.OrStatement!.Statements.map((s) => s.ByteMatchStatement.SearchString)).toEqual([...ACCOUNT_CREATION_PATHS]);
  });
});
