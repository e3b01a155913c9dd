import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { createServices, randomIds, systemClock, type Logger, type Services } from '@ticketbooth/core';
import { createDynamoStore, storeRetryStrategy } from '@ticketbooth/store-dynamodb';
import { createCognitoIdentity, createDynamoPaymentLedger, createS3BlobStore, createSesMailer } from '@ticketbooth/adapters-aws';
import { createMockPaymentGateway } from '@ticketbooth/adapters-local';
import { createTicketRenderer, createTicketSigner } from '@ticketbooth/tickets';
import pino from 'pino';
import { loadAwsConfig, serviceSettings, type AwsConfig } from '../config.js';
import { choosePaymentGateway } from './payment-gateway.js';

/** The AWS home: DynamoDB, S3, Cognito and SES behind the same ports as the local home. */
export function createAwsHome(config: AwsConfig, logger: Logger): Services {
  const clock = systemClock;
  const dynamo = new DynamoDBClient({ retryStrategy: storeRetryStrategy() });
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
    mailer: createSesMailer({ ses: new SESv2Client({}), from: config.mailFrom }),
    blobs: createS3BlobStore({ s3: new S3Client({}), bucket: config.ticketsBucket, clock }),
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
