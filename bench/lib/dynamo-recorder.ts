import { AsyncLocalStorage } from 'node:async_hooks';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { INDEXES } from '../../packages/store-dynamodb/src/index.js';
import type { ModelRequest, ModelWrite } from './partition-model.js';

type Attribute = { S?: string } & Record<string, unknown>;
type Marshalled = Record<string, Attribute>;
interface WriteInput {
  Key?: Marshalled;
  Item?: Marshalled;
  UpdateExpression?: string;
  ExpressionAttributeNames?: Record<string, string>;
  ExpressionAttributeValues?: Marshalled;
}

/** Write units of one item write: 1 per KB started, doubled in a transaction. */
const wcuOf = (bytes: number, transactional: boolean) => Math.max(1, Math.ceil(bytes / 1024)) * (transactional ? 2 : 1);
const WRITE_COMMANDS = new Set(['PutItemCommand', 'UpdateItemCommand', 'DeleteItemCommand']);

/**
 * The index partitions an item write lands in: a Put's `gsi*pk` attributes, an Update's `SET gsi*pk`
 * (an update of an item already in an index rewrites its entry too; the store's placements update
 * only unindexed items: counters, account tickets, promo uses).
 */
function indexPartitions(write: WriteInput): string[] {
  const partitions: string[] = [];
  for (const index of INDEXES) {
    const inItem = write.Item?.[index.partitionKey]?.S;
    if (inItem) partitions.push(`${index.indexName}:${inItem}`);
    const name = Object.entries(write.ExpressionAttributeNames ?? {}).find(([, attribute]) => attribute === index.partitionKey)?.[0];
    const set = name && write.UpdateExpression ? new RegExp(`${name} = (:\\w+)`).exec(write.UpdateExpression) : null;
    const value = set ? write.ExpressionAttributeValues?.[set[1]!]?.S : undefined;
    if (value) partitions.push(`${index.indexName}:${value}`);
  }
  return partitions;
}

function writesOf(write: WriteInput, transactional: boolean, checkOnly: boolean): ModelWrite[] {
  const pk = (write.Key ?? write.Item)?.pk?.S;
  if (!pk) return [];
  // An update's item is not in the request: the store keeps the items a placement updates under 1 KB.
  const bytes = write.Item ? JSON.stringify(write.Item).length : 1024;
  const base: ModelWrite = { partition: pk, wcu: wcuOf(bytes, transactional), held: true };
  if (checkOnly) return [base];
  return [base, ...indexPartitions(write).map((partition) => ({ partition, wcu: wcuOf(bytes, false), held: false }))];
}

/** The write request a command sends, or null for a read. */
function requestOf(commandName: string, input: Record<string, unknown>): ModelRequest | null {
  if (Array.isArray(input.TransactItems)) {
    const items = input.TransactItems as Record<string, WriteInput>[];
    return {
      transactional: true,
      writes: items.flatMap((item) => {
        const [kind, write] = Object.entries(item)[0]!;
        return writesOf(write, true, kind === 'ConditionCheck');
      }),
    };
  }
  if (!WRITE_COMMANDS.has(commandName)) return null;
  return { transactional: false, writes: writesOf(input as WriteInput, false, false) };
}

/**
 * Records the write requests a store sends through a client, attributed to the call they were
 * made for (`record`), each attempt as sent (what DynamoDB would have charged and held).
 */
export class DynamoWriteRecorder {
  private readonly current = new AsyncLocalStorage<ModelRequest[]>();

  attach(client: DynamoDBClient): void {
    client.middlewareStack.add(
      (next, context) => async (args) => {
        const requests = this.current.getStore();
        const request = requests ? requestOf(context.commandName ?? '', args.input as Record<string, unknown>) : null;
        if (request) requests!.push(request);
        return next(args);
      },
      { step: 'deserialize', name: 'recordWrites' },
    );
  }

  async record<T>(run: () => Promise<T>): Promise<{ result: T; requests: ModelRequest[] }> {
    const requests: ModelRequest[] = [];
    const result = await this.current.run(requests, run);
    return { result, requests };
  }
}
