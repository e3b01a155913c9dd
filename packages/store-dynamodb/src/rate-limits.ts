import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { RATE_LIMITS, rateLimitDecision, rateWindowStart, type RateLimitDecision, type RateLimitKind } from '@ticketbooth/core';
import { getItem, type Db } from './db.js';
import { randomBytes } from 'node:crypto';
import { TTL_ATTRIBUTE } from './schema.js';

/** One item per (kind, key, window): a new window is a new item, so no reset is needed; TTL removes old ones. */
const counterKey = (kind: RateLimitKind, key: string, windowStart: string) => ({ pk: `RATE#${kind}#${key}#${windowStart}`, sk: 'RATE' });

/**
 * One conditional UpdateItem: the hit is added only while the window's count is below the limit
 * (rateLimitDecision's rule as a condition), so concurrent hits from any instance are counted exactly.
 * Each hit also adds its own token: when the SDK retries a hit whose answer was lost, the retry
 * fails its condition on that token, and reading the token back says the hit was counted, once.
 */
export async function countRateLimitedHit(db: Db, kind: RateLimitKind, key: string, now: string): Promise<RateLimitDecision> {
  const limit = RATE_LIMITS[kind];
  const at = new Date(now);
  const windowStart = rateWindowStart(limit, at);
  const itemKey = counterKey(kind, key, windowStart);
  const token = randomBytes(12).toString('base64url');
  try {
    await db.doc.send(
      new UpdateCommand({
        TableName: db.table,
        Key: itemKey,
        UpdateExpression: 'ADD hits :one, hitTokens :token SET #ttl = :expires',
        ConditionExpression: '(attribute_not_exists(hits) OR hits < :max) AND NOT contains(hitTokens, :tokenValue)',
        ExpressionAttributeNames: { '#ttl': TTL_ATTRIBUTE },
        ExpressionAttributeValues: {
          ':one': 1, ':max': limit.max, ':token': new Set([token]), ':tokenValue': token,
          ':expires': Math.ceil((Date.parse(windowStart) + limit.windowMs) / 1000),
        },
      }),
    );
    return { allowed: true };
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
    const counted = (await getItem(db, itemKey))?.hitTokens as Set<string> | undefined;
    if (counted?.has(token)) return { allowed: true };
    return rateLimitDecision(limit, limit.max, at);
  }
}
