import { join } from 'node:path';
import { FACE_FILES, FONT_PACKAGE_FILES } from '@ticketbooth/tickets/font-files';
import { CfnOutput, Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import { HttpApi, HttpStage, LogGroupLogDestination } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3deploy from 'aws-cdk-lib/aws-s3-deployment';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as cxapi from 'aws-cdk-lib/cx-api';
import type { Construct } from 'constructs';
import { TICKET_PDF_PREFIX } from '@ticketbooth/core';
import { LAZY_MODULES, lazyModuleCommands } from './lazy-modules.js';
import { functionBundleCommands } from './function-bundle.js';
import { lambdaSharpCommands } from './lambda-sharp.js';
import { INDEXES, TABLE_KEYS, TTL_ATTRIBUTE } from '@ticketbooth/store-dynamodb';
import { PUBLIC_READ_PATHS, publicReadBehaviour } from './public-reads.js';
import { sharePageBehaviours } from './share-pages.js';
import { viewerRequest } from './viewer-request.js';
import { EventImages, IMAGE_READER_ACTIONS, IMAGE_WRITER_ACTIONS, IMAGES_PATH } from './images-bucket.js';

export interface TicketboothStackProps extends StackProps {
  /** The monorepo root: esbuild resolves workspace packages and the lockfile from here. */
  repoRoot: string;
  /** The API Lambda's handler file (exports `handler`): packages/api/src/lambda.ts. */
  apiEntry: string;
  /** The scheduled worker's handler file (exports `handler`): packages/api/src/lambda-worker.ts. */
  workerEntry: string;
  /** The web app's build (packages/web/dist); when absent the web bucket is created empty. */
  webAssetsPath?: string;
  /** SES identity mail is sent from: an email address or a domain verified in SES. */
  mailFrom: string;
  /**
   * Secrets Manager secret (JSON `{"keyId": "...", "pem": "-----BEGIN PRIVATE KEY-----..."}`) with the
   * Ed25519 ticket signing key; created before the first deploy (docs/aws.md).
   */
  signingKeySecretName?: string;
  /**
   * Real payments (PAYMENTS=stripe): the name of a Secrets Manager secret, created before the
   * deploy, holding JSON `{"secretKey": "sk_...", "webhookSecret": "whsec_..."}`. Needs `domain`
   * (Stripe sends the attendee back to PUBLIC_URL). Without it the functions take mock payments.
   */
  stripeSecretName?: string;
  /** Steady requests/s and burst for the whole HTTP API (default stage). */
  apiThrottle?: { rateLimit: number; burstLimit: number };
  /**
   * Your own domain for the web app: its names and an ACM certificate for them in us-east-1. With it
   * viewers need TLS 1.2; CloudFront's default *.cloudfront.net certificate still accepts TLS 1.0.
   */
  domain?: { names: string[]; certificateArn: string };
  /** A CLOUDFRONT-scope AWS WAF web ACL to put in front of the distribution. */
  webAclArn?: string;
}

export const DEFAULT_SIGNING_KEY_SECRET = 'ticketbooth/ticket-signing-key';

/** Ticket PDFs can always be rendered again from the table, so old copies need not be kept. */
const TICKET_PDF_RETENTION = Duration.days(90);
const ACCESS_LOG_RETENTION = Duration.days(90);

/**
 * What the store and the payment ledger do to the table: item reads and writes, queries, and the
 * checks inside TransactWriteItems (test/grants.test.ts maps every SDK command in their code to these).
 */
export const TABLE_ACTIONS = [
  'dynamodb:GetItem',
  'dynamodb:BatchGetItem',
  'dynamodb:Query',
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:ConditionCheckItem',
];

/**
 * esbuild output is ESM; CommonJS dependencies bundled into it still use require/__dirname, so the
 * bundle defines them. (pdfkit's standard-font metrics, read from __dirname/data, are not shipped:
 * tickets draw only with the embedded Noto faces, unicode-document.ts.)
 */
const ESM_REQUIRE_SHIM = [
  "import { createRequire as __tbCreateRequire } from 'node:module';",
  "import { fileURLToPath as __tbFileURLToPath } from 'node:url';",
  "import { dirname as __tbDirname } from 'node:path';",
  'const require = __tbCreateRequire(import.meta.url);',
  'const __filename = __tbFileURLToPath(import.meta.url);',
  'const __dirname = __tbDirname(__filename);',
].join(' ');

/**
 * The Node 22 runtime ships AWS SDK v3, but loading its CommonJS packages from index.mjs costs more
 * at a cold start (Node detects each file's format, scans it for exports, then compiles it) than
 * parsing the ES module builds bundled and minified (`module` before `main`). Only the SDK packages
 * that load with the first request needing them stay the runtime's; sharp is native, installed for
 * arm64 below (lambda-sharp.ts).
 */
const RUNTIME_MODULES = ['@aws-sdk/client-s3', '@aws-sdk/client-sesv2', '@aws-sdk/s3-request-presigner', 'sharp'];
const TARGET = 'node22';
const MAIN_FIELDS = ['module', 'main'];

/** esbuild's options for the lazy modules' bundles and index.mjs: those NodejsFunction is given below. */
const BUNDLE_OPTIONS = {
  platform: 'node',
  format: 'esm',
  target: TARGET,
  mainFields: MAIN_FIELDS,
  minify: true,
  sourcemap: true,
  sourcesContent: false,
  banner: { js: ESM_REQUIRE_SHIM },
  external: RUNTIME_MODULES,
} as const;
const FUNCTION_BUNDLE_OPTIONS = { ...BUNDLE_OPTIONS, external: [...RUNTIME_MODULES, ...LAZY_MODULES] };

/** Ticket PDFs find their fonts by package resolution (packages/tickets/src/font-faces.ts): the regular faces only. */
function fontCopies(repoRoot: string, output: string): string[] {
  return FACE_FILES.flatMap(({ pkg, file }) => {
    const from = join(repoRoot, 'node_modules', pkg);
    const to = join(output, 'node_modules', pkg);
    return [
      `mkdir -p "${join(to, 'dist')}" "${join(to, 'fonts')}"`,
      ...FONT_PACKAGE_FILES.map((f) => `cp "${join(from, f)}" "${join(to, f)}"`),
      `cp "${join(from, 'fonts', file)}" "${join(to, 'fonts', file)}"`,
    ];
  });
}

export class TicketboothStack extends Stack {
  readonly table: dynamodb.Table;
  readonly accessLogsBucket: s3.Bucket;
  readonly ticketsBucket: s3.Bucket;
  readonly images: EventImages;
  readonly webBucket: s3.Bucket;
  readonly userPool: cognito.UserPool;
  readonly userPoolClient: cognito.UserPoolClient;
  readonly apiFunction: NodejsFunction;
  readonly workerFunction: NodejsFunction;
  readonly httpApi: HttpApi;
  readonly distribution: cloudfront.Distribution;
  readonly webDeployment?: s3deploy.BucketDeployment;

  constructor(scope: Construct, id: string, props: TicketboothStackProps) {
    super(scope, id, props);
    // S3 server access logs are allowed in by a bucket policy, not the deprecated log-delivery ACL
    // (which CloudFormation would also rewrite over the grant CloudFront adds for its own logs).
    this.node.setContext(cxapi.S3_SERVER_ACCESS_LOGS_USE_BUCKET_POLICY, true);

    this.userPool = new cognito.UserPool(this, 'Users', {
      // Lite covers email sign-in, verification and custom attributes at about a third of the
      // Essentials MAU price (docs/aws.md, cost model).
      featurePlan: cognito.FeaturePlan.LITE,
      selfSignUpEnabled: true,
      signInAliases: { email: true },
      signInCaseSensitive: false,
      autoVerify: { email: true },
      keepOriginal: { email: true },
      standardAttributes: { email: { required: true, mutable: true }, fullname: { required: true, mutable: true } },
      // Immutable: a user could otherwise promote themselves with UpdateUserAttributes, and the API
      // caches sub -> role, which is only safe because a role never changes.
      customAttributes: { role: new cognito.StringAttribute({ minLen: 1, maxLen: 16, mutable: false }) },
      // ASVS 5.0: length over composition rules.
      passwordPolicy: { minLength: 8, requireLowercase: false, requireUppercase: false, requireDigits: false, requireSymbols: false },
      accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const writable = new cognito.ClientAttributes()
      .withStandardAttributes({ email: true, fullname: true })
      .withCustomAttributes('role');
    this.userPoolClient = this.userPool.addClient('ApiClient', {
      authFlows: { userPassword: true },
      generateSecret: false,
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      accessTokenValidity: Duration.minutes(15),
      idTokenValidity: Duration.minutes(15),
      refreshTokenValidity: Duration.days(30),
      readAttributes: writable.withStandardAttributes({ email: true, fullname: true, emailVerified: true }),
      writeAttributes: writable,
    });

    this.table = new dynamodb.Table(this, 'Data', {
      partitionKey: { name: TABLE_KEYS.partitionKey, type: dynamodb.AttributeType.STRING },
      sortKey: { name: TABLE_KEYS.sortKey, type: dynamodb.AttributeType.STRING },
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      // Idempotency records carry their expiry; DynamoDB removes them after it, at no cost.
      timeToLiveAttribute: TTL_ATTRIBUTE,
      encryption: dynamodb.TableEncryption.AWS_MANAGED,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    for (const index of INDEXES) {
      this.table.addGlobalSecondaryIndex({
        indexName: index.indexName,
        partitionKey: { name: index.partitionKey, type: dynamodb.AttributeType.STRING },
        sortKey: { name: index.sortKey, type: dynamodb.AttributeType.STRING },
        projectionType: dynamodb.ProjectionType.ALL,
      });
    }

    // Server access logs of the other buckets and CloudFront's standard logs. CloudFront delivers
    // through an ACL grant it adds itself, so ACLs stay enabled here (object writer), unlike the data buckets.
    this.accessLogsBucket = new s3.Bucket(this, 'AccessLogs', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      encryption: s3.BucketEncryption.S3_MANAGED,
      objectOwnership: s3.ObjectOwnership.OBJECT_WRITER,
      lifecycleRules: [{ id: 'expire-old-access-logs', expiration: ACCESS_LOG_RETENTION }],
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.ticketsBucket = new s3.Bucket(this, 'Tickets', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      serverAccessLogsBucket: this.accessLogsBucket,
      serverAccessLogsPrefix: 's3/tickets/',
      encryption: s3.BucketEncryption.S3_MANAGED,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      lifecycleRules: [{ id: 'expire-old-ticket-pdfs', expiration: TICKET_PDF_RETENTION, abortIncompleteMultipartUploadAfter: Duration.days(1) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.images = new EventImages(this, 'Images', { accessLogsBucket: this.accessLogsBucket });

    const signingKey = secretsmanager.Secret.fromSecretNameV2(this, 'TicketSigningKey', props.signingKeySecretName ?? DEFAULT_SIGNING_KEY_SECRET);
    const environment = {
      NODE_ENV: 'production',
      TABLE_NAME: this.table.tableName,
      TICKETS_BUCKET: this.ticketsBucket.bucketName,
      IMAGES_BUCKET: this.images.bucket.bucketName,
      USER_POOL_ID: this.userPool.userPoolId,
      USER_POOL_CLIENT_ID: this.userPoolClient.userPoolClientId,
      MAIL_FROM: props.mailFrom,
      // Links in mail; without a domain of its own the CloudFront name is not known before the functions (a cycle).
      ...(props.domain && { PUBLIC_URL: `https://${props.domain.names[0]}` }),
      // Dynamic references: the template holds only `{{resolve:secretsmanager:…}}`; CloudFormation
      // puts the values into the functions' (KMS-encrypted) configuration at deploy time.
      TICKET_SIGNING_KEY_ID: signingKey.secretValueFromJson('keyId').unsafeUnwrap(),
      TICKET_SIGNING_KEY_PEM: signingKey.secretValueFromJson('pem').unsafeUnwrap(),
      ...this.paymentsEnvironment(props),
    };
    // Node reads and keeps a bundle's whole source map at start under --enable-source-maps: about 35 MiB
    // and a quarter of the API function's cold start, paid by the requests that wait for it. Only the
    // worker (no one waits on its start) maps its stack traces; the API's logged traces point into
    // index.mjs, and its index.mjs.map (in the same asset) maps them after the fact (docs/aws.md).
    this.apiFunction = this.nodeFunction('Api', props, props.apiEntry, environment, Duration.seconds(15));
    this.workerFunction = this.nodeFunction('Worker', props, props.workerEntry, { ...environment, NODE_OPTIONS: '--enable-source-maps' }, Duration.seconds(55));

    const tableArn = this.table.tableArn;
    for (const fn of [this.apiFunction, this.workerFunction]) {
      fn.addToRolePolicy(new iam.PolicyStatement({ actions: TABLE_ACTIONS, resources: [tableArn] }));
      fn.addToRolePolicy(
        new iam.PolicyStatement({ actions: ['dynamodb:Query'], resources: INDEXES.map((index) => `${tableArn}/index/${index.indexName}`) }),
      );
      fn.addToRolePolicy(
        new iam.PolicyStatement({ actions: ['s3:GetObject', 's3:PutObject'], resources: [this.ticketsBucket.arnForObjects(`${TICKET_PDF_PREFIX}*`)] }),
      );
      // HeadObject answers 404 for a PDF not rendered yet only to a caller that may list the bucket (403 otherwise).
      fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['s3:ListBucket'], resources: [this.ticketsBucket.bucketArn] }));
      fn.addToRolePolicy(
        new iam.PolicyStatement({
          actions: ['ses:SendEmail', 'ses:SendRawEmail'],
          resources: this.sesIdentityArns(props.mailFrom),
        }),
      );
    }
    this.images.grant(this.apiFunction, IMAGE_WRITER_ACTIONS);
    this.images.grant(this.workerFunction, IMAGE_READER_ACTIONS);
    // The Cognito calls the API makes (SignUp, ConfirmSignUp, InitiateAuth, RevokeToken, …) are
    // public app-client operations that IAM does not govern; no cognito-idp permission is granted.

    const stage = props.apiThrottle ?? { rateLimit: 200, burstLimit: 400 };
    this.httpApi = new HttpApi(this, 'HttpApi', {
      createDefaultStage: false,
      defaultIntegration: new HttpLambdaIntegration('ApiIntegration', this.apiFunction),
    });
    const accessLogs = new logs.LogGroup(this, 'ApiAccessLogs', { retention: logs.RetentionDays.ONE_MONTH, removalPolicy: RemovalPolicy.DESTROY });
    new HttpStage(this, 'DefaultStage', {
      httpApi: this.httpApi,
      stageName: '$default',
      autoDeploy: true,
      throttle: stage,
      accessLogSettings: {
        destination: new LogGroupLogDestination(accessLogs),
        // Path without the query string, no headers: tokens and codes never reach the access log.
        format: AccessLogFormat.custom(
          JSON.stringify({
            requestId: '$context.requestId',
            ip: '$context.identity.sourceIp',
            time: '$context.requestTime',
            method: '$context.httpMethod',
            path: '$context.path',
            status: '$context.status',
            bytes: '$context.responseLength',
            latencyMs: '$context.responseLatency',
            integrationError: '$context.integrationErrorMessage',
          }),
        ),
      },
    });

    new events.Rule(this, 'EveryMinute', {
      description: 'Expires payment holds and drains the mail/ticket outbox.',
      schedule: events.Schedule.rate(Duration.minutes(1)),
      targets: [new targets.LambdaFunction(this.workerFunction, { retryAttempts: 0 })],
    });

    this.webBucket = new s3.Bucket(this, 'Web', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      serverAccessLogsBucket: this.accessLogsBucket,
      serverAccessLogsPrefix: 's3/web/',
      encryption: s3.BucketEncryption.S3_MANAGED,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      removalPolicy: RemovalPolicy.DESTROY,
      autoDeleteObjects: true,
    });

    // SPA fallback in a viewer-request function, not distribution-wide error responses: those would
    // also turn the API's own 403/404 JSON answers into index.html.
    const spaFallback = viewerRequest(this, 'SpaFallback', ["var last = request.uri.split('/').pop();", "if (last.indexOf('.') === -1) request.uri = '/index.html';"]);
    const apiOrigin = new origins.HttpOrigin(`${this.httpApi.apiId}.execute-api.${this.region}.amazonaws.com`, {
      protocolPolicy: cloudfront.OriginProtocolPolicy.HTTPS_ONLY,
    });
    const publicReads = publicReadBehaviour(this, apiOrigin);
    const domain = props.domain;
    this.distribution = new cloudfront.Distribution(this, 'Cdn', {
      defaultRootObject: 'index.html',
      httpVersion: cloudfront.HttpVersion.HTTP2_AND_3,
      enableLogging: true,
      logBucket: this.accessLogsBucket,
      logFilePrefix: 'cloudfront/',
      ...(domain && {
        domainNames: domain.names,
        certificate: acm.Certificate.fromCertificateArn(this, 'Certificate', domain.certificateArn),
        minimumProtocolVersion: cloudfront.SecurityPolicyProtocol.TLS_V1_2_2021,
      }),
      webAclId: props.webAclArn,
      defaultBehavior: {
        origin: origins.S3BucketOrigin.withOriginAccessControl(this.webBucket),
        viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        cachePolicy: cloudfront.CachePolicy.CACHING_OPTIMIZED,
        functionAssociations: [spaFallback],
      },
      additionalBehaviors: {
        // With the web app deployed, the listing's and event pages' HTML carries their share tags.
        ...(props.webAssetsPath && sharePageBehaviours(this, apiOrigin)),
        // Before '/api/*': CloudFront takes the first pattern that matches.
        ...Object.fromEntries(PUBLIC_READ_PATHS.map((path) => [path, publicReads])),
        '/api/*': {
          origin: apiOrigin,
          viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.HTTPS_ONLY,
          allowedMethods: cloudfront.AllowedMethods.ALLOW_ALL,
          cachePolicy: cloudfront.CachePolicy.CACHING_DISABLED,
          originRequestPolicy: cloudfront.OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
        },
        [IMAGES_PATH]: this.images.behaviour(),
      },
    });

    if (props.webAssetsPath) {
      // The share pages (above) are the bucket's index.html with tags: the API function reads that one object.
      this.apiFunction.addEnvironment('WEB_BUCKET', this.webBucket.bucketName);
      this.apiFunction.addToRolePolicy(new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: [this.webBucket.arnForObjects('index.html')] }));
      this.webDeployment = new s3deploy.BucketDeployment(this, 'WebAssets', {
        sources: [s3deploy.Source.asset(props.webAssetsPath)],
        destinationBucket: this.webBucket,
        distribution: this.distribution,
        distributionPaths: ['/*'],
      });
    }

    const webHost = domain?.names[0] ?? this.distribution.distributionDomainName;
    new CfnOutput(this, 'WebUrl', { value: `https://${webHost}` });
    new CfnOutput(this, 'ApiUrl', { value: `https://${webHost}/api` });
    new CfnOutput(this, 'HttpApiUrl', { value: this.httpApi.apiEndpoint });
    new CfnOutput(this, 'UserPoolId', { value: this.userPool.userPoolId });
    new CfnOutput(this, 'UserPoolClientId', { value: this.userPoolClient.userPoolClientId });
    new CfnOutput(this, 'TableName', { value: this.table.tableName });
    new CfnOutput(this, 'TicketsBucketName', { value: this.ticketsBucket.bucketName });
    new CfnOutput(this, 'ImagesBucketName', { value: this.images.bucket.bucketName });
  }

  /**
   * PAYMENTS and the Stripe keys, as dynamic references to the secret: CloudFormation resolves them
   * at deploy time, so the template holds no key and the functions need no Secrets Manager call.
   */
  private paymentsEnvironment(props: TicketboothStackProps): Record<string, string> {
    if (!props.stripeSecretName) return { PAYMENTS: 'mock' };
    if (!props.domain) throw new Error('Stripe payments need the stack\'s own domain: Stripe sends the attendee back to PUBLIC_URL.');
    const stripe = secretsmanager.Secret.fromSecretNameV2(this, 'StripeKeys', props.stripeSecretName);
    return {
      PAYMENTS: 'stripe',
      STRIPE_SECRET_KEY: stripe.secretValueFromJson('secretKey').unsafeUnwrap(),
      STRIPE_WEBHOOK_SECRET: stripe.secretValueFromJson('webhookSecret').unsafeUnwrap(),
    };
  }

  private nodeFunction(
    id: string,
    props: TicketboothStackProps,
    entry: string,
    environment: Record<string, string>,
    timeout: Duration,
  ): NodejsFunction {
    const logGroup = new logs.LogGroup(this, `${id}Logs`, { retention: logs.RetentionDays.ONE_MONTH, removalPolicy: RemovalPolicy.DESTROY });
    // Its own log group only: the AWS managed basic execution role may write to every log group.
    const role = new iam.Role(this, `${id}Role`, { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    logGroup.grantWrite(role);
    // /api/docs reads Swagger UI's files by package resolution (packages/api/src/http/api-docs.ts).
    const swaggerUi = join(props.repoRoot, 'node_modules', 'swagger-ui-dist');
    const swaggerUiFiles = ['package.json', 'swagger-ui.css', 'swagger-ui-bundle.js'].map((f) => `"${join(swaggerUi, f)}"`).join(' ');
    return new NodejsFunction(this, id, {
      entry,
      handler: 'handler',
      runtime: lambda.Runtime.NODEJS_22_X,
      architecture: lambda.Architecture.ARM_64,
      memorySize: 1024,
      timeout,
      environment,
      projectRoot: props.repoRoot,
      depsLockFilePath: join(props.repoRoot, 'package-lock.json'),
      role,
      logGroup,
      bundling: {
        forceDockerBundling: false,
        format: OutputFormat.ESM,
        target: TARGET,
        mainFields: MAIN_FIELDS,
        minify: true,
        sourceMap: true,
        // A map maps frames without the sources' text, which is two thirds of it: the worker reads
        // its whole map at start (--enable-source-maps).
        sourcesContent: false,
        banner: ESM_REQUIRE_SHIM,
        externalModules: [...RUNTIME_MODULES, ...LAZY_MODULES],
        commandHooks: {
          beforeBundling: () => [],
          beforeInstall: () => [],
          afterBundling: (_input: string, output: string) => [
            ...functionBundleCommands(props.repoRoot, entry, output, FUNCTION_BUNDLE_OPTIONS),
            ...lazyModuleCommands(props.repoRoot, output, BUNDLE_OPTIONS),
            `mkdir -p "${join(output, 'node_modules', 'swagger-ui-dist')}"`,
            `cp ${swaggerUiFiles} "${join(output, 'node_modules', 'swagger-ui-dist')}"`,
            ...fontCopies(props.repoRoot, output),
            ...lambdaSharpCommands(props.repoRoot, output),
          ],
        },
      },
    });
  }

  /** SES checks the identity that verified the sender: its domain, or the address alone. */
  private sesIdentityArns(mailFrom: string): string[] {
    const address = /([^<>\s]+@[^<>\s]+)/.exec(mailFrom)?.[1];
    if (!address) throw new Error(`mailFrom must contain an email address, got "${mailFrom}".`);
    const domain = address.split('@')[1]!;
    return [address, domain].map((identity) => this.formatArn({ service: 'ses', resource: 'identity', resourceName: identity }));
  }
}

