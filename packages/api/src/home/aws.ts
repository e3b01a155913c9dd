import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { createServices, randomIds, systemClock, type BlobStore, type Clock, type Logger, type Mailer, type Services } from '@ticketbooth/core';
import { createDynamoStore } from '@ticketbooth/store-dynamodb';
// Each adapter by its own module: the package's index would bring every adapter's SDK package at start.
import { createCognitoIdentity } from '@ticketbooth/adapters-aws/cognito-identity';
import { createDynamoPaymentLedger } from '@ticketbooth/adapters-aws/dynamo-payment-ledger';
import { createS3BlobStore } from '@ticketbooth/adapters-aws/s3-blob-store';
import { createSesMailer } from '@ticketbooth/adapters-aws/ses-mailer';
import { createMockPaymentGateway } from '@ticketbooth/adapters-local/mock-payment-gateway';
import { createTicketRenderer, createTicketSigner } from '@ticketbooth/tickets';
import pino from 'pino';
import { loadAwsConfig, serviceSettings, type AwsConfig } from '../config.js';
import { choosePaymentGateway } from './payment-gateway.js';
import { madeOnFirstCall } from './made-on-first-call.js';

// S3 and SES (SDK packages and clients) load with the first request that stores a ticket or sends a mail.
const s3BlobStore = (bucket: string, clock: Clock): BlobStore =>
  madeOnFirstCall<BlobStore>({ put: true, exists: true, signedUrl: true }, async () => {
    const { S3Client } = await import('@aws-sdk/client-s3');
    return createS3BlobStore({ s3: new S3Client({}), bucket, clock });
  });

const sesMailer = (from: string): Mailer =>
  madeOnFirstCall<Mailer>({ send: true }, async () => {
    const { SESv2Client } = await import('@aws-sdk/client-sesv2');
    return createSesMailer({ ses: new SESv2Client({}), from });
  });

/** The AWS home: DynamoDB, S3, Cognito and SES behind the same ports as the local home. */
export function createAwsHome(config: AwsConfig, logger: Logger): Services {
  const clock = systemClock;
  const dynamo = new DynamoDBClient({});
  const store = createDynamoStore({ client: dynamo, tableName: config.tableName });
  const identity = createCognitoIdentity({
    cognito: new CognitoIdentityProviderClient({}),
    userPoolId: config.userPoolId,
    clientId: config.userPoolClientId,
    users: store,
    clock,
  });
  return createServices({
    store,
    identity,
    mailer: sesMailer(config.mailFrom),
    blobs: s3BlobStore(config.ticketsBucket, clock),
    // Stripe (PAYMENTS=stripe, keys from the environment) is the same adapter as at home; the mock's
    // ledger is in the table so every function instance sees every charge.
    payments: choosePaymentGateway(config.payments, {
      publicUrl: config.publicUrl,
      clock,
      mock: () => createMockPaymentGateway({ ledger: createDynamoPaymentLedger({ doc: DynamoDBDocumentClient.from(dynamo), tableName: config.tableName }), ids: randomIds, clock }),
    }),
    signer: createTicketSigner([config.signingKey], config.signingKey.keyId),
    renderer: createTicketRenderer({ paper: config.ticketPaper }),
    clock,
    ids: randomIds,
    logger,
    settings: serviceSettings(config),
  });
}

/** A Lambda function's cold start: its configuration from the environment, its logger and its home. */
export function startAwsFunction(env: NodeJS.ProcessEnv = process.env): { config: AwsConfig; logger: Logger; services: Services } {
  const config = loadAwsConfig(env);
  const logger = pino({ level: config.logLevel });
  return { config, logger, services: createAwsHome(config, logger) };
}
