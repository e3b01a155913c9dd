import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { z } from 'zod';
import { createServices, defaultSettings, randomIds, systemClock, type Logger, type Services } from '@ticketbooth/core';
import { createDynamoStore } from '@ticketbooth/store-dynamodb';
import { createCognitoIdentity, createDynamoPaymentLedger, createS3BlobStore, createSesMailer } from '@ticketbooth/adapters-aws';
import { createMockPaymentGateway } from '@ticketbooth/adapters-local';
import { createTicketRenderer, createTicketSigner } from '@ticketbooth/tickets';

/** The environment the CDK stack gives the API and worker functions. */
const AwsEnv = z.object({
  TABLE_NAME: z.string().min(1),
  TICKETS_BUCKET: z.string().min(1),
  USER_POOL_ID: z.string().min(1),
  USER_POOL_CLIENT_ID: z.string().min(1),
  MAIL_FROM: z.string().min(3),
  TICKET_SIGNING_KEY_ID: z.string().min(1),
  TICKET_SIGNING_KEY_PEM: z.string().min(1),
  HOLD_MINUTES: z.coerce.number().positive().default(15),
  CORS_ORIGINS: z.string().default(''),
});

export interface AwsHome {
  services: Services;
  corsOrigins: string[];
}

/** The AWS home: DynamoDB, S3, Cognito and SES behind the same ports as the local home. */
export function createAwsHome(env: NodeJS.ProcessEnv, logger: Logger): AwsHome {
  const e = AwsEnv.parse(env);
  const clock = systemClock;
  const dynamo = new DynamoDBClient({});
  const store = createDynamoStore({ client: dynamo, tableName: e.TABLE_NAME });
  const identity = createCognitoIdentity({
    cognito: new CognitoIdentityProviderClient({}),
    userPoolId: e.USER_POOL_ID,
    clientId: e.USER_POOL_CLIENT_ID,
    users: store,
    clock,
  });
  const services = createServices({
    store,
    identity,
    mailer: createSesMailer({ ses: new SESv2Client({}), from: e.MAIL_FROM }),
    blobs: createS3BlobStore({ s3: new S3Client({}), bucket: e.TICKETS_BUCKET, clock }),
    // Payments are simulated on AWS too, until a real gateway adapter (Stripe) is configured behind
    // the same port; the ledger is in the table so every function instance sees every charge.
    payments: createMockPaymentGateway({ ledger: createDynamoPaymentLedger({ doc: DynamoDBDocumentClient.from(dynamo), tableName: e.TABLE_NAME }), ids: randomIds, clock }),
    signer: createTicketSigner([{ keyId: e.TICKET_SIGNING_KEY_ID, privateKeyPem: e.TICKET_SIGNING_KEY_PEM }], e.TICKET_SIGNING_KEY_ID),
    renderer: createTicketRenderer(),
    clock,
    ids: randomIds,
    logger,
    settings: { ...defaultSettings, holdMinutes: e.HOLD_MINUTES },
  });
  return { services, corsOrigins: e.CORS_ORIGINS.split(',').map((s) => s.trim()).filter(Boolean) };
}
