import {
  ProvisionedThroughputExceededException,
  ThrottlingException,
  TransactionCanceledException,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';

/**
 * What DynamoDB Local never does and DynamoDB does under load: throttle a request (two names for
 * it), cancel a transaction for a conflict with another one, and lose the answer of a request it
 * applied (the client times out after the write went through).
 */
export type FaultKind = 'throughputExceeded' | 'throttling' | 'transactionConflict' | 'timeoutAfterApply';

export interface FaultOptions {
  /** Share of requests (every SDK attempt, retries included) that fail, 0 to 1. */
  rate: number;
  /** The same seed draws the same faults in the same order of requests. */
  seed: number;
}

/** What the clients sent, for the figures: store-level sends, SDK attempts, and the faults drawn. */
export interface FaultCounts {
  sends: number;
  attempts: number;
  injected: Record<FaultKind, number>;
}

export const noFaultCounts = (): FaultCounts => ({
  sends: 0,
  attempts: 0,
  injected: { throughputExceeded: 0, throttling: 0, transactionConflict: 0, timeoutAfterApply: 0 },
});

/** mulberry32: a small seeded generator, so a failing run can be replayed with its seed. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const metadata = { httpStatusCode: 400 };

function faultError(kind: FaultKind, transactItems: number): Error {
  switch (kind) {
    case 'throughputExceeded':
      return new ProvisionedThroughputExceededException({ message: 'Injected: the level of configured provisioned throughput was exceeded', $metadata: metadata });
    case 'throttling':
      return new ThrottlingException({ message: 'Injected: rate of requests exceeds the allowed throughput', $metadata: metadata });
    case 'transactionConflict': {
      // DynamoDB names one reason per item; the conflicting item's is TransactionConflict.
      const CancellationReasons = Array.from({ length: transactItems }, (_, i) => ({ Code: i === 0 ? 'TransactionConflict' : 'None' }));
      return new TransactionCanceledException({ message: 'Injected: transaction cancelled (TransactionConflict)', $metadata: metadata, CancellationReasons });
    }
    case 'timeoutAfterApply':
      // As the Node HTTP handler reports a socket that timed out waiting for the answer.
      return Object.assign(new Error('Injected: connection timed out after the request was sent'), { name: 'TimeoutError', code: 'ETIMEDOUT', $metadata: {} });
  }
}

/**
 * Fails `rate` of the client's requests. It sits in the SDK's deserialize step, below the retry
 * middleware, so each attempt draws afresh and the SDK retries what it would retry from DynamoDB.
 * A timeout after apply lets the request reach DynamoDB Local and then throws in place of its answer.
 */
export function injectFaults(client: DynamoDBClient, { rate, seed }: FaultOptions, counts: FaultCounts): void {
  const random = seededRandom(seed);
  // A transaction's SDK retries resend its ClientRequestToken, and DynamoDB answers a token it has
  // committed from its record of that run (10 minutes) without evaluating it again, so such a retry
  // is never cancelled for a conflict. DynamoDB Local keeps that record too (a committed token sent
  // again is answered as a success and applies nothing; other parameters with it get
  // IdempotentParameterMismatchException), so only the conflict must not be drawn for it here.
  const committed = new Set<string>();
  client.middlewareStack.add(
    (next) => async (args) => {
      counts.sends++;
      return next(args);
    },
    { step: 'initialize', name: 'countSends' },
  );
  client.middlewareStack.add(
    (next) => async (args) => {
      counts.attempts++;
      const input = args.input as { TransactItems?: unknown[] };
      const token = input.TransactItems ? transactionToken(args.request) : undefined;
      const reachesDynamo = async () => {
        const output = await next(args);
        if (token) committed.add(token);
        return output;
      };
      if (rate <= 0 || random() >= rate) return reachesDynamo();
      const kinds: FaultKind[] = input.TransactItems && !(token && committed.has(token))
        ? ['throughputExceeded', 'throttling', 'transactionConflict', 'timeoutAfterApply']
        : ['throughputExceeded', 'throttling', 'timeoutAfterApply'];
      const kind = kinds[Math.floor(random() * kinds.length)]!;
      counts.injected[kind]++;
      if (kind === 'timeoutAfterApply') await reachesDynamo().catch(() => undefined);
      throw faultError(kind, input.TransactItems?.length ?? 0);
    },
    { step: 'deserialize', name: 'injectFaults' },
  );
}

/**
 * The token the serializer wrote into a TransactWriteItems request's JSON body (the input does not
 * carry it). The body is bytes by then (a Uint8Array), not a string.
 */
export function transactionToken(request: unknown): string | undefined {
  const body = (request as { body?: unknown }).body;
  const json = typeof body === 'string' ? body : body instanceof Uint8Array ? new TextDecoder().decode(body) : undefined;
  if (json === undefined) return undefined;
  const token = (JSON.parse(json) as { ClientRequestToken?: unknown }).ClientRequestToken;
  return typeof token === 'string' ? token : undefined;
}
