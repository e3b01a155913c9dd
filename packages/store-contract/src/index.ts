export { describeStoreContract, type StoreHarness } from './contract.js';
export { describeStoreProperties, type StorePropertiesOptions } from './properties/index.js';
export { describePaymentLedgerContract, type PaymentLedgerHarness } from './payment-ledger-contract.js';
export { describeBlobStoreContract, type BlobStoreHarness } from './blob-store-contract.js';
