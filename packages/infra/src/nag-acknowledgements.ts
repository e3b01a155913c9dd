import { Stack, Validations } from 'aws-cdk-lib';
import type { CfnPolicy, Role } from 'aws-cdk-lib/aws-iam';
import type { CfnBucket } from 'aws-cdk-lib/aws-s3';
import type { IConstruct } from 'constructs';
import { flattenCfnReference } from 'cdk-nag/lib/utils/flatten-cfn-reference.js';
import { IMAGE_KEY_PREFIX, TICKET_PDF_PREFIX } from '@ticketbooth/core';
import type { TicketboothStack, TicketboothStackProps } from './ticketbooth-stack.js';

/**
 * The cdk-nag AwsSolutions findings the stack keeps on purpose, each on the construct it is about
 * and with its reason (docs/aws.md, "Security checks"); everything else is fixed in the stack.
 * Called beside the stack (bin/app.ts), so test/nag.test.ts can also check the stack without them
 * and refuse an acknowledgement that no longer answers a finding.
 */
export function acknowledgeNagFindings(stack: TicketboothStack, props: Pick<TicketboothStackProps, 'domain' | 'webAclArn'>): void {
  const acknowledge = (scope: IConstruct, id: string, reason: string) => Validations.of(scope).acknowledge({ id, reason });

  acknowledge(
    stack.userPool,
    'AwsSolutions-COG1',
    'Length over composition: at least 8 characters and no uppercase, digit or symbol rules, as the API contract ' +
      'requires and the local identity enforces; OWASP ASVS 5.0 and NIST SP 800-63B advise against composition rules.',
  );
  acknowledge(
    stack.userPool,
    'AwsSolutions-COG2',
    'No MFA in either home: the API contract has no second-factor step, so requiring MFA in Cognito alone would make ' +
      'the USER_PASSWORD_AUTH login answer a challenge the API cannot pass on.',
  );
  acknowledge(
    stack.userPool,
    'AwsSolutions-COG8',
    'Lite feature plan by choice (docs/aws.md, cost model): Plus threat protection costs several times Lite per monthly ' +
      "active user; Cognito's own lockout after repeated failed sign-ins and the stage throttling still apply.",
  );

  const arnOf = (bucket: IConstruct) => `<${stack.resolve(stack.getLogicalId(bucket.node.defaultChild as CfnBucket))}.Arn>`;
  const ticketsArn = arnOf(stack.ticketsBucket);
  const imagesArn = arnOf(stack.images.bucket);
  for (const fn of [stack.apiFunction, stack.workerFunction]) {
    acknowledge(
      fn.role!,
      `AwsSolutions-IAM5[Resource::${ticketsArn}/${TICKET_PDF_PREFIX}*]`,
      `Ticket PDFs are ${TICKET_PDF_PREFIX}<ticket id>.pdf and a function may render or link any ticket, so this prefix ` +
        'is the narrowest resource that covers them.',
    );
    acknowledge(
      fn.role!,
      `AwsSolutions-IAM5[Resource::${imagesArn}/${IMAGE_KEY_PREFIX}*]`,
      `Event images are ${IMAGE_KEY_PREFIX}events/<event id>/<version>/<variant> and the API sets and replaces any ` +
        "organizer's image (the worker prints any on tickets), so this prefix is the narrowest resource that covers them.",
    );
    acknowledge(
      fn,
      'AwsSolutions-L1',
      'Node.js 22 on purpose: a supported Lambda runtime that the bundle targets (esbuild node22) and whose bundled AWS ' +
        'SDK v3 the functions use; moving to a newer runtime is an upgrade to test, not a lint fix.',
    );
  }

  acknowledge(
    stack.httpApi,
    'AwsSolutions-APIG4',
    'Authorization is in the app: the one $default route proxies every path to the Hono app, which verifies Cognito ' +
      'access tokens (aws-jwt-verify) and checks role and ownership per route; the contract has public routes ' +
      '(event listing, sign-up, login, ticket keys) that an authorizer on $default would refuse.',
  );

  acknowledge(
    stack.distribution,
    'AwsSolutions-CFR1',
    "Tickets are sold to anyone, anywhere: the contract has no geographic restriction, and an event's audience is " +
      "its organizer's business.",
  );
  if (!props.webAclArn) {
    acknowledge(
      stack.distribution,
      'AwsSolutions-CFR2',
      "No web ACL unless webAclArn is given: WAF's monthly charges for a web ACL and its rules exceed this stack's " +
        'whole running cost at small scale (docs/aws.md); Cognito limits failed sign-ins and the stage is throttled.',
    );
  }
  if (!props.domain) {
    acknowledge(
      stack.distribution,
      'AwsSolutions-CFR4',
      "Without a custom domain the distribution serves CloudFront's default *.cloudfront.net certificate, whose " +
        'security policy (TLSv1) cannot be raised; the domain prop (names and an ACM certificate) gives TLSv1.2_2021.',
    );
  }

  if (stack.webDeployment) acknowledgeBucketDeployment(stack, stack.webDeployment.handlerRole as Role, acknowledge);
}

/**
 * CDK's BucketDeployment runs a shared handler of its own, only during deployments: CDK picks its
 * runtime, its managed basic execution role, and its grants (read CDK's asset bucket, replace the
 * web bucket's objects, invalidate the distribution on "*"). Every wildcard CDK put in that
 * handler's policy is acknowledged, on that handler only.
 */
function acknowledgeBucketDeployment(
  stack: Stack,
  handlerRole: Role,
  acknowledge: (scope: IConstruct, id: string, reason: string) => void,
): void {
  const handler = handlerRole.node.scope!;
  const owned = "CDK's BucketDeployment handler (aws-cdk-lib owns its code, role and runtime; it runs only during deployments)";
  acknowledge(handler, 'AwsSolutions-L1', `${owned}: its runtime moves with aws-cdk-lib upgrades.`);
  acknowledge(
    handler,
    'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
    `${owned}: CDK attaches the managed basic execution role for its logs.`,
  );
  const policy = handlerRole.node.tryFindChild('DefaultPolicy')?.node.defaultChild as CfnPolicy | undefined;
  const document = stack.resolve(policy?.policyDocument) as { Statement?: { Effect: string; Action: unknown; Resource: unknown }[] } | undefined;
  for (const statement of document?.Statement ?? []) {
    if (statement.Effect !== 'Allow') continue;
    const wildcards = [
      ...[statement.Action].flat().map((action) => `Action::${String(action)}`),
      ...[statement.Resource].flat().map((resource) => `Resource::${flattenCfnReference(resource)}`),
    ].filter((finding) => finding.includes('*'));
    for (const finding of wildcards) {
      acknowledge(handler, `AwsSolutions-IAM5[${finding}]`, `${owned}: the wildcard is part of CDK's own grant.`);
    }
  }
}
