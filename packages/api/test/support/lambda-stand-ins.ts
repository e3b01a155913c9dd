import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CognitoIdentityProviderClient, CreateUserPoolClientCommand, CreateUserPoolCommand } from '@aws-sdk/client-cognito-identity-provider';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import S3rver from 's3rver';
import { randomIds } from '@ticketbooth/core';
import { createTables } from '@ticketbooth/store-dynamodb';
import { generateSigningKey } from '@ticketbooth/tickets';
import { FIXED_CODE, startCognitoLocal } from '../../../adapters-aws/test/support/cognito-local.js';
import { startDynamoDbLocal } from '../../../store-dynamodb/test/support/dynamodb-local.js';

/** One SES v2 SendEmail request as the SDK sent it (the JSON body of POST /v2/email/outbound-emails). */
export interface SentEmail {
  FromEmailAddress?: string;
  Destination?: { ToAddresses?: string[] };
  Content?: {
    Simple?: { Subject?: { Data?: string }; Body?: { Text?: { Data?: string } } };
    /** Base64 of the whole MIME message. */
    Raw?: { Data?: string };
  };
}

export interface AwsStandIns {
  /** What the CDK stack gives the functions, plus the SDK's region, credentials and endpoint URLs. */
  env: Record<string, string>;
  /** Every SendEmail the SES stand-in accepted, oldest first. */
  sentEmails: SentEmail[];
  /** A client on s3rver, for looking at what the functions stored. */
  s3: S3Client;
  /** A client on DynamoDB Local with the functions' credentials (so it sees their table). */
  dynamo: DynamoDBClient;
  bucket: string;
  /** The confirmation code cognito-local sends for every sign-up. */
  confirmationCode: string;
  stop(): Promise<void>;
}

/** s3rver checks SigV4 signatures against its fixed development key, so every client signs with it. */
const CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };
const REGION = 'us-east-1';
const BUCKET = 'ticketbooth-tickets';

/** SES v2 on 127.0.0.1: accepts SendEmail, records its body, answers with a MessageId. */
async function startSesRecorder(): Promise<{ endpoint: string; sent: SentEmail[]; stop(): Promise<void> }> {
  const sent: SentEmail[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      if (req.method === 'POST' && req.url === '/v2/email/outbound-emails') {
        sent.push(JSON.parse(Buffer.concat(chunks).toString('utf8')) as SentEmail);
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ MessageId: `msg-${sent.length}` }));
        return;
      }
      res.writeHead(404, { 'content-type': 'application/json', 'x-amzn-errortype': 'NotFoundException' });
      res.end(JSON.stringify({ message: `The SES stand-in does not serve ${req.method} ${req.url}` }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    sent,
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

async function startS3(): Promise<{ endpoint: string; stop(): Promise<void> }> {
  const directory = await mkdtemp(join(tmpdir(), 'lambda-s3rver-'));
  const server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory, configureBuckets: [{ name: BUCKET }] });
  const { port } = await server.run();
  return {
    endpoint: `http://127.0.0.1:${port}`,
    stop: async () => {
      await server.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}

/** Runs every step; rethrows the first failure after all of them ran. */
async function all(steps: (() => Promise<unknown>)[]): Promise<void> {
  const results = await Promise.allSettled(steps.map((step) => step()));
  const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) throw failed.reason;
}

/**
 * DynamoDB Local, cognito-local (with a user pool and app client shaped like the CDK stack's),
 * s3rver (with the tickets bucket) and an SES recorder, each on a free port of 127.0.0.1.
 */
export async function startAwsStandIns(): Promise<AwsStandIns> {
  const started = await Promise.allSettled([startDynamoDbLocal(), startCognitoLocal(), startS3(), startSesRecorder()] as const);
  const stops = started.flatMap((r) => (r.status === 'fulfilled' ? [() => r.value.stop()] : []));
  const clients: { destroy(): void }[] = [];
  const stop = async (): Promise<void> => {
    for (const client of clients) client.destroy();
    await all(stops);
  };
  try {
    const [dynamo, cognitoLocal, s3rver, ses] = started.map((r) => {
      if (r.status === 'rejected') throw r.reason;
      return r.value;
    }) as [Awaited<ReturnType<typeof startDynamoDbLocal>>, Awaited<ReturnType<typeof startCognitoLocal>>, Awaited<ReturnType<typeof startS3>>, Awaited<ReturnType<typeof startSesRecorder>>];

    const dynamoEndpoint = await dynamo.client.config.endpoint?.();
    if (!dynamoEndpoint) throw new Error('The DynamoDB Local client has no endpoint.');
    const dynamoUrl = `${dynamoEndpoint.protocol}//${dynamoEndpoint.hostname}:${dynamoEndpoint.port}`;
    // Without -sharedDb, DynamoDB Local keeps one database per access key and region: the table must
    // be created with the credentials the functions will use, not with the support client's.
    const tableClient = new DynamoDBClient({ endpoint: dynamoUrl, region: REGION, credentials: CREDENTIALS });
    clients.push(tableClient);
    const tableName = `ticketbooth-${randomIds.newId('t')}`;

    const cognito = new CognitoIdentityProviderClient({ endpoint: cognitoLocal.endpoint, region: REGION, credentials: CREDENTIALS });
    clients.push(cognito);
    const createPool = async (): Promise<{ userPoolId: string; clientId: string }> => {
      // As the stack sets it up: email as the username, an immutable custom:role, a client without a secret.
      const pool = await cognito.send(
        new CreateUserPoolCommand({
          PoolName: 'ticketbooth',
          UsernameAttributes: ['email'],
          AutoVerifiedAttributes: ['email'],
          Schema: [{ Name: 'role', AttributeDataType: 'String', Mutable: false }],
        }),
      );
      const userPoolId = pool.UserPool!.Id!;
      const client = await cognito.send(
        new CreateUserPoolClientCommand({
          UserPoolId: userPoolId,
          ClientName: 'api',
          ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
        }),
      );
      return { userPoolId, clientId: client.UserPoolClient!.ClientId! };
    };
    const [, { userPoolId, clientId }] = await Promise.all([createTables(tableClient, tableName), createPool()]);

    const s3 = new S3Client({ endpoint: s3rver.endpoint, region: REGION, credentials: CREDENTIALS, forcePathStyle: true });
    clients.push(s3);
    const signingKey = generateSigningKey();
    return {
      env: {
        AWS_REGION: REGION,
        AWS_ACCESS_KEY_ID: CREDENTIALS.accessKeyId,
        AWS_SECRET_ACCESS_KEY: CREDENTIALS.secretAccessKey,
        AWS_ENDPOINT_URL_DYNAMODB: dynamoUrl,
        AWS_ENDPOINT_URL_S3: s3rver.endpoint,
        AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER: cognitoLocal.endpoint,
        AWS_ENDPOINT_URL_SESV2: ses.endpoint,
        TABLE_NAME: tableName,
        TICKETS_BUCKET: BUCKET,
        IMAGES_BUCKET: BUCKET,
        USER_POOL_ID: userPoolId,
        USER_POOL_CLIENT_ID: clientId,
        MAIL_FROM: 'Ticketbooth <tickets@example.test>',
        TICKET_SIGNING_KEY_ID: signingKey.keyId,
        TICKET_SIGNING_KEY_PEM: signingKey.privateKeyPem,
        HOLD_MINUTES: '15',
        CORS_ORIGINS: 'https://tickets.example.test',
      },
      sentEmails: ses.sent,
      s3,
      dynamo: tableClient,
      bucket: BUCKET,
      confirmationCode: FIXED_CODE,
      stop,
    };
  } catch (error) {
    await stop().catch(() => undefined);
    throw error;
  }
}
