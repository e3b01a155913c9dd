import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import * as wafv2 from 'aws-cdk-lib/aws-wafv2';
import type { Construct } from 'constructs';

/** The paths whose abuse costs a password hash or a mail, limited per viewer address at the edge. */
export const ACCOUNT_CREATION_PATHS = ['/api/auth/signup', '/api/auth/resend-verification', '/api/auth/password-reset'] as const;

export interface EdgeWafStackProps extends StackProps {
  /** Requests per viewer address in 5 minutes to the sign-up, resend and reset paths (default 30). */
  accountCreationLimit?: number;
  /** Requests per viewer address in 5 minutes to the login path (default 300: a venue shares one address). */
  loginLimit?: number;
}

const visibility = (metricName: string): wafv2.CfnWebACL.VisibilityConfigProperty => ({
  cloudWatchMetricsEnabled: true,
  metricName,
  sampledRequestsEnabled: true,
});

const startsWith = (path: string): wafv2.CfnWebACL.StatementProperty => ({
  byteMatchStatement: {
    fieldToMatch: { uriPath: {} },
    positionalConstraint: 'STARTS_WITH',
    searchString: path,
    textTransformations: [{ priority: 0, type: 'NONE' }],
  },
});

const throttled = { block: { customResponse: { responseCode: 429, customResponseBodyKey: 'throttled', responseHeaders: [{ name: 'Retry-After', value: '300' }] } } };

/**
 * A CLOUDFRONT-scope web ACL (so deployed in us-east-1) with rate-based rules per viewer address.
 * Sign-ups and resets must be limited across every Lambda instance, which the API's in-process
 * counters cannot do; CloudFront puts the viewer's address in front of the rule. An HTTP API (API
 * Gateway v2) cannot take a regional web ACL, hence the edge. Pass its ARN as `-c webAclArn=...`.
 */
export class TicketboothEdgeWafStack extends Stack {
  readonly webAcl: wafv2.CfnWebACL;

  constructor(scope: Construct, id: string, props: EdgeWafStackProps = {}) {
    super(scope, id, props);
    this.webAcl = new wafv2.CfnWebACL(this, 'EdgeAcl', {
      scope: 'CLOUDFRONT',
      defaultAction: { allow: {} },
      visibilityConfig: visibility('ticketbooth-edge'),
      customResponseBodies: {
        throttled: { contentType: 'APPLICATION_JSON', content: JSON.stringify({ error: { code: 'too_many_attempts', message: 'Too many attempts from here. Please wait a few minutes and try again.' } }) },
      },
      rules: [
        {
          name: 'AccountCreationPerAddress',
          priority: 0,
          action: throttled,
          visibilityConfig: visibility('ticketbooth-account-creation'),
          statement: {
            rateBasedStatement: {
              aggregateKeyType: 'IP',
              evaluationWindowSec: 300,
              limit: props.accountCreationLimit ?? 30,
              scopeDownStatement: { orStatement: { statements: ACCOUNT_CREATION_PATHS.map(startsWith) } },
            },
          },
        },
        {
          name: 'LoginPerAddress',
          priority: 1,
          action: throttled,
          visibilityConfig: visibility('ticketbooth-login'),
          statement: { rateBasedStatement: { aggregateKeyType: 'IP', evaluationWindowSec: 300, limit: props.loginLimit ?? 300, scopeDownStatement: startsWith('/api/auth/login') } },
        },
      ],
    });
    new CfnOutput(this, 'WebAclArn', { value: this.webAcl.attrArn, description: 'Pass to the main stack as -c webAclArn=...' });
  }
}
