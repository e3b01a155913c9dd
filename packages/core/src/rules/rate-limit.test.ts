import { describe, expect, it } from 'vitest';
import { RATE_LIMITS, rateLimitDecision, rateWindowStart } from './rate-limit.js';

const limit = { max: 3, windowMs: 60_000 };
const at = (iso: string) => new Date(iso);

describe('fixed-window rate limit', () => {
  it('allows the third hit of a window and refuses the fourth until the window ends', () => {
    const now = at('2027-01-01T10:00:45.000Z');
    expect(rateLimitDecision(limit, 2, now)).toEqual({ allowed: true });
    expect(rateLimitDecision(limit, 3, now)).toEqual({ allowed: false, retryAfterSeconds: 15 });
  });

  it('names each window by its start, so the counter of the next window starts from zero', () => {
    expect(rateWindowStart(limit, at('2027-01-01T10:00:59.999Z'))).toBe('2027-01-01T10:00:00.000Z');
    expect(rateWindowStart(limit, at('2027-01-01T10:01:00.000Z'))).toBe('2027-01-01T10:01:00.000Z');
  });

  it('never asks to wait less than a second', () => {
    expect(rateLimitDecision(limit, 3, at('2027-01-01T10:00:59.999Z'))).toEqual({ allowed: false, retryAfterSeconds: 1 });
  });

  it('slows a promo-code guesser to a few guesses a minute per account and per event and address', () => {
    expect(RATE_LIMITS.quote_by_account.max / (RATE_LIMITS.quote_by_account.windowMs / 60_000)).toBeLessThanOrEqual(3);
    expect(RATE_LIMITS.quote_by_event_address.max / (RATE_LIMITS.quote_by_event_address.windowMs / 60_000)).toBeLessThanOrEqual(6);
  });
});
