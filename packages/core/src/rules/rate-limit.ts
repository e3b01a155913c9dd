/** At most `max` hits per fixed window of `windowMs` for one (kind, key). */
export interface RateLimit {
  max: number;
  windowMs: number;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/**
 * The limits kept as counters in the store, so they hold across processes and Lambda instances.
 * Each is far above what a person does by hand and far below what a script needs to matter.
 */
export const RATE_LIMITS = {
  /** Quotes with a promo code by one account: a person types a few codes; a code guesser is slowed to 3 a minute. */
  quote_by_account: { max: 30, windowMs: 10 * MINUTE },
  /** Quotes with a promo code for one event from one address: several attendees on one venue Wi-Fi, yet new accounts do not buy more guesses. */
  quote_by_event_address: { max: 60, windowMs: 10 * MINUTE },
  /** Name changes of one ticket: a typo fixed, a ticket passed on, not a PDF render loop. */
  rename_by_ticket: { max: 5, windowMs: HOUR },
  /** Name changes by one account (an organizer fixing a list of names): each one renders a PDF. */
  rename_by_account: { max: 200, windowMs: HOUR },
  /** Downloads of an order's tickets in one PDF by one account (kept once rendered, but each is a blob read). */
  order_pdf_by_account: { max: 60, windowMs: HOUR },
  /** Cover-image uploads by one organizer: each is a full decode and four encodes, up to 40 megapixels. */
  image_upload_by_account: { max: 60, windowMs: HOUR },
} as const satisfies Record<string, RateLimit>;

export type RateLimitKind = keyof typeof RATE_LIMITS;

export type RateLimitDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/** The fixed window `now` falls in: its start names the counter, so a new window starts at zero. */
export function rateWindowStart(limit: RateLimit, now: Date): string {
  return new Date(Math.floor(now.getTime() / limit.windowMs) * limit.windowMs).toISOString();
}

/**
 * Whether one more hit is allowed when `hits` were counted in the current window; refused, how long
 * until the window ends (at least a second, so Retry-After is never 0).
 */
export function rateLimitDecision(limit: RateLimit, hits: number, now: Date): RateLimitDecision {
  if (hits < limit.max) return { allowed: true };
  const endsAt = Date.parse(rateWindowStart(limit, now)) + limit.windowMs;
  return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((endsAt - now.getTime()) / 1000)) };
}
