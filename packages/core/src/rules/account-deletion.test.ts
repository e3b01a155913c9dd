import { describe, expect, it } from 'vitest';
import { accountDeletionBlock } from './account-deletion.js';

const now = new Date('2030-06-01T12:00:00.000Z');
const ahead = { endsAt: '2030-06-02T00:00:00.000Z', status: 'published' as const };
const past = { endsAt: '2030-05-01T00:00:00.000Z', status: 'published' as const };
const cancelled = { ...ahead, status: 'cancelled' as const };
const confirmed = (event: typeof ahead | typeof past | typeof cancelled) => ({ status: 'confirmed' as const, holdExpiresAt: null, event });

describe('accountDeletionBlock', () => {
  it('refuses while a confirmed registration is for an event still to come', () => {
    expect(accountDeletionBlock([confirmed(ahead)], [], now)).toBe('has_upcoming_tickets');
  });

  it('refuses while a live hold is for an event still to come', () => {
    expect(accountDeletionBlock([{ status: 'pending_payment', holdExpiresAt: '2030-06-01T12:10:00.000Z', event: ahead }], [], now)).toBe('has_upcoming_tickets');
  });

  it('allows it with only past, cancelled, lapsed or refunded registrations', () => {
    const lapsed = { status: 'pending_payment' as const, holdExpiresAt: '2030-06-01T11:00:00.000Z', event: ahead };
    const refunded = { status: 'refunded' as const, holdExpiresAt: null, event: ahead };
    expect(accountDeletionBlock([confirmed(past), confirmed(cancelled), lapsed, refunded], [], now)).toBeNull();
  });

  it("refuses an organizer while one of their events is still to come, not for past or cancelled ones", () => {
    expect(accountDeletionBlock([], [past, ahead], now)).toBe('has_events');
    expect(accountDeletionBlock([], [past, cancelled], now)).toBeNull();
  });
});
