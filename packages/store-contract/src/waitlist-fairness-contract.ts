import { describe, expect, it } from 'vitest';
import { randomIds, totals, type Event, type PlaceRegistrationResult, type Store } from '@ticketbooth/core';
import { T0, at, makeEvent, makeRegistration, makeTickets } from '@ticketbooth/testkit';
import type { StoreHarness } from './contract.js';
import { makeWaitlistEntry } from './waitlist-contract.js';

/** Walk-ins tried one after another while a release runs; a store that frees spots before it offers them lets one in. */
const MAX_WALK_INS = 200;
/** Events raced at once, so a gap between a release and its offer is all but sure to be hit. */
const RACES = 4;

/**
 * A spot that comes back on a sold-out event is owed to the waiting list: no walk-in placement,
 * however it is timed against the release, takes it from the entry first in line.
 */
export function describeWaitlistFairnessContract(harness: () => StoreHarness): void {
  const store = (): Store => harness().store;
  const another = async (): Promise<Store> => (harness().openAnother ? harness().openAnother!() : store());

  /** Registrations by fresh accounts on the other connection, one after another, until `release` has settled (and once more). */
  const walkInsDuring = async (event: Event, release: Promise<unknown>, now: string): Promise<PlaceRegistrationResult[]> => {
    const other = await another();
    let settled = false;
    void release.finally(() => (settled = true));
    const results: PlaceRegistrationResult[] = [];
    const walkIn = async () => results.push(await other.placeRegistration(makeRegistration(event, { userId: randomIds.newId('usr'), status: 'confirmed', createdAt: now }), [], [], now));
    while (!settled && results.length < MAX_WALK_INS) await walkIn();
    await walkIn();
    return results;
  };

  /**
   * `RACES` sold-out events with one entry waiting each; `release` frees one spot of each while walk-ins try to register.
   * Every event is set up, its entry waiting, before any release starts: a release may sweep every event's lapsed holds.
   */
  const raceWalkIns = async (setUp: (event: Event) => Promise<() => Promise<unknown>>, eventOverrides: Parameters<typeof makeEvent>[0] = {}, now = at(1)) => {
    const races = await Promise.all(
      Array.from({ length: RACES }, async () => {
        const event = makeEvent({ capacity: 2, ...eventOverrides });
        await store().insertEvent(event);
        const release = await setUp(event);
        const entry = makeWaitlistEntry(event);
        expect(await store().joinWaitlist(entry, T0)).toMatchObject({ ok: true });
        return { event, entry, release };
      }),
    );
    await Promise.all(
      races.map(async ({ event, entry, release }) => {
        const releasing = release();
        const walkIns = await walkInsDuring(event, releasing, now);
        await releasing;
        expect(walkIns.filter((r) => r.ok)).toEqual([]);
        expect((await store().listWaitlist(event.id)).map((e) => [e.id, e.status])).toEqual([[entry.id, 'offered']]);
        expect(totals((await store().getEvent(event.id))!)).toEqual({ sold: 1, held: 1 });
      }),
    );
  };

  /** Fills the event with confirmed single registrations (the first returned, to release). */
  const fill = async (event: Event, capacity: number, first: Parameters<typeof makeRegistration>[1] = { status: 'confirmed' }) => {
    const placed = [makeRegistration(event, { userId: randomIds.newId('usr'), ...first }), ...Array.from({ length: capacity - 1 }, () => makeRegistration(event, { userId: randomIds.newId('usr'), status: 'confirmed' }))];
    for (const r of placed) expect(await store().placeRegistration(r, makeTickets(r), [], T0)).toEqual({ ok: true });
    return placed[0]!;
  };

  describe('the waiting list comes before walk-ins', () => {
    it('a cancellation racing walk-ins: the waiting entry gets the spot, every walk-in is refused', async () => {
      await raceWalkIns(async (event) => {
        const r = await fill(event, 2);
        return () => store().transitionRegistration(r.id, ['confirmed'], 'cancelled', at(1), []);
      });
    });

    it('a refund of one ticket racing walk-ins: the waiting entry gets the spot', async () => {
      await raceWalkIns(async (event) => {
        const order = makeRegistration(event, { userId: randomIds.newId('usr'), status: 'confirmed', quantity: 2 });
        const tickets = makeTickets(order);
        expect(await store().placeRegistration(order, tickets, [], T0)).toEqual({ ok: true });
        return () =>
          store().refundTickets(
            { id: randomIds.newId('rfd'), registrationId: order.id, eventId: event.id, ticketIds: [tickets[0]!.id], amountCents: 1000, currency: order.currency, reason: 'Cannot come', by: 'organizer', byUserId: 'usr_organizer', at: at(1) },
            [],
          );
      });
    });

    it('a hold expiring racing walk-ins: the waiting entry gets the spot', async () => {
      await raceWalkIns(async (event) => {
        await fill(event, 2, { status: 'pending_payment', holdExpiresAt: at(15) });
        return () => store().expireHolds(at(16), 1000);
      }, {}, at(16));
    });

    it('a raised capacity racing walk-ins: the waiting entry gets the new spot', async () => {
      await raceWalkIns(async (event) => {
        await fill(event, 1);
        return () => store().updateEvent(event.id, { capacity: 2 }, at(1));
      }, { capacity: 1 });
    });
  });
}
