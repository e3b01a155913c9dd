import { describe, expect, it } from 'vitest';
import type { Room } from '../domain/event.js';
import type { WaitlistEntry } from '../domain/waitlist.js';
import {
  offerClaimRefusal,
  offerExpiresAt,
  offerHasLapsed,
  offerIsLive,
  offersToMake,
  waitlistJoinRefusal,
  waitlistPosition,
} from './waitlist.js';

const now = new Date('2026-06-01T10:00:00.000Z');
const room = (capacity: number, sold: number, held = 0, quantity: number | null = null): Room => ({
  capacity,
  ticketTypes: [{ id: 'tt_a', name: 'A', priceCents: 1000, quantity }],
  counts: { tt_a: { sold, held } },
});
const entry = (id: string, createdAt: string, quantity: number, overrides: Partial<WaitlistEntry> = {}): WaitlistEntry => ({
  id, eventId: 'evt_1', userId: `usr_${id}`, attendeeName: id, attendeeEmail: `${id}@example.com`, ticketTypeId: 'tt_a', quantity,
  status: 'waiting', offerMinutes: 30, offer: null, registrationId: null, createdAt, updatedAt: createdAt, ...overrides,
});
const first = entry('e1', '2026-06-01T09:00:00.000Z', 2);
const second = entry('e2', '2026-06-01T09:01:00.000Z', 1);
const third = entry('e3', '2026-06-01T09:02:00.000Z', 1);
const offered = (e: WaitlistEntry, expiresAt: string): WaitlistEntry => ({ ...e, status: 'offered', offer: { id: 'off_1', expiresAt } });

describe('offersToMake', () => {
  it('offers the freed spots to the oldest entries, in list order, whatever order they are read in', () => {
    expect(offersToMake(room(10, 7), [third, second, first])).toEqual([
      { entryId: 'e1', ticketTypeId: 'tt_a', quantity: 2 },
      { entryId: 'e2', ticketTypeId: 'tt_a', quantity: 1 },
    ]);
  });

  it('serves no later entry before an older one that does not fit yet', () => {
    expect(offersToMake(room(10, 9), [first, second])).toEqual([]);
  });

  it('counts spots already held (by holds or offers) as taken', () => {
    expect(offersToMake(room(10, 5, 3), [first, second])).toEqual([{ entryId: 'e1', ticketTypeId: 'tt_a', quantity: 2 }]);
  });

  it("keeps within the ticket type's own quantity", () => {
    expect(offersToMake(room(100, 4, 0, 5), [first, second])).toEqual([]);
  });

  it('skips entries already offered or done', () => {
    expect(offersToMake(room(10, 0), [offered(first, '2026-06-01T10:30:00.000Z'), { ...second, status: 'left' }, third])).toEqual([
      { entryId: 'e3', ticketTypeId: 'tt_a', quantity: 1 },
    ]);
  });
});

describe('offer window', () => {
  const until = offerExpiresAt(first, now);

  it('holds the spots for the minutes the entry was given', () => {
    expect(until).toBe('2026-06-01T10:30:00.000Z');
  });

  it('is live strictly before its end and lapsed at it', () => {
    expect(offerIsLive(offered(first, until), new Date(Date.parse(until) - 1))).toBe(true);
    expect(offerIsLive(offered(first, until), new Date(until))).toBe(false);
    expect(offerHasLapsed(offered(first, until), new Date(until))).toBe(true);
  });

  it('is not lapsed for an entry with no offer', () => {
    expect(offerHasLapsed(first, now)).toBe(false);
  });
});

describe('waitlistPosition', () => {
  it('counts the live entries that joined before', () => {
    expect(waitlistPosition(third, [second, third, first])).toBe(3);
    expect(waitlistPosition(first, [second, third, first])).toBe(1);
  });

  it('is null for an entry no longer on the list', () => {
    expect(waitlistPosition(third, [first, second])).toBeNull();
  });
});

describe('waitlistJoinRefusal', () => {
  const event = { ...room(10, 10), status: 'published' as const, endsAt: '2026-07-01T00:00:00.000Z', maxTicketsPerAccount: 4 };

  it('lets an attendee join a sold-out event', () => {
    expect(waitlistJoinRefusal(event, { ticketTypeId: 'tt_a', quantity: 2 }, 0, now)).toBeNull();
  });

  it('refuses to queue for spots that can be bought now', () => {
    expect(waitlistJoinRefusal({ ...event, ...room(10, 7) }, { ticketTypeId: 'tt_a', quantity: 2 }, 0, now)).toEqual({ reason: 'not_sold_out', spotsRemaining: 3 });
  });

  it('lets an attendee wait for more than the few spots left', () => {
    expect(waitlistJoinRefusal({ ...event, ...room(10, 9) }, { ticketTypeId: 'tt_a', quantity: 2 }, 0, now)).toBeNull();
  });

  it("refuses a quantity past the account's limit, counting what it holds", () => {
    expect(waitlistJoinRefusal(event, { ticketTypeId: 'tt_a', quantity: 2 }, 3, now)).toEqual({ reason: 'account_limit', maxTicketsPerAccount: 4, held: 3 });
  });

  it('refuses an event not on sale and an unknown ticket type', () => {
    expect(waitlistJoinRefusal({ ...event, status: 'cancelled' }, { ticketTypeId: 'tt_a', quantity: 1 }, 0, now)).toEqual({ reason: 'not_on_sale' });
    expect(waitlistJoinRefusal(event, { ticketTypeId: 'tt_x', quantity: 1 }, 0, now)).toEqual({ reason: 'not_found' });
  });
});

describe('offerClaimRefusal', () => {
  const live = offered(first, '2026-06-01T10:30:00.000Z');

  it('lets the offered account claim a live offer', () => {
    expect(offerClaimRefusal(live, 'off_1', 'usr_e1', now)).toBeNull();
  });

  it('answers not_found to another account, as for an unknown offer', () => {
    expect(offerClaimRefusal(live, 'off_1', 'usr_e2', now)).toEqual({ reason: 'not_found' });
    expect(offerClaimRefusal(null, 'off_1', 'usr_e1', now)).toEqual({ reason: 'not_found' });
  });

  it('refuses a lapsed offer', () => {
    expect(offerClaimRefusal(live, 'off_1', 'usr_e1', new Date('2026-06-01T10:30:00.000Z'))).toEqual({ reason: 'offer_expired' });
    expect(offerClaimRefusal({ ...live, status: 'expired' }, 'off_1', 'usr_e1', now)).toEqual({ reason: 'offer_expired' });
  });

  it('names the registration of an offer already claimed', () => {
    expect(offerClaimRefusal({ ...live, status: 'claimed', registrationId: 'reg_1' }, 'off_1', 'usr_e1', now)).toEqual({ reason: 'claimed', registrationId: 'reg_1' });
  });
});
