export { createDynamoStore, type DynamoStoreOptions } from './dynamo-store.js';
export { createTables, TABLE_KEYS, INDEXES, TTL_ATTRIBUTE } from './schema.js';
export { storeRetryStrategy } from './retry.js';
