export { describeStoreContract, type StoreHarness } from './contract.js';
export * from './builders.js';
