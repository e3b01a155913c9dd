import type { AccountLimitReached } from './limits.js';
import type { PlacementVerdict } from './placement.js';

export type PlacementRefusal = ({ ok: false; reason: 'account_limit' } & AccountLimitReached) | Exclude<PlacementVerdict, { ok: true }>;

/**
 * Why a placement is refused when both the account's limit and the room were checked: the limit
 * first. It is the reason about this buyer (no spot freed later lets the account have this order)
 * and the one they can act on (a smaller order, or none); the room answers only for an order that
 * fits the account. Both stores answer by it: SQLite checks in this order, and DynamoDB explains
 * its failed conditions by it, whichever of them DynamoDB names. null: the placement is not refused.
 */
export function placementRefusal(overLimit: AccountLimitReached | null, room: PlacementVerdict): PlacementRefusal | null {
  if (overLimit) return { ok: false, reason: 'account_limit', ...overLimit };
  return room.ok ? null : room;
}
