import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { RATE_LIMITS, rateLimitDecision, rateWindowStart, type RateLimitDecision, type RateLimitKind } from '@ticketbooth/core';
import type { Db } from './db.js';
import { TTL_ATTRIBUTE } from './schema.js';

/** One item per (kind, key, window): a new window is a new item, so no reset is needed; TTL removes old ones. */
const counterKey = (kind: RateLimitKind, key: string, windowStart: string) => ({ pk: `RATE#${kind}#${key}#${windowStart}`, sk: 'RATE' });

/**
 * One conditional UpdateItem: the hit is added only while the window's count is below the limit
 * (rateLimitDecision's rule as a condition), so concurrent hits from any instance are counted exactly.
 */
export async function countRateLimitedHit(db: Db, kind: RateLimitKind, key: string, now: string): Promise<RateLimitDecision> {
  const limit = RATE_LIMITS[kind];
  const at = new Date(now);
  const windowStart = rateWindowStart(limit, at);
  try {
    await db.doc.send(
      new UpdateCommand({
        TableName: db.table,
        Key: counterKey(kind, key, windowStart),
        UpdateExpression: 'ADD hits :one SET #ttl = :expires',
        ConditionExpression: 'attribute_not_exists(hits) OR hits < :max',
        ExpressionAttributeNames: { '#ttl': TTL_ATTRIBUTE },
        ExpressionAttributeValues: { ':one': 1, ':max': limit.max, ':expires': Math.ceil((Date.parse(windowStart) + limit.windowMs) / 1000) },
      }),
    );
    return { allowed: true };
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
    return rateLimitDecision(limit, limit.max, at);
  }
}
