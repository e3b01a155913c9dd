import { describe, expect, it } from 'vitest';
import { UpdateBuilder } from '../src/update-builder.js';

/** An expression with its placeholders replaced by the names and values they stand for. */
function readable(expression: string | undefined, built: ReturnType<UpdateBuilder['build']>): string {
  return (expression ?? '').replace(/[#:][nv]\d+/g, (placeholder) =>
    placeholder.startsWith('#') ? built.ExpressionAttributeNames[placeholder]! : JSON.stringify(built.ExpressionAttributeValues![placeholder]),
  );
}

describe('UpdateBuilder', () => {
  it('sums adds to one attribute into one path (DynamoDB refuses a path twice), so a release and its offers share the counters update', () => {
    const built = new UpdateBuilder().add('held:tt_1', -2).add('left', 2).add('held:tt_1', 1).condition('left', '>=', 1).build();
    expect(readable(built.UpdateExpression, built)).toBe('ADD held:tt_1 -1, left 2');
    expect(readable(built.ConditionExpression, built)).toBe('left >= 1');
  });

  it('joins the alternatives of a condition with OR, inside parentheses', () => {
    const built = new UpdateBuilder().conditionExists('pk').conditionEither(['left', '<', 2], ['left:tt_1', '<', 2]).build();
    expect(readable(built.ConditionExpression, built)).toBe('attribute_exists(pk) AND (left < 2 OR left:tt_1 < 2)');
  });
});
