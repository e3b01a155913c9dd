import { describe, expect, it } from 'vitest';
import { newJobs, randomIds, spotsRemaining, totals, type OrderRefund, type Registration, type Store, type StoredEvent } from '@ticketbooth/core';
import { T0, at, makeEvent, makeRegistration, makeTickets } from '@ticketbooth/testkit';
import type { StoreHarness } from './contract.js';

/** The organizer's order tools in the store: tickets refunded one by one, renames, the event's orders. */
export function describeOrderContract(harness: () => StoreHarness): void {
  const store = (): Store => harness().store;
  const another = async (): Promise<Store> => (harness().openAnother ? harness().openAnother!() : store());

  const paidOrder = async (quantity: number, overrides: Partial<StoredEvent> = {}) => {
    const event = makeEvent({ capacity: 10, ...overrides });
    await store().insertEvent(event);
    const r = makeRegistration(event, { status: 'confirmed', quantity, userId: randomIds.newId('usr') });
    const tickets = makeTickets(r);
    expect(await store().placeRegistration(r, tickets, [], T0)).toEqual({ ok: true });
    return { event, r, tickets };
  };
  const refundOf = (r: Registration, ticketIds: string[], amountCents: number, extra: Partial<OrderRefund> = {}): OrderRefund => ({
    id: randomIds.newId('rfd'), registrationId: r.id, eventId: r.eventId, ticketIds, amountCents, currency: r.currency,
    reason: 'Double booking', by: 'organizer', byUserId: 'usr_organizer', at: at(5), ...extra,
  });

  describe('order tools', () => {
    it('places the tickets a builder makes, as it places a list', async () => {
      const event = makeEvent({ capacity: 10 });
      await store().insertEvent(event);
      const r = makeRegistration(event, { status: 'confirmed', quantity: 2, userId: randomIds.newId('usr') });
      const tickets = makeTickets(r);
      expect(await store().placeRegistration(r, () => tickets, [], T0)).toEqual({ ok: true });
      expect((await store().listTicketsByRegistration(r.id)).map((t) => t.id)).toEqual(tickets.map((t) => t.id));
    });

    it('refunds one ticket of three: that ticket cancelled, one spot back, the order confirmed with two, the refund kept with its job', async () => {
      const { event, r, tickets } = await paidOrder(3);
      const refund = refundOf(r, [tickets[1]!.id], 1000);
      const jobs = newJobs(randomIds, [{ kind: 'refund_tickets', registrationId: r.id, refundId: refund.id, amountCents: 1000 }]);
      const result = await store().refundTickets(refund, jobs);
      expect(result).toMatchObject({ ok: true, registration: { status: 'confirmed', quantity: 2 } });
      expect((await store().getRegistration(r.id))!.lines[0]!.quantity).toBe(2);
      expect((await store().listTicketsByRegistration(r.id)).map((t) => t.status)).toEqual(['valid', 'cancelled', 'valid']);
      const after = (await store().getEvent(event.id))!;
      expect(totals(after).sold).toBe(2);
      expect(spotsRemaining(after)).toBe(8);
      expect(await store().listOrderRefunds(r.id)).toEqual([refund]);
      expect(await store().refundedCents(r.id)).toBe(1000);
      const claimed = await store().claimJobsById(jobs.map((j) => j.id), at(6), 60_000);
      expect(claimed.map((j) => j.payload)).toEqual([jobs[0]!.payload]);
      expect((await store().eventStats(event.id)).revenueCents).toBe(2000);
    });

    it('50 concurrent refunds of the same ticket refund it once', async () => {
      const { event, r, tickets } = await paidOrder(3);
      const other = await another();
      const results = await Promise.all(
        Array.from({ length: 50 }, (_, i) => (i % 2 ? other : store()).refundTickets(refundOf(r, [tickets[0]!.id], 1000), [])),
      );
      expect(results.filter((x) => x.ok)).toHaveLength(1);
      expect(results.filter((x) => !x.ok).every((x) => !x.ok && x.reason === 'ticket_cancelled')).toBe(true);
      expect(await store().listOrderRefunds(r.id)).toHaveLength(1);
      expect(await store().refundedCents(r.id)).toBe(1000);
      expect(totals((await store().getEvent(event.id))!).sold).toBe(2);
    });

    it('concurrent refunds of different tickets of one order all land, and the last ends the order refunded with every spot back', async () => {
      const { event, r, tickets } = await paidOrder(3);
      const results = await Promise.all(tickets.map((t) => store().refundTickets(refundOf(r, [t.id], 1000), [])));
      expect(results.every((x) => x.ok)).toBe(true);
      expect(await store().getRegistration(r.id)).toMatchObject({ status: 'refunded', quantity: 0 });
      expect(await store().refundedCents(r.id)).toBe(3000);
      expect(await store().listOrderRefunds(r.id)).toHaveLength(3);
      expect(totals((await store().getEvent(event.id))!).sold).toBe(0);
      // Cancelling what is left releases nothing twice.
      expect(await store().transitionRegistration(r.id, ['confirmed'], 'refunded', at(9), [])).toBeNull();
      expect(totals((await store().getEvent(event.id))!).sold).toBe(0);
    });

    it('a partly refunded order cancelled later gives back only the spots it still held', async () => {
      const { event, r, tickets } = await paidOrder(3);
      expect((await store().refundTickets(refundOf(r, [tickets[0]!.id], 1000), [])).ok).toBe(true);
      expect(await store().transitionRegistration(r.id, ['confirmed'], 'refunded', at(9), [])).toMatchObject({ status: 'refunded' });
      expect(totals((await store().getEvent(event.id))!).sold).toBe(0);
      expect(spotsRemaining((await store().getEvent(event.id))!)).toBe(10);
    });

    it('refuses an admitted ticket, a stranger, and an order not confirmed, changing nothing', async () => {
      const { event, r, tickets } = await paidOrder(2);
      await store().checkIn({ id: randomIds.newId('chk'), eventId: event.id, ticketId: tickets[0]!.id, presetResult: null, nonce: null, at: at(2), by: 'u' });
      expect(await store().refundTickets(refundOf(r, [tickets[0]!.id], 1000), [])).toEqual({ ok: false, reason: 'ticket_used' });
      expect(await store().refundTickets(refundOf(r, ['tkt_stranger'], 1000), [])).toEqual({ ok: false, reason: 'unknown_ticket' });
      const held = makeRegistration(event, { userId: randomIds.newId('usr') });
      await store().placeRegistration(held, [], [], T0);
      expect(await store().refundTickets(refundOf(held, ['tkt_none'], 0), [])).toEqual({ ok: false, reason: 'order_not_confirmed' });
      expect(await store().refundTickets(refundOf({ ...held, id: 'reg_missing' }, ['tkt_none'], 0), [])).toEqual({ ok: false, reason: 'not_found' });
      expect(await store().listOrderRefunds(r.id)).toEqual([]);
      expect(totals((await store().getEvent(event.id))!).sold).toBe(2);
    });

    it("refuses an attendee's refund once the event's cancellation window closed", async () => {
      const { r, tickets } = await paidOrder(2, { startsAt: at(60), endsAt: at(120), attendeeCancellationCutoffHours: 48 });
      const refund = refundOf(r, [tickets[0]!.id], 1000, { by: 'attendee' });
      expect(await store().refundTickets(refund, [], { withinCancellationWindow: true })).toEqual({ ok: false, reason: 'cancellation_closed' });
      expect((await store().refundTickets(refund, [])).ok).toBe(true);
    });

    it('renames a valid ticket with a new PDF version, keeps its QR, and refuses an admitted one', async () => {
      const { event, tickets } = await paidOrder(2);
      const renamed = await store().renameTicket(tickets[0]!.id, 'Grace Hopper', at(3));
      expect(renamed).toEqual({ ok: true, ticket: { ...tickets[0]!, attendeeName: 'Grace Hopper', pdfVersion: 1 } });
      expect((await store().renameTicket(tickets[0]!.id, 'Grace B. Hopper', at(4))).ok && (await store().getTicket(tickets[0]!.id))!.pdfVersion).toBe(2);
      await store().checkIn({ id: randomIds.newId('chk'), eventId: event.id, ticketId: tickets[1]!.id, presetResult: null, nonce: null, at: at(2), by: 'u' });
      expect(await store().renameTicket(tickets[1]!.id, 'Late Change', at(5))).toEqual({ ok: false, reason: 'ticket_used' });
      expect(await store().renameTicket('tkt_missing', 'Nobody', at(5))).toEqual({ ok: false, reason: 'not_found' });
      expect((await store().getTicket(tickets[1]!.id))!.attendeeName).toBe('Ada Attendee');
    });

    it('resends a confirmed order five times an hour, even when 20 ask at once, and again once the oldest is an hour old', async () => {
      const { r } = await paidOrder(1);
      const other = await another();
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, i) => (i % 2 ? other : store()).recordResend(r.id, at(10), newJobs(randomIds, [{ kind: 'send_ticket_mail', registrationId: r.id }]))),
      );
      expect(results.filter((x) => x.ok)).toHaveLength(5);
      expect(results.find((x) => !x.ok)).toEqual({ ok: false, reason: 'resend_limit', nextAllowedAt: at(70) });
      expect(await store().recordResend(r.id, at(69), [])).toMatchObject({ ok: false, reason: 'resend_limit' });
      expect(await store().recordResend(r.id, at(70), [])).toEqual({ ok: true });
      const held = makeRegistration((await store().getEvent(r.eventId))!, { userId: randomIds.newId('usr') });
      await store().placeRegistration(held, [], [], T0);
      expect(await store().recordResend(held.id, at(10), [])).toEqual({ ok: false, reason: 'order_not_confirmed' });
      expect(await store().recordResend('reg_missing', at(10), [])).toEqual({ ok: false, reason: 'not_found' });
    });

    it("lists the event's ticketed orders with all their tickets in issue order, and not a hold", async () => {
      const { event, r, tickets } = await paidOrder(3);
      await store().refundTickets(refundOf(r, [tickets[2]!.id], 1000), []);
      await store().placeRegistration(makeRegistration(event, { userId: randomIds.newId('usr') }), [], [], T0);
      const orders = await store().listEventOrders(event.id);
      expect(orders).toHaveLength(1);
      expect(orders[0]!.registration.id).toBe(r.id);
      expect(orders[0]!.tickets.map((t) => [t.id, t.status])).toEqual([[tickets[0]!.id, 'valid'], [tickets[1]!.id, 'valid'], [tickets[2]!.id, 'cancelled']]);
    });
  });
}
