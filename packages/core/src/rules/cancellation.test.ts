import { describe, expect, it } from 'vitest';
import { attendeeCancellationClosed, cancellationWindowClosed, planCancellation, releasesSpots, VOIDABLE_TICKET_STATUSES } from './cancellation.js';

const byAttendee = { by: 'attendee' } as const;
const byEvent = { by: 'event', reason: 'The venue flooded.' } as const;

describe('planCancellation', () => {
  it('releases a hold the attendee lets go without mailing them', () => {
    expect(planCancellation({ id: 'reg_1', status: 'pending_payment', amountCents: 5000 }, byAttendee)).toEqual({
      from: 'pending_payment',
      to: 'cancelled',
      jobs: [],
      guard: {},
    });
  });

  it("mails the holder when the event's cancellation releases their hold", () => {
    expect(planCancellation({ id: 'reg_1', status: 'pending_payment', amountCents: 5000 }, byEvent)).toEqual({
      from: 'pending_payment',
      to: 'cancelled',
      jobs: [{ kind: 'send_cancellation_mail', registrationId: 'reg_1', reason: 'The event was cancelled: The venue flooded.' }],
      guard: {},
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
      guard: { noTicketUsed: true, withinCancellationWindow: true },
    });
  });

  it('cancels a free confirmed order without a refund', () => {
    expect(planCancellation({ id: 'reg_1', status: 'confirmed', amountCents: 0 }, byEvent)).toEqual({
      from: 'confirmed',
      to: 'cancelled',
      jobs: [{ kind: 'send_cancellation_mail', registrationId: 'reg_1', reason: 'The event was cancelled: The venue flooded.' }],
      guard: {},
    });
  });

  it("asks the store to refuse an attendee's cancel once a ticket was admitted or the window closed, but not the event's", () => {
    expect(planCancellation({ id: 'reg_1', status: 'confirmed', amountCents: 0 }, byAttendee)?.guard).toEqual({ noTicketUsed: true, withinCancellationWindow: true });
    expect(planCancellation({ id: 'reg_1', status: 'confirmed', amountCents: 5000 }, byEvent)?.guard).toEqual({});
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

describe('attendeeCancellationClosed', () => {
  const event = { startsAt: '2027-03-01T19:00:00.000Z', attendeeCancellationCutoffHours: 48 };
  const before = new Date('2027-03-01T18:59:00.000Z');
  const confirmed = { status: 'confirmed', amountCents: 0 } as const;

  it('lets an attendee cancel a confirmed order before the start while no ticket was used', () => {
    expect(attendeeCancellationClosed(confirmed, event, 0, before)).toBeNull();
  });

  it('closes once a ticket of the order was admitted at the door', () => {
    expect(attendeeCancellationClosed(confirmed, event, 1, before)).toBe('ticket_used');
  });

  it('closes when the event starts', () => {
    expect(attendeeCancellationClosed(confirmed, event, 0, new Date(event.startsAt))).toBe('event_started');
  });

  it('always lets a hold go, even after the start', () => {
    expect(attendeeCancellationClosed({ status: 'pending_payment', amountCents: 5000 }, event, 0, new Date('2027-03-02T00:00:00.000Z'))).toBeNull();
  });
});

describe('cancellationWindowClosed', () => {
  const paid = { status: 'confirmed', amountCents: 5000 } as const;
  const startsAt = '2027-03-01T19:00:00.000Z';
  const hoursBefore = (h: number) => new Date(Date.parse(startsAt) - h * 3_600_000);

  it('lets a paid order be cancelled until the cutoff, and closes it at the cutoff instant', () => {
    const event = { startsAt, attendeeCancellationCutoffHours: 48 };
    expect(cancellationWindowClosed(paid, event, new Date(hoursBefore(48).getTime() - 1))).toBeNull();
    expect(cancellationWindowClosed(paid, event, hoursBefore(48))).toBe('cutoff_passed');
    expect(cancellationWindowClosed(paid, event, hoursBefore(1))).toBe('cutoff_passed');
  });

  it('never lets an attendee cancel a paid order when the event has no cutoff', () => {
    expect(cancellationWindowClosed(paid, { startsAt, attendeeCancellationCutoffHours: null }, hoursBefore(1000))).toBe('attendee_cancellation_off');
  });

  it('with a cutoff of 0 keeps a paid order cancellable until the start', () => {
    const event = { startsAt, attendeeCancellationCutoffHours: 0 };
    expect(cancellationWindowClosed(paid, event, new Date(Date.parse(startsAt) - 1))).toBeNull();
    expect(cancellationWindowClosed(paid, event, new Date(startsAt))).toBe('event_started');
  });

  it('keeps a free order cancellable until the start whatever the cutoff', () => {
    const free = { status: 'confirmed', amountCents: 0 } as const;
    expect(cancellationWindowClosed(free, { startsAt, attendeeCancellationCutoffHours: null }, hoursBefore(1))).toBeNull();
    expect(cancellationWindowClosed(free, { startsAt, attendeeCancellationCutoffHours: 48 }, hoursBefore(1))).toBeNull();
    expect(cancellationWindowClosed(free, { startsAt, attendeeCancellationCutoffHours: 48 }, new Date(startsAt))).toBe('event_started');
  });

  it('says the event started rather than the cutoff once it has', () => {
    expect(cancellationWindowClosed(paid, { startsAt, attendeeCancellationCutoffHours: null }, new Date(startsAt))).toBe('event_started');
  });

  it('does not close a hold', () => {
    expect(cancellationWindowClosed({ status: 'pending_payment', amountCents: 5000 }, { startsAt, attendeeCancellationCutoffHours: null }, new Date(startsAt))).toBeNull();
  });
});
