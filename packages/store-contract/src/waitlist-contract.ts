import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DELETED_USER, byListOrder, randomIds, totals, type Event, type Registration, type Store, type WaitlistEntry } from '@ticketbooth/core';
import { T0, at, makeEvent, makeRegistration, makeTickets, makeUser } from '@ticketbooth/testkit';
import type { StoreHarness } from './contract.js';

/** A waiting-list entry as the service makes one: a fresh account, the event's first ticket type, 30-minute offers. */
export function makeWaitlistEntry(event: Event, overrides: Partial<WaitlistEntry> = {}): WaitlistEntry {
  const userId = overrides.userId ?? randomIds.newId('usr');
  return {
    id: randomIds.newId('wl'), eventId: event.id, userId, attendeeName: 'Wanda Waiting', attendeeEmail: `${userId.toLowerCase()}@example.test`,
    ticketTypeId: event.ticketTypes[0]!.id, quantity: 1, status: 'waiting', offerMinutes: 30, offer: null, registrationId: null,
    createdAt: T0, updatedAt: T0, ...overrides,
  };
}

/** The registration a claim of `entry`'s offer places (pending unless `confirmed`). */
export function claimOf(event: Event, entry: WaitlistEntry, now: string, confirmed = false): Registration {
  return makeRegistration(event, {
    userId: entry.userId, quantity: entry.quantity, ticketTypeId: entry.ticketTypeId, createdAt: now, updatedAt: now,
    status: confirmed ? 'confirmed' : 'pending_payment', holdExpiresAt: confirmed ? null : new Date(Date.parse(now) + 15 * 60_000).toISOString(),
  });
}

/** The waiting list's store behaviour: one entry per account, offers held in list order, claims, expiry. */
export function describeWaitlistContract(harness: () => StoreHarness): void {
  const store = (): Store => harness().store;
  const another = async (): Promise<Store> => (harness().openAnother ? harness().openAnother!() : store());

  /** A published event of `capacity` spots, sold out by single confirmed registrations (returned, to release). */
  const soldOut = async (capacity: number, overrides: Parameters<typeof makeEvent>[0] = {}) => {
    const event = makeEvent({ capacity, ...overrides });
    await store().insertEvent(event);
    const sold: Registration[] = [];
    for (let i = 0; i < capacity; i++) {
      const r = makeRegistration(event, { userId: randomIds.newId('usr'), status: 'confirmed' });
      expect(await store().placeRegistration(r, [], [], T0)).toEqual({ ok: true });
      sold.push(r);
    }
    return { event, sold };
  };
  /** `n` entries joined a second apart, in that order. */
  const joinMany = async (event: Event, n: number, quantity: (i: number) => number = () => 1) => {
    const entries: WaitlistEntry[] = [];
    for (let i = 0; i < n; i++) {
      const joinedAt = new Date(Date.parse(T0) + (i + 1) * 1000).toISOString();
      const entry = makeWaitlistEntry(event, { quantity: quantity(i), createdAt: joinedAt, updatedAt: joinedAt });
      expect(await store().joinWaitlist(entry, joinedAt)).toMatchObject({ ok: true });
      entries.push(entry);
    }
    return entries;
  };
  const statuses = async (event: Event, entries: WaitlistEntry[]) => {
    const live = new Map((await store().listWaitlist(event.id)).map((e) => [e.id, e.status]));
    return entries.map((e) => live.get(e.id) ?? 'gone');
  };
  const offerOf = async (event: Event, entry: WaitlistEntry) => (await store().listWaitlist(event.id)).find((e) => e.id === entry.id)?.offer ?? null;
  const countsOf = async (event: Event) => totals((await store().getEvent(event.id))!);

  describe('the waiting list', () => {
    it('50 concurrent joins by one account add one entry', async () => {
      const { event } = await soldOut(2);
      const other = await another();
      const userId = randomIds.newId('usr');
      const results = await Promise.all(
        Array.from({ length: 50 }, (_, i) => (i % 2 ? other : store()).joinWaitlist(makeWaitlistEntry(event, { userId }), T0)),
      );
      expect(results.filter((r) => r.ok)).toHaveLength(1);
      expect(results.filter((r) => !r.ok && r.reason === 'already_waiting')).toHaveLength(49);
      expect((await store().listWaitlist(event.id)).filter((e) => e.userId === userId)).toHaveLength(1);
      expect(await store().listWaitlistByUser(userId)).toHaveLength(1);
    });

    it('refuses to queue while the spots can be bought, past the account limit, or for an event not on sale', async () => {
      const open = makeEvent({ capacity: 5 });
      await store().insertEvent(open);
      expect(await store().joinWaitlist(makeWaitlistEntry(open, { quantity: 2 }), T0)).toEqual({ ok: false, reason: 'not_sold_out', spotsRemaining: 5 });
      const { event } = await soldOut(1, { maxTicketsPerAccount: 3 });
      expect(await store().joinWaitlist(makeWaitlistEntry(event, { quantity: 4 }), T0)).toEqual({ ok: false, reason: 'account_limit', maxTicketsPerAccount: 3, held: 0 });
      const ended = makeEvent({ startsAt: at(-120), endsAt: at(-1) });
      await store().insertEvent(ended);
      expect(await store().joinWaitlist(makeWaitlistEntry(ended), T0)).toEqual({ ok: false, reason: 'not_on_sale' });
    });

    it('sold out, 20 on the list, 5 spots released: the first 5 get offers, claims in the window succeed, then the offers pass on', async () => {
      const { event, sold } = await soldOut(20);
      const entries = await joinMany(event, 20);
      for (const r of sold.slice(0, 5)) await store().transitionRegistration(r.id, ['confirmed'], 'cancelled', at(1), []);
      expect(await statuses(event, entries)).toEqual([...Array(5).fill('offered'), ...Array(15).fill('waiting')]);
      // Offered spots are held: an ordinary buyer finds the event sold out.
      expect(await countsOf(event)).toEqual({ sold: 15, held: 5 });
      expect(await store().placeRegistration(makeRegistration(event, { userId: randomIds.newId('usr') }), [], [], at(2))).toEqual({ ok: false, reason: 'sold_out', spotsRemaining: 0 });

      const offers = await Promise.all(entries.slice(0, 5).map((e) => offerOf(event, e)));
      expect(offers.every((o) => o?.expiresAt === at(31))).toBe(true);
      const paid = claimOf(event, entries[0]!, at(10));
      expect(await store().claimWaitlistOffer(offers[0]!.id, paid, [], [], at(10))).toEqual({ ok: true, registration: paid });
      const free = claimOf(event, entries[1]!, at(30), true);
      expect(await store().claimWaitlistOffer(offers[1]!.id, free, makeTickets(free), [], at(30))).toEqual({ ok: true, registration: free });
      expect(await store().getRegistration(paid.id)).toMatchObject({ status: 'pending_payment', quantity: 1 });
      expect(await store().listTicketsByRegistration(free.id)).toHaveLength(1);
      expect(await countsOf(event)).toEqual({ sold: 16, held: 4 });

      // The window is over for the other three: their spots pass to the next three entries.
      // (The sweep is store-wide: other tests' lapsed offers may be in its count.)
      expect(await store().expireWaitlistOffers(at(31), 100)).toBeGreaterThanOrEqual(3);
      expect(await statuses(event, entries)).toEqual(['gone', 'gone', 'gone', 'gone', 'gone', 'offered', 'offered', 'offered', ...Array(12).fill('waiting')]);
      expect(await store().claimWaitlistOffer(offers[2]!.id, claimOf(event, entries[2]!, at(31)), [], [], at(31))).toEqual({ ok: false, reason: 'offer_expired' });
      expect(await countsOf(event)).toEqual({ sold: 16, held: 4 });
      const jobs = (await store().claimJobs(at(31), 1000, 60_000)).filter((j) => j.payload.kind === 'send_waitlist_offer_mail' && j.payload.eventId === event.id);
      expect(jobs).toHaveLength(8);
    });

    it('only the offered account claims, once: 20 concurrent claims place one registration', async () => {
      const { event, sold } = await soldOut(1);
      const [entry] = await joinMany(event, 1, () => 1);
      await store().transitionRegistration(sold[0]!.id, ['confirmed'], 'cancelled', at(1), []);
      const offer = (await offerOf(event, entry!))!;
      const stranger = { ...claimOf(event, entry!, at(2)), userId: randomIds.newId('usr') };
      expect(await store().claimWaitlistOffer(offer.id, stranger, [], [], at(2))).toEqual({ ok: false, reason: 'not_found' });
      const other = await another();
      const claims = Array.from({ length: 20 }, () => claimOf(event, entry!, at(2)));
      const results = await Promise.all(claims.map((r, i) => (i % 2 ? other : store()).claimWaitlistOffer(offer.id, r, [], [], at(2))));
      const placed = results.filter((r) => r.ok);
      expect(placed).toHaveLength(1);
      const winner = placed[0]!.ok ? placed[0]!.registration.id : '';
      expect(results.filter((r) => !r.ok).every((r) => !r.ok && (r.reason === 'claimed' ? r.registrationId === winner : r.reason === 'hold_exists'))).toBe(true);
      expect(await countsOf(event)).toEqual({ sold: 0, held: 1 });
    });

    it('a raised capacity, an expired hold and a leaver with an offer all pass spots on, in list order', async () => {
      const { event } = await soldOut(2);
      const entries = await joinMany(event, 4, (i) => (i === 0 ? 2 : 1));
      expect((await store().updateEvent(event.id, { capacity: 3 }, at(1))).ok).toBe(true);
      // One spot free, but the first entry waits for two: nobody behind it goes first.
      expect(await statuses(event, entries)).toEqual(['waiting', 'waiting', 'waiting', 'waiting']);
      expect((await store().updateEvent(event.id, { capacity: 4 }, at(2))).ok).toBe(true);
      expect(await statuses(event, entries)).toEqual(['offered', 'waiting', 'waiting', 'waiting']);
      expect(await store().leaveWaitlist(event.id, entries[0]!.userId, at(3))).toBe(true);
      expect(await store().leaveWaitlist(event.id, entries[0]!.userId, at(3))).toBe(false);
      expect(await statuses(event, entries)).toEqual(['gone', 'offered', 'offered', 'waiting']);
      const claim = claimOf(event, entries[1]!, at(4));
      expect((await store().claimWaitlistOffer((await offerOf(event, entries[1]!))!.id, claim, [], [], at(4))).ok).toBe(true);
      await store().expireHolds(at(19), 100);
      expect((await store().getRegistration(claim.id))?.status).toBe('expired');
      expect(await statuses(event, entries)).toEqual(['gone', 'gone', 'offered', 'offered']);
      expect(await countsOf(event)).toEqual({ sold: 2, held: 2 });
    });

    it('a cancelled event ends its offers, giving their spots back', async () => {
      const { event, sold } = await soldOut(1);
      const entries = await joinMany(event, 2);
      await store().transitionRegistration(sold[0]!.id, ['confirmed'], 'cancelled', at(1), []);
      expect(await statuses(event, entries)).toEqual(['offered', 'waiting']);
      expect((await store().cancelEvent(event.id, 'Rain', at(2), [])).ok).toBe(true);
      expect(await statuses(event, entries)).toEqual(['gone', 'gone']);
      expect(await countsOf(event)).toEqual({ sold: 0, held: 0 });
    });

    it('a deleted account leaves the lists, its offer passing on, and its name and email go from its entries', async () => {
      const { event, sold } = await soldOut(1);
      const user = makeUser();
      await store().insertUser(user);
      const mine = makeWaitlistEntry(event, { userId: user.id, attendeeName: user.name, attendeeEmail: user.email });
      expect(await store().joinWaitlist(mine, T0)).toMatchObject({ ok: true });
      const [next] = await joinMany(event, 1);
      await store().transitionRegistration(sold[0]!.id, ['confirmed'], 'cancelled', at(1), []);
      const offer = (await offerOf(event, mine))!;
      expect(await store().deleteUser(user.id, new Date(at(2)))).toEqual({ ok: true });
      expect(await statuses(event, [mine, next!])).toEqual(['gone', 'offered']);
      expect(await countsOf(event)).toEqual({ sold: 0, held: 1 });
      expect(await store().getWaitlistEntryByOffer(offer.id)).toMatchObject({ status: 'left', attendeeName: DELETED_USER, attendeeEmail: DELETED_USER });
    });

    it('property: releases, claims, leavers and expiries never take confirmed + held + offered past capacity, and offers go in list order', async () => {
      const op = fc.oneof(
        fc.record({ kind: fc.constant('release' as const), pick: fc.nat() }),
        fc.record({ kind: fc.constant('claim' as const), pick: fc.nat(), confirmed: fc.boolean() }),
        fc.record({ kind: fc.constant('leave' as const), pick: fc.nat() }),
        fc.record({ kind: fc.constant('buy' as const) }),
        fc.record({ kind: fc.constant('raise' as const), by: fc.integer({ min: 1, max: 2 }) }),
        fc.record({ kind: fc.constant('advance' as const), minutes: fc.integer({ min: 1, max: 40 }) }),
      );
      await fc.assert(
        fc.asyncProperty(fc.array(fc.integer({ min: 1, max: 2 }), { minLength: 20, maxLength: 20 }), fc.array(op, { minLength: 1, maxLength: 20 }), async (quantities, ops) => {
          const { event, sold } = await soldOut(6);
          let capacity = 6;
          const entries = await joinMany(event, 20, (i) => quantities[i]!);
          const placed = [...sold];
          const left = new Set<string>();
          let minute = 1;
          for (const o of ops) {
            const now = at(minute);
            const live = await store().listWaitlist(event.id);
            if (o.kind === 'release') {
              const r = placed[o.pick % placed.length]!;
              await store().transitionRegistration(r.id, ['confirmed', 'pending_payment'], 'cancelled', now, []);
            } else if (o.kind === 'claim') {
              const offered = live.filter((e) => e.status === 'offered');
              const entry = offered[o.pick % Math.max(1, offered.length)];
              if (entry) {
                const r = claimOf(event, entry, now, o.confirmed);
                const result = await store().claimWaitlistOffer(entry.offer!.id, r, [], [], now);
                if (result.ok) placed.push(r);
              }
            } else if (o.kind === 'leave') {
              const entry = live[o.pick % Math.max(1, live.length)];
              if (entry && entry.status === 'waiting') left.add(entry.id);
              if (entry) await store().leaveWaitlist(event.id, entry.userId, now);
            } else if (o.kind === 'buy') {
              const r = makeRegistration(event, { userId: randomIds.newId('usr'), status: 'confirmed', createdAt: now });
              if ((await store().placeRegistration(r, [], [], now)).ok) placed.push(r);
            } else if (o.kind === 'raise') {
              capacity += o.by;
              expect((await store().updateEvent(event.id, { capacity }, now)).ok).toBe(true);
            } else {
              minute += o.minutes;
              await store().expireHolds(at(minute), 1000);
              await store().expireWaitlistOffers(at(minute), 1000);
            }

            const counts = await countsOf(event);
            const regs = await Promise.all(placed.map((r) => store().getRegistration(r.id)));
            const confirmed = regs.filter((r) => r?.status === 'confirmed').reduce((n, r) => n + r!.quantity, 0);
            const held = regs.filter((r) => r?.status === 'pending_payment').reduce((n, r) => n + r!.quantity, 0);
            const nowLive = await store().listWaitlist(event.id);
            const offered = nowLive.filter((e) => e.status === 'offered').reduce((n, e) => n + e.quantity, 0);
            expect(counts).toEqual({ sold: confirmed, held: held + offered });
            expect(confirmed + held + offered).toBeLessThanOrEqual(capacity);
            // Everyone ever offered comes before everyone still waiting (leavers who never had an offer aside).
            const stillWaiting = nowLive.filter((e) => e.status === 'waiting');
            const everOffered = entries.filter((e) => !left.has(e.id) && !stillWaiting.some((w) => w.id === e.id));
            const lastOffered = everOffered.sort(byListOrder).pop();
            if (lastOffered) expect(stillWaiting.every((w) => byListOrder(lastOffered, w) < 0)).toBe(true);
          }
        }),
        { numRuns: 10 },
      );
    });
  });
}
