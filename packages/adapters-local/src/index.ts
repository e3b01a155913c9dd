export { createLocalIdentity, DEFAULT_ADDRESS_LIMITS, type AddressLimits, type LocalIdentityOptions } from './local-identity.js';
export { hashPassword, verifyPassword, DEFAULT_SCRYPT, type ScryptParams } from './passwords.js';
export { createFileImageStore, type FileImageStore } from './file-image-store.js';
export { createFileBlobStore, type FileBlobStore, type OpenSignedResult } from './file-blob-store.js';
export { createMockPaymentGateway } from './mock-payment-gateway.js';
export { createFileLedger } from './payment-ledger.js';
export { createLocalMailer } from './local-mailer.js';
export { RateLimiter } from './rate-limiter.js';
