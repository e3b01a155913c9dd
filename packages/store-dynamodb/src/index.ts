export { createDynamoStore, type DynamoStoreOptions } from './dynamo-store.js';
export { createTables, TABLE_KEYS, INDEXES } from './schema.js';
