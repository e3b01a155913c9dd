import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DynamoDBClient, TransactWriteItemsCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeRetryStrategy } from '../src/index.js';

/**
 * A DynamoDB endpoint on 127.0.0.1 that answers each TransactWriteItems with the next of `answers`
 * (the last one again once they run out), as DynamoDB's JSON protocol does.
 */
let server: Server;
let answers: { status: number; type?: string }[] = [];
let requests = 0;
let tokens: string[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      tokens.push((JSON.parse(body) as { ClientRequestToken: string }).ClientRequestToken);
      const answer = answers[Math.min(requests++, answers.length - 1)]!;
      res.writeHead(answer.status, { 'content-type': 'application/x-amz-json-1.0' });
      res.end(JSON.stringify(answer.type ? { __type: `com.amazonaws.dynamodb.v20120810#${answer.type}`, message: answer.type } : {}));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

function send() {
  const { port } = server.address() as AddressInfo;
  const client = new DynamoDBClient({
    endpoint: `http://127.0.0.1:${port}`, region: 'us-east-1', credentials: { accessKeyId: 't', secretAccessKey: 't' }, retryStrategy: storeRetryStrategy(),
  });
  const command = new TransactWriteItemsCommand({ TransactItems: [{ Put: { TableName: 't', Item: { pk: { S: 'a' }, sk: { S: 'b' } } } }] });
  return client.send(command).finally(() => client.destroy());
}

describe('the store retry strategy', () => {
  it('sends a transaction again with its token while DynamoDB says an attempt with that token is still in progress', async () => {
    answers = [{ status: 400, type: 'TransactionInProgressException' }, { status: 400, type: 'TransactionInProgressException' }, { status: 200 }];
    requests = 0;
    tokens = [];
    await expect(send()).resolves.toBeDefined();
    expect(requests).toBe(3);
    expect(new Set(tokens).size).toBe(1);
  });

  it('does not send a request again that DynamoDB refused as invalid', async () => {
    answers = [{ status: 400, type: 'ValidationException' }];
    requests = 0;
    await expect(send()).rejects.toMatchObject({ name: 'ValidationException' });
    expect(requests).toBe(1);
  });
});
