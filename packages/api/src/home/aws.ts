import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import type { S3Client } from '@aws-sdk/client-s3';
import { IMAGE_KEY_PREFIX, createServices, randomIds, systemClock, type BlobStore, type Clock, type ImageProcessor, type ImageStore, type Logger, type Mailer, type Services } from '@ticketbooth/core';
import { createDynamoStore, storeRetryStrategy } from '@ticketbooth/store-dynamodb';
// Each adapter by its own module: the package's index would bring every adapter's SDK package at start.
import { createCognitoIdentity } from '@ticketbooth/adapters-aws/cognito-identity';
import { createDynamoPaymentLedger } from '@ticketbooth/adapters-aws/dynamo-payment-ledger';
import { createS3BlobStore } from '@ticketbooth/adapters-aws/s3-blob-store';
import { createS3ImageStore } from '@ticketbooth/adapters-aws/s3-image-store';
import { createSesMailer } from '@ticketbooth/adapters-aws/ses-mailer';
import { createMockPaymentGateway } from '@ticketbooth/adapters-local/mock-payment-gateway';
import { createTicketRenderer, createTicketSigner } from '@ticketbooth/tickets';
import pino from 'pino';
import { loadAwsConfig, serviceSettings, type AwsConfig } from '../config.js';
import { choosePaymentGateway } from './payment-gateway.js';
import { madeOnFirstCall } from './made-on-first-call.js';

// S3, SES and sharp (SDK packages, clients, the native image library) load with the first request
// that stores a ticket or an image, sends a mail or processes an upload.
let s3: Promise<S3Client> | undefined;
/** The function's one S3 client, made by its first use. */
export const s3Client = (): Promise<S3Client> => (s3 ??= import('@aws-sdk/client-s3').then(({ S3Client }) => new S3Client({})));

// Cognito's client (its package, about 10 MiB once evaluated) is made by the first account call:
// sign-up, login, refresh... Checking an access token, which nearly every request does, needs none.
let cognito: Promise<CognitoIdentityProviderClient> | undefined;
const cognitoClient = (): Promise<CognitoIdentityProviderClient> =>
  (cognito ??= import('@aws-sdk/client-cognito-identity-provider').then(({ CognitoIdentityProviderClient }) => new CognitoIdentityProviderClient({})));
const lazyCognito: Pick<CognitoIdentityProviderClient, 'send'> = {
  send: (async (command: Parameters<CognitoIdentityProviderClient['send']>[0]) => (await cognitoClient()).send(command)) as CognitoIdentityProviderClient['send'],
};

const s3BlobStore = (bucket: string, clock: Clock): BlobStore =>
  madeOnFirstCall<BlobStore>({ put: true, exists: true, get: true, signedUrl: true }, async () => createS3BlobStore({ s3: await s3Client(), bucket, clock }));

const s3ImageStore = (bucket: string): ImageStore =>
  madeOnFirstCall<ImageStore>({ put: true, read: true, remove: true }, async () => createS3ImageStore({ s3: await s3Client(), bucket, keyPrefix: IMAGE_KEY_PREFIX }));

const sharpImageProcessor = (): ImageProcessor =>
  madeOnFirstCall<ImageProcessor>({ render: true }, async () => (await import('@ticketbooth/images')).createSharpImageProcessor());

const sesMailer = (from: string): Mailer =>
  madeOnFirstCall<Mailer>({ send: true }, async () => {
    const { SESv2Client } = await import('@aws-sdk/client-sesv2');
    return createSesMailer({ ses: new SESv2Client({}), from });
  });

/** The AWS home: DynamoDB, S3, Cognito and SES behind the same ports as the local home. */
export function createAwsHome(config: AwsConfig, logger: Logger): Services {
  const clock = systemClock;
  const dynamo = new DynamoDBClient({ retryStrategy: storeRetryStrategy() });
  const store = createDynamoStore({ client: dynamo, tableName: config.tableName });
  const identity = createCognitoIdentity({
    cognito: lazyCognito,
    userPoolId: config.userPoolId,
    clientId: config.userPoolClientId,
    users: store,
    clock,
  });
  const images = s3ImageStore(config.imagesBucket);
  return createServices({
    store,
    identity,
    mailer: sesMailer(config.mailFrom),
    blobs: s3BlobStore(config.ticketsBucket, clock),
    images,
    imageProcessor: sharpImageProcessor(),
    // Stripe (PAYMENTS=stripe, keys from the environment) is the same adapter as at home; the mock's
    // ledger is in the table so every function instance sees every charge.
    payments: choosePaymentGateway(config.payments, {
      publicUrl: config.publicUrl,
      clock,
      mock: () => createMockPaymentGateway({ ledger: createDynamoPaymentLedger({ doc: DynamoDBDocumentClient.from(dynamo), tableName: config.tableName }), ids: randomIds, clock }),
    }),
    signer: createTicketSigner([config.signingKey], config.signingKey.keyId),
    renderer: createTicketRenderer({ images, paper: config.ticketPaper }),
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
