export { createS3ImageStore, type S3ImageStoreOptions } from './s3-image-store.js';
export { createS3BlobStore, contentDisposition, type S3BlobStoreOptions } from './s3-blob-store.js';
export { createSesMailer, buildMime, type SesMailerOptions } from './ses-mailer.js';
export {
  createCognitoIdentity,
  createCognitoAccessTokenVerifier,
  ROLE_ATTRIBUTE,
  type CognitoIdentityOptions,
  type AccessTokenVerifier,
  type UserDirectory,
} from './cognito-identity.js';
export { toDomainError as cognitoToDomainError } from './cognito-errors.js';
export { createDynamoPaymentLedger, type DynamoPaymentLedgerOptions } from './dynamo-payment-ledger.js';
export { createS3WebIndex } from './s3-web-index.js';
