import { describe, expect, it } from 'vitest';
import { planCancellation, releasesSpots, VOIDABLE_TICKET_STATUSES } from './cancellation.js';

const byAttendee = { by: 'attendee' } as const;
const byEvent = { by: 'event', reason: 'The venue flooded.' } as const;

describe('planCancellation', () => {
  it('releases a hold the attendee lets go without mailing them', () => {
    expect(planCancellation({ id: 'reg_1', status: 'pending_payment', amountCents: 5000 }, byAttendee)).toEqual({
      from: 'pending_payment',
      to: 'cancelled',
      jobs: [],
    });
  });

  it("mails the holder when the event's cancellation releases their hold", () => {
    expect(planCancellation({ id: 'reg_1', status: 'pending_payment', amountCents: 5000 }, byEvent)).toEqual({
      from: 'pending_payment',
      to: 'cancelled',
      jobs: [{ kind: 'send_cancellation_mail', registrationId: 'reg_1', reason: 'The event was cancelled: The venue flooded.' }],
    });
  });

  it('refunds a paid confirmed order and mails the attendee', () => {
    expect(planCancellation({ id: 'reg_1', status: 'confirmed', amountCents: 5000 }, byAttendee)).toEqual({
      from: 'confirmed',
      to: 'refunded',
      jobs: [
        { kind: 'refund_registration', registrationId: 'reg_1' },
        { kind: 'send_cancellation_mail', registrationId: 'reg_1', reason: 'You cancelled this registration.' },
      ],
    });
  });

  it('cancels a free confirmed order without a refund', () => {
    expect(planCancellation({ id: 'reg_1', status: 'confirmed', amountCents: 0 }, byEvent)).toEqual({
      from: 'confirmed',
      to: 'cancelled',
      jobs: [{ kind: 'send_cancellation_mail', registrationId: 'reg_1', reason: 'The event was cancelled: The venue flooded.' }],
    });
  });

  it('refuses to cancel an expired, cancelled or refunded registration', () => {
    for (const status of ['expired', 'cancelled', 'refunded'] as const) {
      expect(planCancellation({ id: 'reg_1', status, amountCents: 5000 }, byAttendee)).toBeNull();
    }
  });
});

describe('releasesSpots', () => {
  it('gives spots back on cancel, expiry and refund, but not on confirmation', () => {
    for (const s of ['cancelled', 'expired', 'refunded'] as const) expect(releasesSpots(s)).toBe(true);
    expect(releasesSpots('confirmed')).toBe(false);
    expect(releasesSpots('pending_payment')).toBe(false);
  });

  it('voids valid and already used tickets', () => {
    expect(VOIDABLE_TICKET_STATUSES).toEqual(['valid', 'used']);
  });
});
