import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { newJobs, randomIds, spotsRemaining, totals, type EventWithCounts, type Store } from '@ticketbooth/core';
import { T0, at, makeEvent, makeIntent, makeRegistration, makeTickets, makeUser } from '@ticketbooth/testkit';
import { describeDoorContract } from './door-contract.js';
import { describeOrderContract } from './order-contract.js';
import { describeWaitlistContract } from './waitlist-contract.js';
import { describeWaitlistFairnessContract } from './waitlist-fairness-contract.js';
import { describePromoContract } from './promo-contract.js';
import { describePromoRefundProperty } from './promo-refund-property.js';
import { describeRateLimitContract } from './rate-limit-contract.js';
import { describeEventImageContract } from './event-image-contract.js';

export interface StoreHarness {
  store: Store;
  /** A second Store on the same data, to prove atomicity across connections. */
  openAnother?: () => Promise<Store>;
  /** Another Store on the same data that draws replacement ticket codes from `newTicketCode`, to force collisions. */
  withTicketCodes(newTicketCode: () => string): Promise<Store>;
  cleanup(): Promise<void>;
}

/** Every behaviour the domain relies on, for any Store adapter. */
export function describeStoreContract(name: string, open: () => Promise<StoreHarness>): void {
  describe(`Store contract: ${name}`, () => {
    let h: StoreHarness;
    let store: Store;
    beforeAll(async () => {
      h = await open();
      store = h.store;
    });
    afterAll(async () => {
      await h.cleanup();
    });

    const published = async (overrides: Parameters<typeof makeEvent>[0] = {}) => {
      const event = makeEvent(overrides);
      await store.insertEvent(event);
      return event;
    };
    /** A fresh account: one account holds at most one pending registration per event. */
    const account = () => `usr_${Math.random().toString(36).slice(2)}`;

    describeDoorContract(() => h);
    describeOrderContract(() => h);
    describeWaitlistContract(() => h);
    describeWaitlistFairnessContract(() => h);
    describePromoContract(() => h);
    describePromoRefundProperty(() => h);
    describeRateLimitContract(() => h);
    describeEventImageContract(() => h);

    describe('users', () => {
      it('finds a user by id and by email, and refuses a second account for the same email', async () => {
        const user = makeUser({ emailVerified: false });
        expect(await store.insertUser(user)).toEqual({ ok: true });
        expect(await store.getUser(user.id)).toEqual(user);
        expect(await store.getUserByEmail(user.email)).toEqual(user);
        expect(await store.insertUser(makeUser({ email: user.email }))).toEqual({ ok: false, reason: 'email_taken' });
        await store.markEmailVerified(user.id);
        expect((await store.getUser(user.id))?.emailVerified).toBe(true);
        expect(await store.getUser('usr_missing')).toBeNull();
      });

      it('an account left unverified for 7 days gives its email to a new sign-up; a younger or verified one does not', async () => {
        const stale = makeUser({ emailVerified: false, createdAt: T0 });
        await store.insertUser(stale);
        expect(await store.insertUser(makeUser({ email: stale.email, createdAt: at(60 * 24 * 7 - 1) }))).toEqual({ ok: false, reason: 'email_taken' });
        const taker = makeUser({ email: stale.email, emailVerified: false, createdAt: at(60 * 24 * 7) });
        expect(await store.insertUser(taker)).toEqual({ ok: true });
        expect(await store.getUserByEmail(stale.email)).toEqual(taker);
        expect(await store.getUser(stale.id)).toBeNull();
        const verified = makeUser({ createdAt: T0 });
        await store.insertUser(verified);
        expect(await store.insertUser(makeUser({ email: verified.email, createdAt: at(60 * 24 * 365) }))).toEqual({ ok: false, reason: 'email_taken' });
      });

      it('deleting an account waits for its upcoming tickets, then frees the email and leaves "Deleted user" on its records', async () => {
        const user = makeUser({ name: 'Dora Deleted' });
        await store.insertUser(user);
        const event = await published({ capacity: 5 });
        const r = makeRegistration(event, { userId: user.id, status: 'confirmed', attendeeName: user.name, attendeeEmail: user.email });
        await store.placeRegistration(r, makeTickets(r), [], T0);
        expect(await store.deleteUser(user.id, new Date(T0))).toEqual({ ok: false, reason: 'has_upcoming_tickets' });
        expect(await store.getUser(user.id)).toEqual(user);
        const afterTheEvent = new Date(Date.parse(event.endsAt) + 60_000);
        expect(await store.deleteUser(user.id, afterTheEvent)).toEqual({ ok: true });
        expect(await store.getUser(user.id)).toBeNull();
        expect(await store.getUserByEmail(user.email)).toBeNull();
        expect(await store.getRegistration(r.id)).toMatchObject({ attendeeName: 'Deleted user', attendeeEmail: 'Deleted user', status: 'confirmed' });
        expect((await store.listTicketsByRegistration(r.id)).map((t) => t.attendeeName)).toEqual(['Deleted user']);
        expect(await store.insertUser(makeUser({ email: user.email }))).toEqual({ ok: true });
      });

      it("an organizer's account is kept while one of their events is still to come", async () => {
        const organizer = makeUser({ role: 'organizer' });
        await store.insertUser(organizer);
        const event = await published({ organizerId: organizer.id });
        expect(await store.deleteUser(organizer.id, new Date(T0))).toEqual({ ok: false, reason: 'has_events' });
        expect(await store.deleteUser(organizer.id, new Date(Date.parse(event.endsAt) + 1))).toEqual({ ok: true });
      });
    });

    describe('events', () => {
      it('round-trips an event with its ticket types and zero counts', async () => {
        const event = makeEvent({ ticketTypes: [
          { id: 'tt_a_' + Math.random().toString(36).slice(2), name: 'A', priceCents: 100, quantity: 5 },
          { id: 'tt_b_' + Math.random().toString(36).slice(2), name: 'B', priceCents: 0, quantity: null },
        ] });
        await store.insertEvent(event);
        const loaded = await store.getEvent(event.id);
        expect(loaded).toMatchObject({ ...event });
        expect(loaded!.ticketTypes).toEqual(event.ticketTypes);
        expect(totals(loaded!)).toEqual({ sold: 0, held: 0 });
        expect(await store.getEvent('evt_missing')).toBeNull();
      });

      it('keeps the counter shards an organizer asked for, and none when none were asked, through an edit and in listings', async () => {
        const asked = makeEvent({ counterShards: 3, capacity: 30, organizerId: 'usr_shards_' + Math.random().toString(36).slice(2) });
        const unasked = makeEvent({ capacity: 30 });
        await store.insertEvent(asked);
        await store.insertEvent(unasked);
        expect((await store.getEvent(asked.id))!.counterShards).toBe(3);
        expect(await store.getEvent(unasked.id)).not.toHaveProperty('counterShards');
        expect((await store.updateEvent(asked.id, { capacity: 40 }, asked.createdAt)).ok).toBe(true);
        expect(await store.getEvent(asked.id)).toMatchObject({ counterShards: 3, capacity: 40 });
        const listed = (await store.listEventsByOrganizer(asked.organizerId, 100)).items.find((e) => e.id === asked.id);
        expect(listed?.counterShards).toBe(3);
      });

      it('publishes a draft once and cancels it once, enqueueing the cancellation jobs', async () => {
        const event = await published({ status: 'draft' });
        expect((await store.publishEvent(event.id, at(1))).ok).toBe(true);
        expect(await store.publishEvent(event.id, at(2))).toEqual({ ok: false, reason: 'invalid_state' });
        const cancelled = await store.cancelEvent(event.id, 'Rain', at(3), newJobs(randomIds, [{ kind: 'cancel_event_registrations', eventId: event.id, reason: 'Rain' }]));
        expect(cancelled.ok && cancelled.event).toMatchObject({ status: 'cancelled', cancelReason: 'Rain' });
        expect(await store.cancelEvent(event.id, 'Again', at(4), [])).toEqual({ ok: false, reason: 'invalid_state' });
        const jobs = await store.claimJobs(at(5), 100, 60_000);
        expect(jobs.some((j) => j.payload.kind === 'cancel_event_registrations' && j.payload.eventId === event.id)).toBe(true);
        for (const j of jobs) await store.completeJob(j.id);
        expect(await store.publishEvent('evt_missing', at(1))).toEqual({ ok: false, reason: 'not_found' });
      });

      it('edits an event but refuses a capacity below what is sold or held', async () => {
        const event = await published({ capacity: 10 });
        const r = makeRegistration(event, { quantity: 4 });
        expect(await store.placeRegistration(r, [], [], T0)).toEqual({ ok: true });
        const refused = await store.updateEvent(event.id, { capacity: 3 }, at(1));
        expect(refused).toEqual({ ok: false, reason: 'capacity_below_sold', details: { capacity: 3, sold: 0, held: 4, taken: 4 } });
        const ok = await store.updateEvent(event.id, { capacity: 4, name: 'Renamed' }, at(1));
        expect(ok.ok && ok.event).toMatchObject({ capacity: 4, name: 'Renamed', updatedAt: at(1) });
        const typeId = event.ticketTypes[0]!.id;
        expect(await store.updateEvent(event.id, { ticketTypes: [] }, at(2))).toEqual({ ok: false, reason: 'capacity_below_sold', details: { ticketTypeId: typeId, removed: true, sold: 0, held: 4, taken: 4 } });
        expect(await store.updateEvent(event.id, { ticketTypes: [{ id: typeId, name: 'GA', priceCents: 1000, quantity: 3 }] }, at(2))).toEqual({ ok: false, reason: 'capacity_below_sold', details: { ticketTypeId: typeId, quantity: 3, sold: 0, held: 4, taken: 4 } });
        const added = await store.updateEvent(event.id, { ticketTypes: [{ id: typeId, name: 'GA', priceCents: 1000, quantity: null }, { id: `${typeId}_vip`, name: 'VIP', priceCents: 5000, quantity: 2 }] }, at(3));
        expect(added.ok && added.event.ticketTypes.map((t) => t.name)).toEqual(['GA', 'VIP']);
        expect(added.ok && added.event.counts[typeId]).toEqual({ sold: 0, held: 4 });
      });

      it('search finds by text, category and date range, soonest first, and pages through every event exactly once', async () => {
        const tag = `zq${Math.random().toString(36).slice(2, 8)}`;
        const events = [];
        for (let i = 0; i < 7; i++) {
          events.push(await published({ name: `${tag} event ${i}`, category: i % 2 ? 'Music' : 'Sports', startsAt: at(1000 + i * 60), endsAt: at(1000 + i * 60 + 30) }));
        }
        await published({ name: `${tag} draft`, status: 'draft' });
        await published({ name: `${tag} ended`, startsAt: at(-120), endsAt: at(-60) });
        const seen: string[] = [];
        let cursor: string | undefined;
        do {
          const page = await store.searchPublishedEvents({ q: tag.toUpperCase(), notEndedAt: T0, limit: 3, cursor });
          seen.push(...page.items.map((e) => e.id));
          cursor = page.nextCursor ?? undefined;
        } while (cursor);
        expect(seen).toEqual(events.map((e) => e.id));
        const music = await store.searchPublishedEvents({ q: tag, category: 'music', notEndedAt: T0, limit: 20 });
        expect(music.items.map((e) => e.name)).toEqual([1, 3, 5].map((i) => `${tag} event ${i}`));
        const window = await store.searchPublishedEvents({ q: tag, from: at(1060), to: at(1180), notEndedAt: T0, limit: 20 });
        expect(window.items.map((e) => e.name)).toEqual([1, 2, 3].map((i) => `${tag} event ${i}`));
        const literal = await store.searchPublishedEvents({ q: '%', notEndedAt: T0, limit: 20 });
        expect(literal.items.some((e) => e.name.startsWith(tag))).toBe(false);
      });

      it('date filters take calendar days on each event own wall clock, and page through the ones kept', async () => {
        const tag = `zd${Math.random().toString(36).slice(2, 8)}`;
        const event = (name: string, startsAt: string, timezone: string) =>
          published({ name: `${tag} ${name}`, startsAt, endsAt: new Date(Date.parse(startsAt) + 3_600_000).toISOString(), timezone });
        // 17:00 on 15 January in Portland is 01:00 on 16 January in UTC; 01:00 on 15 January in Tokyo is 16:00 on the 14th in UTC.
        const tokyo = await event('tokyo', '2030-01-14T16:00:00.000Z', 'Asia/Tokyo');
        await event('utc 14th', '2030-01-14T16:00:00.000Z', 'UTC');
        const portland = await event('portland', '2030-01-16T01:00:00.000Z', 'America/Los_Angeles');
        const utc16 = await event('utc 16th', '2030-01-16T01:00:00.000Z', 'UTC');
        const seen: string[] = [];
        let cursor: string | undefined;
        do {
          const page = await store.searchPublishedEvents({ q: tag, fromDay: '2030-01-15', toDay: '2030-01-15', notEndedAt: T0, limit: 1, cursor });
          seen.push(...page.items.map((e) => e.id));
          cursor = page.nextCursor ?? undefined;
        } while (cursor);
        expect(seen).toEqual([tokyo.id, portland.id]);
        const sixteenth = await store.searchPublishedEvents({ q: tag, fromDay: '2030-01-16', toDay: '2030-01-16', notEndedAt: T0, limit: 20 });
        expect(sixteenth.items.map((e) => e.id)).toEqual([utc16.id]);
        expect((await store.searchPublishedEvents({ q: tag, fromDay: '2030-01-16', toDay: '2030-01-10', notEndedAt: T0, limit: 20 })).items).toEqual([]);
      });

      it("lists an organizer's events newest first, all statuses, with paging", async () => {
        const organizerId = `usr_org_${Math.random().toString(36).slice(2)}`;
        const ids = [];
        for (let i = 0; i < 5; i++) ids.push((await published({ organizerId, status: i === 0 ? 'draft' : 'published', createdAt: at(i) })).id);
        const first = await store.listEventsByOrganizer(organizerId, 3);
        const second = await store.listEventsByOrganizer(organizerId, 3, first.nextCursor!);
        expect([...first.items, ...second.items].map((e) => e.id)).toEqual(ids.reverse());
        expect(second.nextCursor).toBeNull();
      });
    });

    describe('events: tickets that follow edits', () => {
      const schedule = (e: { startsAt: string; endsAt: string; timezone: string; location: string }) => ({
        startsAt: e.startsAt, endsAt: e.endsAt, timezone: e.timezone, location: e.location,
      });

      it('a move raises the revision and enqueues its jobs with the edit; a second quick move keeps what holders were told', async () => {
        const event = await published({ startsAt: at(600), endsAt: at(720), location: 'Hall 1' });
        expect((await store.getEvent(event.id))!.revision).toBe(0);
        expect(await store.getEventChangeNotice(event.id)).toBeNull();
        const jobs = newJobs(randomIds, [{ kind: 'announce_event_change', eventId: event.id }]);
        const moved = await store.updateEvent(event.id, { startsAt: at(660), endsAt: at(780) }, at(1), jobs);
        expect(moved.ok && moved.event.revision).toBe(1);
        expect((await store.claimJobsById(jobs.map((j) => j.id), at(2), 60_000)).map((j) => j.payload)).toEqual(jobs.map((j) => j.payload));
        const again = await store.updateEvent(event.id, { location: 'Hall 2', timezone: 'America/Los_Angeles' }, at(3), []);
        expect(again.ok && again.event.revision).toBe(2);
        expect(await store.getEventChangeNotice(event.id)).toEqual({
          revision: 2,
          before: schedule(event),
          after: { startsAt: at(660), endsAt: at(780), timezone: 'America/Los_Angeles', location: 'Hall 2' },
        });
        for (const j of jobs) await store.completeJob(j.id);
      });

      it('keeps that an event was given no end, and that an edit gave it one or took it away', async () => {
        const event = await published({ startsAt: at(600), endsAt: at(720), openEnded: true });
        expect(await store.getEvent(event.id)).toMatchObject({ endsAt: at(720), openEnded: true });
        const ended = await store.updateEvent(event.id, { endsAt: at(700), openEnded: false }, at(1));
        expect(ended.ok && ended.event.endsAt).toBe(at(700));
        expect((await store.getEvent(event.id))!.openEnded).toBeUndefined();
        await store.updateEvent(event.id, { endsAt: at(720), openEnded: true }, at(2));
        expect((await store.getEvent(event.id))!.openEnded).toBe(true);
        expect((await store.getEvent((await published()).id))!.openEnded).toBeUndefined();
      });

      it('a rename raises the revision (the ticket prints the name) but starts no notice; description and capacity change neither', async () => {
        const event = await published();
        const renamed = await store.updateEvent(event.id, { name: 'Renamed' }, at(1));
        expect(renamed.ok && renamed.event.revision).toBe(1);
        const described = await store.updateEvent(event.id, { description: 'More words', capacity: 60 }, at(2));
        expect(described.ok && described.event.revision).toBe(1);
        expect(await store.getEventChangeNotice(event.id)).toBeNull();
      });

      it('settling the notice that was announced ends it; a move meanwhile leaves a notice from what was announced; a stale settle changes nothing', async () => {
        const event = await published({ location: 'Hall 1' });
        await store.updateEvent(event.id, { location: 'Hall 2' }, at(1));
        const first = (await store.getEventChangeNotice(event.id))!;
        await store.updateEvent(event.id, { location: 'Hall 3' }, at(2));
        await store.settleEventChangeNotice(event.id, first);
        const second = await store.getEventChangeNotice(event.id);
        expect(second).toEqual({ revision: 2, before: { ...schedule(event), location: 'Hall 2' }, after: { ...schedule(event), location: 'Hall 3' } });
        await store.settleEventChangeNotice(event.id, first);
        expect(await store.getEventChangeNotice(event.id)).toEqual(second);
        await store.settleEventChangeNotice(event.id, second!);
        expect(await store.getEventChangeNotice(event.id)).toBeNull();
      });

      it('a move undone before it was announced leaves nothing to announce', async () => {
        const event = await published({ location: 'Hall 1' });
        await store.updateEvent(event.id, { location: 'Hall 2' }, at(1));
        await store.updateEvent(event.id, { location: 'Hall 1' }, at(2));
        expect(await store.getEventChangeNotice(event.id)).toBeNull();
      });

      it("records the revision of a holder's last change mail, and never lowers it", async () => {
        const registrationId = `reg_${Math.random().toString(36).slice(2)}`;
        expect(await store.getChangeMailedRevision(registrationId)).toBe(0);
        await store.recordChangeMailed(registrationId, 2);
        await store.recordChangeMailed(registrationId, 1);
        expect(await store.getChangeMailedRevision(registrationId)).toBe(2);
        await store.recordChangeMailed(registrationId, 3);
        expect(await store.getChangeMailedRevision(registrationId)).toBe(3);
      });
    });

    describe('registrations: never oversold', () => {
      it('refuses the 51st registration for 50 spots', async () => {
        const event = await published({ capacity: 50 });
        for (let i = 0; i < 50; i++) expect((await store.placeRegistration(makeRegistration(event, { userId: account() }), [], [], T0)).ok).toBe(true);
        expect(await store.placeRegistration(makeRegistration(event, { userId: account() }), [], [], T0)).toEqual({ ok: false, reason: 'sold_out', spotsRemaining: 0 });
      });

      it('500 concurrent registrations for 50 spots: exactly 50 succeed', async () => {
        const event = await published({ capacity: 50 });
        const other = h.openAnother ? await h.openAnother() : store;
        const results = await Promise.all(
          Array.from({ length: 500 }, (_, i) => (i % 2 ? other : store).placeRegistration(makeRegistration(event, { userId: account(), status: 'confirmed' }), [], [], T0)),
        );
        expect(results.filter((r) => r.ok)).toHaveLength(50);
        expect(results.filter((r) => !r.ok && r.reason === 'sold_out')).toHaveLength(450);
        const loaded = await store.getEvent(event.id);
        expect(totals(loaded!)).toEqual({ sold: 50, held: 0 });
      });

      it('enforces a ticket type quantity apart from the capacity, and reports what is left', async () => {
        const vip = { id: `tt_vip_${Math.random().toString(36).slice(2)}`, name: 'VIP', priceCents: 5000, quantity: 3 };
        const ga = { id: `tt_ga_${Math.random().toString(36).slice(2)}`, name: 'GA', priceCents: 1000, quantity: null };
        const event = await published({ capacity: 10, ticketTypes: [ga, vip] });
        expect((await store.placeRegistration(makeRegistration(event, { userId: account(), ticketTypeId: vip.id, quantity: 2 }), [], [], T0)).ok).toBe(true);
        expect(await store.placeRegistration(makeRegistration(event, { userId: account(), ticketTypeId: vip.id, quantity: 2 }), [], [], T0)).toEqual({ ok: false, reason: 'sold_out', spotsRemaining: 1 });
        expect((await store.placeRegistration(makeRegistration(event, { userId: account(), ticketTypeId: ga.id, quantity: 8 }), [], [], T0)).ok).toBe(true);
        expect(await store.placeRegistration(makeRegistration(event, { userId: account(), ticketTypeId: vip.id, quantity: 1 }), [], [], T0)).toEqual({ ok: false, reason: 'sold_out', spotsRemaining: 0 });
      });

      it('refuses drafts, cancelled and ended events', async () => {
        const draft = await published({ status: 'draft' });
        expect(await store.placeRegistration(makeRegistration(draft), [], [], T0)).toEqual({ ok: false, reason: 'not_on_sale' });
        const ended = await published({ startsAt: at(-120), endsAt: at(-1) });
        expect(await store.placeRegistration(makeRegistration(ended), [], [], T0)).toEqual({ ok: false, reason: 'not_on_sale' });
        const missing = makeRegistration(makeEvent());
        expect(await store.placeRegistration(missing, [], [], T0)).toEqual({ ok: false, reason: 'not_found' });
      });

      it('refuses, placing nothing, an order priced before the price changed, and makes tickets from the event it places in', async () => {
        const event = await published({ capacity: 10 });
        const [type] = event.ticketTypes;
        const pricedBefore = makeRegistration(event, { userId: account(), status: 'confirmed' });
        expect((await store.updateEvent(event.id, { ticketTypes: [{ ...type!, name: 'Früh', priceCents: type!.priceCents + 500 }] }, at(1))).ok).toBe(true);
        const edited = (await store.getEvent(event.id))!;
        expect(await store.placeRegistration(pricedBefore, () => makeTickets(pricedBefore), [], at(2))).toEqual({ ok: false, reason: 'repriced' });
        expect(await store.placeRegistration({ ...makeRegistration(edited, { userId: account(), status: 'confirmed' }), currency: 'XTS' }, [], [], at(2))).toEqual({ ok: false, reason: 'repriced' });
        expect(await store.getRegistration(pricedBefore.id)).toBeNull();
        expect(totals((await store.getEvent(event.id))!)).toEqual({ sold: 0, held: 0 });
        const pricedNow = makeRegistration(edited, { userId: account(), status: 'confirmed' });
        const names: string[] = [];
        const made = (placedIn: EventWithCounts) => makeTickets(pricedNow).map((t) => {
          const name = placedIn.ticketTypes.find((tt) => tt.id === t.ticketTypeId)!.name;
          names.push(name);
          return { ...t, ticketTypeName: name };
        });
        expect(await store.placeRegistration(pricedNow, made, [], at(2))).toEqual({ ok: true });
        expect(names).toEqual(['Früh']);
        expect((await store.listTicketsByRegistration(pricedNow.id)).map((t) => t.ticketTypeName)).toEqual(['Früh']);
      });

      it('an expired hold frees its spots for the next buyer', async () => {
        const event = await published({ capacity: 2 });
        const hold = makeRegistration(event, { quantity: 2, holdExpiresAt: at(15) });
        expect((await store.placeRegistration(hold, [], [], T0)).ok).toBe(true);
        expect((await store.placeRegistration(makeRegistration(event, { userId: account() }), [], [], at(14))).ok).toBe(false);
        expect((await store.placeRegistration(makeRegistration(event, { userId: account(), holdExpiresAt: at(30) }), [], [], at(15))).ok).toBe(true);
        expect((await store.getRegistration(hold.id))?.status).toBe('expired');
        const loaded = await store.getEvent(event.id);
        expect(loaded!.counts[event.ticketTypes[0]!.id]).toEqual({ sold: 0, held: 1 });
      });

      it('expireHolds sweeps due holds across events and leaves live ones', async () => {
        const a = await published({ capacity: 5 });
        const b = await published({ capacity: 5 });
        const due = makeRegistration(a, { quantity: 3, holdExpiresAt: at(-1000) });
        const live = makeRegistration(b, { quantity: 2, holdExpiresAt: at(100000) });
        await store.placeRegistration(due, [], [], at(-2000));
        await store.placeRegistration(live, [], [], at(-2000));
        expect(await store.expireHolds(T0, 1000)).toBeGreaterThanOrEqual(1);
        expect((await store.getRegistration(due.id))?.status).toBe('expired');
        expect((await store.getRegistration(live.id))?.status).toBe('pending_payment');
        expect(spotsRemaining((await store.getEvent(a.id))!)).toBe(5);
        expect(spotsRemaining((await store.getEvent(b.id))!)).toBe(3);
      });

      it('a free registration is confirmed with its tickets and jobs in one step', async () => {
        const event = await published({ capacity: 5 });
        const r = makeRegistration(event, { status: 'confirmed', quantity: 2, amountCents: 0 });
        const tickets = makeTickets(r);
        await store.placeRegistration(r, tickets, newJobs(randomIds, [{ kind: 'send_ticket_mail', registrationId: r.id }]), T0);
        expect(await store.listTicketsByRegistration(r.id)).toEqual(tickets);
        expect((await store.getEvent(event.id))!.counts[event.ticketTypes[0]!.id]).toEqual({ sold: 2, held: 0 });
      });

      it('lists a user\'s registrations and an event\'s registrants newest first with paging', async () => {
        const event = await published({ capacity: 20 });
        const userId = `usr_${Math.random().toString(36).slice(2)}`;
        const ids = [];
        for (let i = 0; i < 4; i++) {
          const r = makeRegistration(event, { userId, createdAt: at(i), status: 'confirmed' });
          ids.push(r.id);
          await store.placeRegistration(r, makeTickets(r), [], at(i));
        }
        const first = await store.listRegistrationsByUser(userId, 3);
        const rest = await store.listRegistrationsByUser(userId, 3, first.nextCursor!);
        expect([...first.items, ...rest.items].map((r) => r.id)).toEqual([...ids].reverse());
        const registrants = await store.listRegistrantsByEvent(event.id, 10);
        expect(registrants.items.map((r) => r.registration.id)).toEqual([...ids].reverse());
        expect(registrants.items.every((r) => r.checkedIn === 0)).toBe(true);
      });
    });

    describe('limits: one pending registration per account and event', () => {
      it('refuses a second hold by one account on one event and names the live one', async () => {
        const event = await published({ capacity: 10 });
        const userId = account();
        const first = makeRegistration(event, { userId });
        expect((await store.placeRegistration(first, [], [], T0)).ok).toBe(true);
        expect(await store.placeRegistration(makeRegistration(event, { userId }), [], [], at(1))).toEqual({ ok: false, reason: 'hold_exists', registrationId: first.id });
        expect((await store.placeRegistration(makeRegistration(event, { userId: account() }), [], [], at(1))).ok).toBe(true);
        const elsewhere = await published({ capacity: 10 });
        expect((await store.placeRegistration(makeRegistration(elsewhere, { userId }), [], [], at(1))).ok).toBe(true);
        expect(spotsRemaining((await store.getEvent(event.id))!)).toBe(8);
      });

      it('of 20 concurrent placements by one account for one event, exactly one holds', async () => {
        const event = await published({ capacity: 50 });
        const userId = account();
        const other = h.openAnother ? await h.openAnother() : store;
        const placing = Array.from({ length: 20 }, () => makeRegistration(event, { userId }));
        const results = await Promise.all(placing.map((r, i) => (i % 2 ? other : store).placeRegistration(r, [], [], T0)));
        const placed = placing.filter((_, i) => results[i]!.ok);
        expect(placed).toHaveLength(1);
        expect(results.filter((r) => !r.ok)).toEqual(Array.from({ length: 19 }, () => ({ ok: false, reason: 'hold_exists', registrationId: placed[0]!.id })));
        expect((await store.getEvent(event.id))!.counts[event.ticketTypes[0]!.id]).toEqual({ sold: 0, held: 1 });
      });

      it('a hold that lapsed, was paid or was cancelled no longer blocks the next one', async () => {
        const event = await published({ capacity: 10 });
        const userId = account();
        const lapsed = makeRegistration(event, { userId, holdExpiresAt: at(15) });
        await store.placeRegistration(lapsed, [], [], T0);
        const paid = makeRegistration(event, { userId, holdExpiresAt: at(30) });
        expect((await store.placeRegistration(paid, [], [], at(15))).ok).toBe(true);
        expect((await store.confirmPayment(paid.id, makeIntent(paid, { status: 'succeeded' }), makeTickets(paid), [], at(16))).ok).toBe(true);
        const cancelled = makeRegistration(event, { userId, holdExpiresAt: at(45) });
        expect((await store.placeRegistration(cancelled, [], [], at(17))).ok).toBe(true);
        expect(await store.transitionRegistration(cancelled.id, ['pending_payment'], 'cancelled', at(18), [])).toMatchObject({ status: 'cancelled' });
        const next = makeRegistration(event, { userId, holdExpiresAt: at(60) });
        expect((await store.placeRegistration(next, [], [], at(19))).ok).toBe(true);
        expect(await store.placeRegistration(makeRegistration(event, { userId }), [], [], at(20))).toEqual({ ok: false, reason: 'hold_exists', registrationId: next.id });
      });

      it('a hold swept by expireHolds no longer blocks the next one', async () => {
        const event = await published({ capacity: 10 });
        const userId = account();
        const swept = makeRegistration(event, { userId, holdExpiresAt: at(15) });
        await store.placeRegistration(swept, [], [], T0);
        await store.expireHolds(at(15), 1000);
        expect((await store.getRegistration(swept.id))?.status).toBe('expired');
        expect((await store.placeRegistration(makeRegistration(event, { userId, holdExpiresAt: at(30) }), [], [], at(16))).ok).toBe(true);
      });

      it('a free (confirmed) registration is placed beside a live hold', async () => {
        const event = await published({ capacity: 10 });
        const userId = account();
        await store.placeRegistration(makeRegistration(event, { userId }), [], [], T0);
        expect((await store.placeRegistration(makeRegistration(event, { userId, status: 'confirmed' }), [], [], T0)).ok).toBe(true);
      });
    });

    describe("limits: an account's tickets per event (maxTicketsPerAccount)", () => {
      const typeOf = (event: { ticketTypes: { id: string }[] }) => event.ticketTypes[0]!.id;

      it("refuses a placement past the event's tickets per account, saying the limit and what the account holds", async () => {
        const event = await published({ capacity: 50, maxTicketsPerAccount: 5 });
        const userId = account();
        expect((await store.placeRegistration(makeRegistration(event, { userId, status: 'confirmed', quantity: 3 }), [], [], T0)).ok).toBe(true);
        expect(await store.placeRegistration(makeRegistration(event, { userId, quantity: 3 }), [], [], T0)).toEqual({ ok: false, reason: 'account_limit', maxTicketsPerAccount: 5, held: 3 });
        expect((await store.placeRegistration(makeRegistration(event, { userId, quantity: 2 }), [], [], T0)).ok).toBe(true);
        expect(await store.placeRegistration(makeRegistration(event, { userId, status: 'confirmed' }), [], [], T0)).toEqual({ ok: false, reason: 'account_limit', maxTicketsPerAccount: 5, held: 5 });
        expect(await store.placeRegistration(makeRegistration(event, { userId: account(), quantity: 6 }), [], [], T0)).toEqual({ ok: false, reason: 'account_limit', maxTicketsPerAccount: 5, held: 0 });
        expect((await store.placeRegistration(makeRegistration(event, { userId: account(), quantity: 5 }), [], [], T0)).ok).toBe(true);
        expect((await store.getEvent(event.id))!.counts[typeOf(event)]).toEqual({ sold: 3, held: 7 });
      });

      it('checks the live hold before the limit, and the limit before the room', async () => {
        const event = await published({ capacity: 4, maxTicketsPerAccount: 3 });
        const userId = account();
        const hold = makeRegistration(event, { userId, quantity: 1 });
        expect((await store.placeRegistration(hold, [], [], T0)).ok).toBe(true);
        expect(await store.placeRegistration(makeRegistration(event, { userId, quantity: 5 }), [], [], T0)).toEqual({ ok: false, reason: 'hold_exists', registrationId: hold.id });
        expect((await store.placeRegistration(makeRegistration(event, { userId: account(), status: 'confirmed', quantity: 3 }), [], [], T0)).ok).toBe(true);
        expect(await store.placeRegistration(makeRegistration(event, { userId, status: 'confirmed', quantity: 3 }), [], [], T0)).toEqual({ ok: false, reason: 'account_limit', maxTicketsPerAccount: 3, held: 1 });
        expect(await store.placeRegistration(makeRegistration(event, { userId, status: 'confirmed', quantity: 2 }), [], [], T0)).toEqual({ ok: false, reason: 'sold_out', spotsRemaining: 0 });
      });

      it('an account at its limit on a sold-out event is told account_limit, by either store, whatever the order size', async () => {
        const event = await published({ capacity: 3, maxTicketsPerAccount: 2 });
        const userId = account();
        expect((await store.placeRegistration(makeRegistration(event, { userId, status: 'confirmed', quantity: 2 }), [], [], T0)).ok).toBe(true);
        expect((await store.placeRegistration(makeRegistration(event, { userId: account(), status: 'confirmed', quantity: 1 }), [], [], T0)).ok).toBe(true);
        // Both the room and the account's limit refuse these: the limit is the reason.
        for (const quantity of [1, 2]) {
          expect(await store.placeRegistration(makeRegistration(event, { userId, status: 'confirmed', quantity }), [], [], T0)).toEqual({ ok: false, reason: 'account_limit', maxTicketsPerAccount: 2, held: 2 });
        }
        // Another account is refused by the room alone.
        expect(await store.placeRegistration(makeRegistration(event, { userId: account(), status: 'confirmed', quantity: 1 }), [], [], T0)).toEqual({ ok: false, reason: 'sold_out', spotsRemaining: 0 });
      });

      it("gives an account's tickets back when its registration is cancelled, refunded or its hold lapses", async () => {
        const event = await published({ capacity: 50, maxTicketsPerAccount: 4 });
        const userId = account();
        const free = makeRegistration(event, { userId, status: 'confirmed', quantity: 4 });
        expect((await store.placeRegistration(free, [], [], T0)).ok).toBe(true);
        expect(await store.transitionRegistration(free.id, ['confirmed'], 'cancelled', at(1), [])).toMatchObject({ status: 'cancelled' });
        const paid = makeRegistration(event, { userId, quantity: 4, holdExpiresAt: at(20) });
        expect((await store.placeRegistration(paid, [], [], at(2))).ok).toBe(true);
        expect((await store.confirmPayment(paid.id, makeIntent(paid, { status: 'succeeded' }), makeTickets(paid), [], at(3))).ok).toBe(true);
        expect(await store.placeRegistration(makeRegistration(event, { userId, status: 'confirmed' }), [], [], at(4))).toEqual({ ok: false, reason: 'account_limit', maxTicketsPerAccount: 4, held: 4 });
        expect(await store.transitionRegistration(paid.id, ['confirmed'], 'refunded', at(5), [])).toMatchObject({ status: 'refunded' });
        const lapsing = makeRegistration(event, { userId, quantity: 4, holdExpiresAt: at(21) });
        expect((await store.placeRegistration(lapsing, [], [], at(6))).ok).toBe(true);
        // No sweep ran: the placement itself lets the lapsed hold go.
        expect((await store.placeRegistration(makeRegistration(event, { userId, status: 'confirmed', quantity: 4 }), [], [], at(21))).ok).toBe(true);
        expect((await store.getRegistration(lapsing.id))?.status).toBe('expired');
      });

      it('of 50 concurrent placements by one account, exactly its limit of tickets is held and the rest are refused as account_limit', async () => {
        const event = await published({ capacity: 100, maxTicketsPerAccount: 10 });
        const userId = account();
        const other = h.openAnother ? await h.openAnother() : store;
        // Free orders, confirmed at once (one pending hold per account would stop paid ones first); a few of 2.
        const placing = Array.from({ length: 50 }, (_, i) => makeRegistration(event, { userId, status: 'confirmed', quantity: i % 5 === 0 ? 2 : 1 }));
        const results = await Promise.all(placing.map((r, i) => (i % 2 ? other : store).placeRegistration(r, [], [], T0)));
        const placedTickets = placing.filter((_, i) => results[i]!.ok).reduce((n, r) => n + r.quantity, 0);
        const refused = results.filter((r) => !r.ok);
        expect(refused.every((r) => !r.ok && r.reason === 'account_limit')).toBe(true);
        expect(placedTickets).toBeLessThanOrEqual(10);
        // Whatever the interleaving, a 1-ticket order is refused only when no room for 1 is left.
        expect(placedTickets === 10 || placing.every((r, i) => results[i]!.ok || r.quantity === 2)).toBe(true);
        expect((await store.getEvent(event.id))!.counts[typeOf(event)]).toEqual({ sold: placedTickets, held: 0 });
        expect(await store.placeRegistration(makeRegistration(event, { userId, status: 'confirmed' }), [], [], T0)).toMatchObject({ ok: false, reason: 'account_limit', maxTicketsPerAccount: 10 });
      });

      it('50 concurrent 1-ticket placements by one account: exactly 10 placed, 40 account_limit', async () => {
        const event = await published({ capacity: 100, maxTicketsPerAccount: 10 });
        const userId = account();
        const other = h.openAnother ? await h.openAnother() : store;
        const results = await Promise.all(
          Array.from({ length: 50 }, (_, i) => (i % 2 ? other : store).placeRegistration(makeRegistration(event, { userId, status: 'confirmed' }), [], [], T0)),
        );
        expect(results.filter((r) => r.ok)).toHaveLength(10);
        expect(results.filter((r) => !r.ok && r.reason === 'account_limit')).toHaveLength(40);
        expect((await store.getEvent(event.id))!.counts[typeOf(event)]).toEqual({ sold: 10, held: 0 });
      });

      it('lowering the limit below what an account holds cancels nothing, and refuses it more', async () => {
        const event = await published({ capacity: 50, maxTicketsPerAccount: 10 });
        const userId = account();
        const held = makeRegistration(event, { userId, status: 'confirmed', quantity: 6 });
        expect((await store.placeRegistration(held, [], [], T0)).ok).toBe(true);
        const lowered = await store.updateEvent(event.id, { maxTicketsPerAccount: 4, attendeeCancellationCutoffHours: null }, at(1));
        expect(lowered.ok && lowered.event).toMatchObject({ maxTicketsPerAccount: 4, attendeeCancellationCutoffHours: null });
        expect((await store.getRegistration(held.id))?.status).toBe('confirmed');
        expect(await store.placeRegistration(makeRegistration(event, { userId, status: 'confirmed' }), [], [], at(2))).toEqual({ ok: false, reason: 'account_limit', maxTicketsPerAccount: 4, held: 6 });
        expect((await store.placeRegistration(makeRegistration(event, { userId: account(), status: 'confirmed', quantity: 4 }), [], [], at(2))).ok).toBe(true);
      });
    });

    describe("limits: the attendee's cancellation window", () => {
      // makeEvent starts a week after T0; a 48-hour cutoff closes paid orders 5 days after T0.
      const cutoffAt = at(60 * 24 * 5);
      const justBefore = new Date(Date.parse(cutoffAt) - 1).toISOString();
      const guard = { noTicketUsed: true, withinCancellationWindow: true };
      const confirmedOrder = async (event: Awaited<ReturnType<typeof published>>, amountCents: number) => {
        const r = makeRegistration(event, { userId: account(), status: 'confirmed', quantity: 1, amountCents });
        expect((await store.placeRegistration(r, makeTickets(r), [], T0)).ok).toBe(true);
        return r;
      };

      it("refuses a guarded move of a paid order from the cutoff on, and allows it just before", async () => {
        const event = await published({ capacity: 10, attendeeCancellationCutoffHours: 48 });
        const early = await confirmedOrder(event, 1000);
        const late = await confirmedOrder(event, 1000);
        expect(await store.transitionRegistration(early.id, ['confirmed'], 'refunded', justBefore, [], guard)).toMatchObject({ status: 'refunded' });
        expect(await store.transitionRegistration(late.id, ['confirmed'], 'refunded', cutoffAt, [], guard)).toBeNull();
        expect((await store.getRegistration(late.id))?.status).toBe('confirmed');
        expect(totals((await store.getEvent(event.id))!)).toEqual({ sold: 1, held: 0 });
        // The event's own cancellation (unguarded) still refunds it.
        expect(await store.transitionRegistration(late.id, ['confirmed'], 'refunded', cutoffAt, [])).toMatchObject({ status: 'refunded' });
      });

      it('reads the event as it is at the move: a cutoff turned off refuses, a free order stays cancellable until the start', async () => {
        const event = await published({ capacity: 10, attendeeCancellationCutoffHours: 48 });
        const paid = await confirmedOrder(event, 1000);
        const free = await confirmedOrder(event, 0);
        expect((await store.updateEvent(event.id, { attendeeCancellationCutoffHours: null }, at(1))).ok).toBe(true);
        expect(await store.transitionRegistration(paid.id, ['confirmed'], 'refunded', at(2), [], guard)).toBeNull();
        expect(await store.transitionRegistration(free.id, ['confirmed'], 'cancelled', justBefore, [], guard)).toMatchObject({ status: 'cancelled' });
        const startsSoon = await published({ capacity: 10, attendeeCancellationCutoffHours: 48 });
        const freeAtStart = await confirmedOrder(startsSoon, 0);
        expect(await store.transitionRegistration(freeAtStart.id, ['confirmed'], 'cancelled', startsSoon.startsAt, [], guard)).toBeNull();
      });
    });

    describe('payments and cancellations', () => {
      it('confirmPayment moves held to sold and stores intent, tickets and jobs together', async () => {
        const event = await published({ capacity: 5 });
        const r = makeRegistration(event, { quantity: 2 });
        await store.placeRegistration(r, [], [], T0);
        const intent = makeIntent(r);
        expect(await store.openPaymentIntent(intent)).toEqual(intent);
        const processing = { ...intent, status: 'processing' as const, chargeKey: 'key-1', updatedAt: at(1) };
        expect(await store.updatePaymentIntent(processing, 'requires_payment_method')).toBe(true);
        expect(await store.updatePaymentIntent(processing, 'requires_payment_method')).toBe(false);
        expect((await store.listProcessingPaymentIntents(100)).map((i) => i.id)).toContain(intent.id);
        const tickets = makeTickets(r);
        const result = await store.confirmPayment(r.id, { ...processing, status: 'succeeded' }, tickets, newJobs(randomIds, [{ kind: 'send_ticket_mail', registrationId: r.id }]), at(2));
        expect(result.ok && result.registration).toMatchObject({ status: 'confirmed', holdExpiresAt: null });
        expect(await store.getPaymentIntent(intent.id)).toMatchObject({ status: 'succeeded', chargeKey: 'key-1' });
        expect(await store.listTicketsByRegistration(r.id)).toHaveLength(2);
        expect((await store.getEvent(event.id))!.counts[event.ticketTypes[0]!.id]).toEqual({ sold: 2, held: 0 });
        expect((await store.listPaymentIntentsByRegistration(r.id)).map((i) => i.id)).toEqual([intent.id]);
        const again = await store.confirmPayment(r.id, { ...processing, status: 'succeeded' }, makeTickets(r), [], at(3));
        expect(again.ok).toBe(false);
        expect(await store.listTicketsByRegistration(r.id)).toHaveLength(2);
      });

      it('of 40 concurrent payment intents opened for one registration, one is stored and all 40 answers name it', async () => {
        const event = await published({ capacity: 5 });
        const r = makeRegistration(event, { quantity: 2 });
        await store.placeRegistration(r, [], [], T0);
        const offered = Array.from({ length: 40 }, () => makeIntent(r));
        const answers = await Promise.all(offered.map((intent) => store.openPaymentIntent(intent)));
        const stored = await store.listPaymentIntentsByRegistration(r.id);
        expect(stored).toHaveLength(1);
        expect(new Set(answers.map((a) => a.id))).toEqual(new Set([stored[0]!.id]));
        expect(offered.map((o) => o.id)).toContain(stored[0]!.id);
        expect(await store.openPaymentIntent(makeIntent(r))).toEqual(stored[0]);
      });

      it('confirmPayment after the hold expired is refused and issues nothing', async () => {
        const event = await published({ capacity: 5 });
        const r = makeRegistration(event, { holdExpiresAt: at(15) });
        await store.placeRegistration(r, [], [], T0);
        const result = await store.confirmPayment(r.id, makeIntent(r, { status: 'succeeded' }), makeTickets(r), [], at(15));
        expect(result).toMatchObject({ ok: false, reason: 'not_pending' });
        expect(await store.listTicketsByRegistration(r.id)).toEqual([]);
      });

      it('a cancelled registration releases its spots and cancels its tickets', async () => {
        const event = await published({ capacity: 3 });
        const r = makeRegistration(event, { status: 'confirmed', quantity: 3 });
        await store.placeRegistration(r, makeTickets(r), [], T0);
        expect(await store.transitionRegistration(r.id, ['pending_payment'], 'cancelled', at(1), [])).toBeNull();
        const refunded = await store.transitionRegistration(r.id, ['confirmed'], 'refunded', at(1), newJobs(randomIds, [{ kind: 'refund_registration', registrationId: r.id }]));
        expect(refunded).toMatchObject({ status: 'refunded' });
        expect((await store.listTicketsByRegistration(r.id)).every((t) => t.status === 'cancelled')).toBe(true);
        expect(spotsRemaining((await store.getEvent(event.id))!)).toBe(3);
        const held = makeRegistration(event, { quantity: 3 });
        await store.placeRegistration(held, [], [], at(2));
        await store.transitionRegistration(held.id, ['pending_payment'], 'cancelled', at(3), []);
        expect(spotsRemaining((await store.getEvent(event.id))!)).toBe(3);
      });
    });

    describe('the door: a ticket admits once', () => {
      const setup = async () => {
        const event = await published({ capacity: 5 });
        const r = makeRegistration(event, { status: 'confirmed', quantity: 2 });
        const tickets = makeTickets(r);
        await store.placeRegistration(r, tickets, [], T0);
        return { event, r, tickets };
      };
      let n = 0;
      const scan = (eventId: string, ticketId: string | null, nonce: string | null = null, presetResult: 'invalid' | 'wrong_event' | null = null) =>
        store.checkIn({ id: `chk_${Date.now()}_${n++}`, eventId, ticketId, presetResult, nonce, at: at(5), by: 'usr_organizer' });

      it('20 concurrent check-ins of one ticket admit exactly one', async () => {
        const { event, tickets } = await setup();
        const other = h.openAnother ? await h.openAnother() : store;
        const results = await Promise.all(
          Array.from({ length: 20 }, (_, i) =>
            (i % 2 ? other : store).checkIn({ id: `chk_c${i}_${Math.random()}`, eventId: event.id, ticketId: tickets[0]!.id, presetResult: null, nonce: null, at: at(5), by: 'u' }),
          ),
        );
        expect(results.filter((r) => r.result === 'admitted')).toHaveLength(1);
        expect(results.filter((r) => r.result === 'already_used')).toHaveLength(19);
        expect(await store.getTicket(tickets[0]!.id)).toMatchObject({ status: 'used', checkedInAt: at(5) });
        expect((await store.eventStats(event.id)).checkedIn).toBe(1);
      });

      it('a repeated nonce returns the first answer; a new nonce is a new scan', async () => {
        const { event, tickets } = await setup();
        expect((await scan(event.id, tickets[0]!.id, 'n1')).result).toBe('admitted');
        expect((await scan(event.id, tickets[0]!.id, 'n1')).result).toBe('admitted');
        expect((await scan(event.id, tickets[0]!.id, 'n2')).result).toBe('already_used');
        expect((await store.listCheckIns(event.id, 10)).length).toBe(2);
      });

      it("another event's ticket is wrong_event, a cancelled one cancelled, an unknown one invalid", async () => {
        const { event, tickets, r } = await setup();
        const other = await setup();
        expect((await scan(other.event.id, tickets[0]!.id)).result).toBe('wrong_event');
        expect((await scan(event.id, 'tkt_unknown')).result).toBe('invalid');
        expect((await scan(event.id, null, null, 'invalid')).result).toBe('invalid');
        await store.transitionRegistration(r.id, ['confirmed'], 'cancelled', at(6), []);
        expect((await scan(event.id, tickets[1]!.id)).result).toBe('cancelled');
        expect((await store.getTicket(tickets[1]!.id))?.status).toBe('cancelled');
      });

      it('a move guarded by noTicketUsed is refused once a ticket was admitted, and allowed before', async () => {
        const admitted = await setup();
        expect((await scan(admitted.event.id, admitted.tickets[0]!.id)).result).toBe('admitted');
        expect(await store.transitionRegistration(admitted.r.id, ['confirmed'], 'cancelled', at(6), [], { noTicketUsed: true })).toBeNull();
        expect((await store.getRegistration(admitted.r.id))?.status).toBe('confirmed');
        const unused = await setup();
        expect(await store.transitionRegistration(unused.r.id, ['confirmed'], 'cancelled', at(6), [], { noTicketUsed: true })).toMatchObject({ status: 'cancelled' });
      });

      it('of a scan and a guarded cancel racing on each of 10 orders, never both win', async () => {
        const orders = await Promise.all(Array.from({ length: 10 }, () => setup()));
        const other = h.openAnother ? await h.openAnother() : store;
        const outcomes = await Promise.all(
          orders.map(async ({ event, r, tickets }, i) => {
            const [scanned, moved] = await Promise.all([
              (i % 2 ? other : store).checkIn({ id: `chk_r${i}_${Math.random()}`, eventId: event.id, ticketId: tickets[0]!.id, presetResult: null, nonce: null, at: at(5), by: 'u' }),
              (i % 2 ? store : other).transitionRegistration(r.id, ['confirmed'], 'cancelled', at(5), [], { noTicketUsed: true }),
            ]);
            return { admitted: scanned.result === 'admitted', cancelled: moved !== null };
          }),
        );
        for (const o of outcomes) expect(o.admitted !== o.cancelled).toBe(true);
      });

      it('lists a holder\'s tickets newest first', async () => {
        const { tickets } = await setup();
        const page = await store.listTicketsByUser('usr_attendee', 500);
        for (const t of tickets) expect(page.items.map((x) => x.id)).toContain(t.id);
      });
    });

    describe('stats', () => {
      it('counts registrations, confirmed revenue, check-ins and a per-day timeline', async () => {
        const event = await published({ capacity: 10 });
        const a = makeRegistration(event, { status: 'confirmed', quantity: 2, amountCents: 2000, createdAt: '2030-01-01T09:00:00.000Z' });
        const b = makeRegistration(event, { status: 'confirmed', quantity: 1, amountCents: 1000, createdAt: '2030-01-02T09:00:00.000Z' });
        const c = makeRegistration(event, { quantity: 1 });
        const ta = makeTickets(a);
        await store.placeRegistration(a, ta, [], T0);
        await store.placeRegistration(b, makeTickets(b), [], T0);
        await store.placeRegistration(c, [], [], T0);
        await store.checkIn({ id: `chk_s_${Math.random()}`, eventId: event.id, ticketId: ta[0]!.id, presetResult: null, nonce: null, at: at(1), by: 'u' });
        expect(await store.eventStats(event.id)).toEqual({
          registrations: 3, confirmed: 2, sold: 3, held: 1, revenueCents: 3000, checkedIn: 1,
          timeline: [{ date: '2030-01-01', registrations: 1, revenueCents: 2000 }, { date: '2030-01-02', registrations: 1, revenueCents: 1000 }],
        });
        const registrants = await store.listRegistrantsByEvent(event.id, 10);
        expect(registrants.items.find((x) => x.registration.id === a.id)?.checkedIn).toBe(1);
      });
    });

    describe('idempotency keys', () => {
      const LEASE_MS = 60_000;
      const TIMES = { leaseMs: LEASE_MS, retentionMs: 24 * 3_600_000 };
      /** T0 plus `seconds`, for lease arithmetic finer than `at`'s minutes. */
      const secondsAfterT0 = (seconds: number) => new Date(Date.parse(T0) + seconds * 1000).toISOString();

      it('forgets a key after its retention: it starts afresh, with any body', async () => {
        const scope = `usr_x|register|${Math.random()}`;
        const hoursAfterT0 = (hours: number) => new Date(Date.parse(T0) + hours * 3_600_000).toISOString();
        expect(await store.beginIdempotent(scope, 'h1', T0, TIMES)).toEqual({ state: 'started' });
        await store.completeIdempotent(scope, 201, '{"id":"reg_kept"}');
        expect(await store.beginIdempotent(scope, 'h2', hoursAfterT0(23.9), TIMES)).toEqual({ state: 'mismatch' });
        expect(await store.beginIdempotent(scope, 'h1', hoursAfterT0(23.9), TIMES)).toEqual({ state: 'replay', status: 201, body: '{"id":"reg_kept"}' });
        expect(await store.beginIdempotent(scope, 'h2', hoursAfterT0(24), TIMES)).toEqual({ state: 'started' });
        expect(await store.beginIdempotent(scope, 'h2', hoursAfterT0(24), TIMES)).toEqual({ state: 'in_progress' });
        // An abandoned-in-progress key past its retention starts afresh too, for one of many callers.
        const stuck = `usr_x|confirm|${Math.random()}`;
        await store.beginIdempotent(stuck, 'h', T0, TIMES);
        const results = await Promise.all(Array.from({ length: 10 }, () => store.beginIdempotent(stuck, 'h', hoursAfterT0(25), TIMES)));
        expect(results.filter((r) => r.state === 'started')).toHaveLength(1);
        expect(results.filter((r) => r.state === 'in_progress')).toHaveLength(9);
      });

      it('begin -> started, then in_progress, replay after complete, mismatch for another body, and abandon forgets', async () => {
        const scope = `usr_x|register|${Math.random()}`;
        expect(await store.beginIdempotent(scope, 'h1', T0, TIMES)).toEqual({ state: 'started' });
        expect(await store.beginIdempotent(scope, 'h1', T0, TIMES)).toEqual({ state: 'in_progress' });
        await store.completeIdempotent(scope, 201, '{"id":"reg_1"}');
        expect(await store.beginIdempotent(scope, 'h1', T0, TIMES)).toEqual({ state: 'replay', status: 201, body: '{"id":"reg_1"}' });
        expect(await store.beginIdempotent(scope, 'h2', T0, TIMES)).toEqual({ state: 'mismatch' });
        const other = `${scope}-2`;
        await store.beginIdempotent(other, 'h1', T0, TIMES);
        await store.abandonIdempotent(other);
        expect(await store.beginIdempotent(other, 'h1', T0, TIMES)).toEqual({ state: 'started' });
      });

      it('concurrent begins of one key: exactly one starts', async () => {
        const scope = `usr_y|confirm|${Math.random()}`;
        const results = await Promise.all(Array.from({ length: 10 }, () => store.beginIdempotent(scope, 'h', T0, TIMES)));
        expect(results.filter((r) => r.state === 'started')).toHaveLength(1);
      });

      it('a key left in progress past its lease is taken over once, and the taker gets a fresh lease', async () => {
        const scope = `usr_z|register|${Math.random()}`;
        await store.beginIdempotent(scope, 'h', T0, TIMES);
        expect(await store.beginIdempotent(scope, 'h', secondsAfterT0(59), TIMES)).toEqual({ state: 'in_progress' });
        expect(await store.beginIdempotent(scope, 'h', secondsAfterT0(61), TIMES)).toEqual({ state: 'stale' });
        expect(await store.beginIdempotent(scope, 'h', secondsAfterT0(62), TIMES)).toEqual({ state: 'in_progress' });
        expect(await store.beginIdempotent(scope, 'h', secondsAfterT0(122), TIMES)).toEqual({ state: 'stale' });
        await store.completeIdempotent(scope, 201, '{"id":"reg_2"}');
        expect(await store.beginIdempotent(scope, 'h', secondsAfterT0(500), TIMES)).toEqual({ state: 'replay', status: 201, body: '{"id":"reg_2"}' });
      });

      it('a different body is still a mismatch after the lease, and takes nothing over', async () => {
        const scope = `usr_z|register|${Math.random()}`;
        await store.beginIdempotent(scope, 'h1', T0, TIMES);
        expect(await store.beginIdempotent(scope, 'h2', secondsAfterT0(61), TIMES)).toEqual({ state: 'mismatch' });
        expect(await store.beginIdempotent(scope, 'h1', secondsAfterT0(61), TIMES)).toEqual({ state: 'stale' });
      });

      it('concurrent retries after the lease: exactly one takes the key over', async () => {
        const scope = `usr_z|confirm|${Math.random()}`;
        await store.beginIdempotent(scope, 'h', T0, TIMES);
        const other = h.openAnother ? await h.openAnother() : store;
        const results = await Promise.all(
          Array.from({ length: 10 }, (_, i) => (i % 2 ? other : store).beginIdempotent(scope, 'h', secondsAfterT0(61), TIMES)),
        );
        expect(results.filter((r) => r.state === 'stale')).toHaveLength(1);
        expect(results.filter((r) => r.state === 'in_progress')).toHaveLength(9);
      });
    });

    describe('request keys: a request places at most one registration', () => {
      it('finds the registration placed under a request key, and nothing under another', async () => {
        const event = await published({ capacity: 5 });
        const requestKey = `usr_attendee|register|${Math.random()}`;
        const r = makeRegistration(event, { status: 'confirmed', amountCents: 0 });
        expect(await store.placeRegistration(r, makeTickets(r), [], T0, requestKey)).toEqual({ ok: true });
        expect(await store.findRegistrationByRequestKey(requestKey)).toEqual(r);
        expect(await store.findRegistrationByRequestKey(`${requestKey}-other`)).toBeNull();
        expect(await store.getRegistration(r.id)).toEqual(r);
      });

      it('refuses a second registration under the same request key, placing nothing of it', async () => {
        const event = await published({ capacity: 5 });
        const requestKey = `usr_attendee|register|${Math.random()}`;
        const first = makeRegistration(event, { quantity: 2 });
        expect(await store.placeRegistration(first, [], [], T0, requestKey)).toEqual({ ok: true });
        const second = makeRegistration(event, { status: 'confirmed', quantity: 2 });
        const secondTickets = makeTickets(second);
        expect(await store.placeRegistration(second, secondTickets, newJobs(randomIds, [{ kind: 'send_ticket_mail', registrationId: second.id }]), T0, requestKey)).toEqual({
          ok: false,
          reason: 'request_key_taken',
          registrationId: first.id,
        });
        expect(await store.getRegistration(second.id)).toBeNull();
        expect(await store.getTicket(secondTickets[0]!.id)).toBeNull();
        expect((await store.getEvent(event.id))!.counts[event.ticketTypes[0]!.id]).toEqual({ sold: 0, held: 2 });
        expect(await store.findRegistrationByRequestKey(requestKey)).toMatchObject({ id: first.id });
      });

      it('concurrent placements under one request key: exactly one is placed', async () => {
        const event = await published({ capacity: 50 });
        const requestKey = `usr_attendee|register|${Math.random()}`;
        const other = h.openAnother ? await h.openAnother() : store;
        const attempts = Array.from({ length: 6 }, () => makeRegistration(event));
        const results = await Promise.all(attempts.map((r, i) => (i % 2 ? other : store).placeRegistration(r, [], [], T0, requestKey)));
        expect(results.filter((r) => r.ok)).toHaveLength(1);
        const placed = attempts[results.findIndex((r) => r.ok)]!;
        expect(results.filter((r) => !r.ok)).toEqual(Array.from({ length: 5 }, () => ({ ok: false, reason: 'request_key_taken', registrationId: placed.id })));
        expect(totals((await store.getEvent(event.id))!)).toEqual({ sold: 0, held: 1 });
      });

      it('registrations without a request key are not limited by it', async () => {
        const event = await published({ capacity: 5 });
        expect((await store.placeRegistration(makeRegistration(event, { userId: account() }), [], [], T0)).ok).toBe(true);
        expect((await store.placeRegistration(makeRegistration(event, { userId: account() }), [], [], T0)).ok).toBe(true);
      });
    });

    describe('outbox jobs', () => {
      it('a job is leased once until its lease expires, retried later, and gone when completed', async () => {
        // Drain what earlier tests left so this one sees only its own job.
        for (const j of await store.claimJobs(at(100000), 1000, 1)) await store.completeJob(j.id);
        await store.enqueueJobs(newJobs(randomIds, [{ kind: 'refund_registration', registrationId: 'reg_job' }]), at(200000));
        const [job] = await store.claimJobs(at(200000), 10, 60_000);
        expect(job).toMatchObject({ payload: { kind: 'refund_registration', registrationId: 'reg_job' }, attempts: 1 });
        expect(await store.claimJobs(at(200000), 10, 60_000)).toEqual([]);
        const again = await store.claimJobs(at(200002), 10, 60_000);
        expect(again.map((j) => j.id)).toEqual([job!.id]);
        await store.retryJob(job!.id, at(200010), 'smtp down');
        expect(await store.claimJobs(at(200005), 10, 60_000)).toEqual([]);
        const retried = await store.claimJobs(at(200010), 10, 60_000);
        expect(retried[0]).toMatchObject({ id: job!.id, attempts: 3, lastError: 'smtp down' });
        await store.completeJob(job!.id);
        expect(await store.claimJobs(at(300000), 10, 60_000)).toEqual([]);
      });

      it('a failed job is never claimed again and is listed under its event, most recent first', async () => {
        for (const j of await store.claimJobs(at(400000), 1000, 1)) await store.completeJob(j.id);
        const eventId = randomIds.newId('evt');
        const [first, second, unrelated] = newJobs(randomIds, [
          { kind: 'send_ticket_mail', registrationId: 'reg_failing_1' },
          { kind: 'send_ticket_mail', registrationId: 'reg_failing_2' },
          { kind: 'refund_registration', registrationId: 'reg_failing_3' },
        ]);
        await store.enqueueJobs([first!, second!, unrelated!], at(400001));
        expect((await store.claimJobs(at(400001), 10, 60_000)).map((j) => j.id).sort()).toEqual([first!.id, second!.id, unrelated!.id].sort());
        await store.failJob(first!.id, 'mailbox full', at(400002), eventId);
        await store.failJob(second!.id, 'smtp down', at(400003), eventId);
        await store.failJob(unrelated!.id, 'no event', at(400003), null);

        expect(await store.claimJobs(at(500000), 10, 60_000)).toEqual([]);
        expect(await store.claimJobsById([first!.id, second!.id, unrelated!.id], at(500000), 60_000)).toEqual([]);
        const failed = await store.listFailedJobs(eventId, 10);
        expect(failed).toEqual([
          { id: second!.id, payload: second!.payload, attempts: 1, lastError: 'smtp down', failedAt: at(400003), eventId },
          { id: first!.id, payload: first!.payload, attempts: 1, lastError: 'mailbox full', failedAt: at(400002), eventId },
        ]);
        expect(await store.listFailedJobs(eventId, 1)).toEqual([failed[0]]);
        expect(await store.listFailedJobs(randomIds.newId('evt'), 10)).toEqual([]);
      });

      it('keeps a password reset mail job, which concerns no event, as enqueued, and lists it under no event when it fails', async () => {
        for (const j of await store.claimJobs(at(700000), 1000, 1)) await store.completeJob(j.id);
        const [reset] = newJobs(randomIds, [{ kind: 'send_password_reset_mail', email: 'ada@example.test' }]);
        await store.enqueueJobs([reset!], at(700001));
        expect(await store.claimJobsById([reset!.id], at(700001), 60_000)).toMatchObject([{ id: reset!.id, payload: { kind: 'send_password_reset_mail', email: 'ada@example.test' }, attempts: 1 }]);
        await store.retryJob(reset!.id, at(700010), 'smtp down');
        expect(await store.claimJobs(at(700010), 10, 60_000)).toMatchObject([{ id: reset!.id, payload: reset!.payload, attempts: 2, lastError: 'smtp down' }]);
        await store.failJob(reset!.id, 'smtp down', at(700011), null);
        expect(await store.claimJobs(at(800000), 10, 60_000)).toEqual([]);
      });

      it('claims by id only the jobs asked for that are due and not leased', async () => {
        for (const j of await store.claimJobs(at(600000), 1000, 1)) await store.completeJob(j.id);
        const [mine, later, others] = newJobs(randomIds, [
          { kind: 'send_ticket_mail', registrationId: 'reg_mine' },
          { kind: 'send_ticket_mail', registrationId: 'reg_later' },
          { kind: 'send_ticket_mail', registrationId: 'reg_others' },
        ]);
        await store.enqueueJobs([mine!, others!], at(600001));
        await store.enqueueJobs([later!], at(600002));
        const claimed = await store.claimJobsById([mine!.id, later!.id, 'job_missing'], at(600001), 60_000);
        expect(claimed).toMatchObject([{ id: mine!.id, payload: mine!.payload, attempts: 1 }]);
        expect(await store.claimJobsById([mine!.id], at(600001), 60_000)).toEqual([]);
        expect((await store.claimJobs(at(600001), 10, 60_000)).map((j) => j.id)).toEqual([others!.id]);
        expect(await store.claimJobsById([], at(600001), 60_000)).toEqual([]);
      });
    });

    describe('invariants under random interleavings (fast-check)', () => {
      it('sold + held never exceed capacity, and the counters always match the registrations', async () => {
        const op = fc.oneof(
          fc.record({ kind: fc.constant('place' as const), quantity: fc.integer({ min: 1, max: 4 }), paid: fc.boolean() }),
          fc.record({ kind: fc.constant('confirm' as const), pick: fc.nat() }),
          fc.record({ kind: fc.constant('cancel' as const), pick: fc.nat() }),
          fc.record({ kind: fc.constant('advance' as const), minutes: fc.integer({ min: 1, max: 20 }) }),
        );
        await fc.assert(
          fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 25 }), async (ops) => {
            const event = await published({ capacity: 8 });
            const typeId = event.ticketTypes[0]!.id;
            const ids: string[] = [];
            let minute = 0;
            for (const o of ops) {
              const now = at(minute);
              if (o.kind === 'place') {
                const r = makeRegistration(event, { quantity: o.quantity, status: o.paid ? 'pending_payment' : 'confirmed', holdExpiresAt: o.paid ? at(minute + 15) : null, createdAt: now });
                if ((await store.placeRegistration(r, [], [], now)).ok) ids.push(r.id);
              } else if (o.kind === 'confirm' && ids.length) {
                const r = (await store.getRegistration(ids[o.pick % ids.length]!))!;
                await store.confirmPayment(r.id, makeIntent(r, { status: 'succeeded' }), [], [], now);
              } else if (o.kind === 'cancel' && ids.length) {
                await store.transitionRegistration(ids[o.pick % ids.length]!, ['pending_payment', 'confirmed'], 'cancelled', now, []);
              } else if (o.kind === 'advance') {
                minute += o.minutes;
                await store.expireHolds(at(minute), 1000);
              }
              const loaded = (await store.getEvent(event.id))!;
              const counts = loaded.counts[typeId]!;
              expect(counts.sold + counts.held).toBeLessThanOrEqual(8);
              const regs = await Promise.all(ids.map((id) => store.getRegistration(id)));
              const sold = regs.filter((r) => r?.status === 'confirmed').reduce((n, r) => n + r!.quantity, 0);
              const held = regs.filter((r) => r?.status === 'pending_payment').reduce((n, r) => n + r!.quantity, 0);
              expect(counts).toEqual({ sold, held });
            }
          }),
          { numRuns: 40 },
        );
      });
    });
  });
}
