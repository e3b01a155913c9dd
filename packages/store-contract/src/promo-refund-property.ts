import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { planTicketRefund, promoDiscount, randomIds, totals, type Registration, type Store, type Ticket } from '@ticketbooth/core';
import { at, makeEvent, makePromoCode, makeRegistration, makeTickets } from '@ticketbooth/testkit';
import type { StoreHarness } from './contract.js';

/** Runs and steps kept small: every step reads back every registration, on DynamoDB Local too (about 10 s a store on a loaded machine). */
const NUM_RUNS = 5;
const MAX_STEPS = 8;
const TIMEOUT_MS = 120_000;
const HOLD_MINUTES = 15;

type Op =
  | { kind: 'place'; quantity: number; withCode: boolean; paid: boolean }
  | { kind: 'refund'; pick: number }
  | { kind: 'cancel'; pick: number };
/** A batch's operations run at once, alternately on the two connections; `advance` moves the clock and sweeps expired holds. */
type Step = { kind: 'batch'; ops: Op[] } | { kind: 'advance'; minutes: number };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('place' as const), quantity: fc.integer({ min: 1, max: 3 }), withCode: fc.boolean(), paid: fc.boolean() }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('refund' as const), pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('cancel' as const), pick: fc.nat() }) },
);
const stepArb: fc.Arbitrary<Step> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('batch' as const), ops: fc.array(opArb, { minLength: 1, maxLength: 4 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('advance' as const), minutes: fc.integer({ min: 1, max: 20 }) }) },
);
const setupArb = fc.record({
  capacity: fc.integer({ min: 2, max: 8 }),
  quantity: fc.option(fc.integer({ min: 1, max: 6 }), { nil: null }),
  priceCents: fc.integer({ min: 1, max: 5000 }),
  maxUses: fc.integer({ min: 1, max: 4 }),
  percentOff: fc.integer({ min: 1, max: 100 }),
});

/**
 * Promo-code uses and per-ticket refunds under random interleavings, on both connections: the
 * spots never pass the capacity, a code is never used past its max and an expired (or cancelled,
 * or wholly refunded) order gives its use back, and what is refunded of an order never passes what
 * it paid.
 */
export function describePromoRefundProperty(harness: () => StoreHarness): void {
  const store = (): Store => harness().store;
  const another = async (): Promise<Store> => (harness().openAnother ? harness().openAnother!() : store());

  describe('promo codes and per-ticket refunds under random interleavings (fast-check)', () => {
    it('an order refunded ticket by ticket to the last gives its code use back, as a whole refund does', async () => {
      const event = makeEvent({ capacity: 5 });
      await store().insertEvent(event);
      const code = makePromoCode(event, { maxUses: 1 });
      expect(await store().insertPromoCode(code)).toEqual({ ok: true });
      const r = makeRegistration(event, { userId: randomIds.newId('usr'), status: 'confirmed', quantity: 2 });
      const discountCents = promoDiscount(code, r.lines);
      const order: Registration = { ...r, amountCents: r.amountCents - discountCents, promo: { promoCodeId: code.id, code: code.code, discountCents } };
      const tickets = makeTickets(order);
      expect(await store().placeRegistration(order, tickets, [], at(1))).toEqual({ ok: true });
      const usesOf = async () => (await store().getPromoCodeByCode(event.id, code.code))!.uses;
      for (const [i, ticket] of tickets.entries()) {
        const plan = planTicketRefund((await store().getRegistration(order.id))!, await store().listTicketsByRegistration(order.id), [ticket.id]);
        expect(plan.ok).toBe(true);
        if (!plan.ok) return;
        expect(await usesOf()).toBe(1);
        const refund = { id: randomIds.newId('rfd'), registrationId: order.id, eventId: event.id, ticketIds: plan.ticketIds, amountCents: plan.amountCents, currency: order.currency, reason: 'Cannot come', by: 'organizer' as const, byUserId: 'usr_organizer', at: at(2 + i) };
        expect((await store().refundTickets(refund, [])).ok).toBe(true);
      }
      expect(await store().getRegistration(order.id)).toMatchObject({ status: 'refunded', quantity: 0 });
      expect(await store().refundedCents(order.id)).toBe(order.amountCents);
      expect(await usesOf()).toBe(0);
    });

    it(
      'property: codes with max uses, hold expiries, per-ticket refunds and cancellations never pass capacity or the max, expiries give uses back, refunds never pass what was paid',
      async () => {
        const other = await another();
        await fc.assert(
          fc.asyncProperty(setupArb, fc.array(stepArb, { minLength: 1, maxLength: MAX_STEPS }), async (setup, steps) => {
            const event = makeEvent({ capacity: setup.capacity });
            event.ticketTypes = [{ ...event.ticketTypes[0]!, priceCents: setup.priceCents, quantity: setup.quantity }];
            await store().insertEvent(event);
            const code = makePromoCode(event, { maxUses: setup.maxUses, percentOff: setup.percentOff });
            expect(await store().insertPromoCode(code)).toEqual({ ok: true });
            const placed: Registration[] = [];
            let minute = 0;

            const place = async (side: Store, op: Extract<Op, { kind: 'place' }>, now: string) => {
              const r = makeRegistration(event, {
                userId: randomIds.newId('usr'), quantity: op.quantity, createdAt: now, updatedAt: now,
                status: op.paid ? 'confirmed' : 'pending_payment', holdExpiresAt: op.paid ? null : at(minute + HOLD_MINUTES),
              });
              const discountCents = op.withCode ? promoDiscount(code, r.lines) : 0;
              const withCode: Registration = op.withCode ? { ...r, amountCents: r.amountCents - discountCents, promo: { promoCodeId: code.id, code: code.code, discountCents } } : r;
              if ((await side.placeRegistration(withCode, op.paid ? makeTickets(withCode) : [], [], now)).ok) placed.push(withCode);
            };
            /** One valid ticket of a confirmed order, refunded at its share of what the order paid (planTicketRefund, as the service does). */
            const refund = async (side: Store, pick: number, now: string) => {
              const r = placed[pick % Math.max(1, placed.length)];
              const current = r ? await side.getRegistration(r.id) : null;
              if (!current || current.status !== 'confirmed') return;
              const tickets: Ticket[] = await side.listTicketsByRegistration(current.id);
              const valid = tickets.filter((t) => t.status === 'valid');
              const ticket = valid[pick % Math.max(1, valid.length)];
              const plan = ticket ? planTicketRefund(current, tickets, [ticket.id]) : null;
              if (!plan?.ok) return;
              await side.refundTickets(
                { id: randomIds.newId('rfd'), registrationId: current.id, eventId: event.id, ticketIds: plan.ticketIds, amountCents: plan.amountCents, currency: current.currency, reason: 'Property', by: 'organizer', byUserId: 'usr_organizer', at: now },
                [],
              );
            };
            const run = (side: Store, op: Op, now: string) => {
              if (op.kind === 'place') return place(side, op, now);
              if (op.kind === 'refund') return refund(side, op.pick, now);
              const r = placed[op.pick % Math.max(1, placed.length)];
              return r ? side.transitionRegistration(r.id, ['pending_payment', 'confirmed'], 'cancelled', now, []) : null;
            };

            for (const step of steps) {
              if (step.kind === 'advance') {
                minute += step.minutes;
                await store().expireHolds(at(minute), 1000);
              } else {
                minute += 1;
                const now = at(minute);
                await Promise.all(step.ops.map((op, i) => run(i % 2 ? other : store(), op, now)));
              }

              const regs = (await Promise.all(placed.map((r) => store().getRegistration(r.id)))).map((r) => r!);
              const live = (status: Registration['status']) => regs.filter((r) => r.status === status);
              const sum = (rs: Registration[]) => rs.reduce((n, r) => n + r.quantity, 0);
              const counts = totals((await store().getEvent(event.id))!);
              expect(counts).toEqual({ sold: sum(live('confirmed')), held: sum(live('pending_payment')) });
              expect(counts.sold + counts.held).toBeLessThanOrEqual(setup.capacity);
              if (step.kind === 'advance') expect(live('pending_payment').every((r) => r.holdExpiresAt! > at(minute))).toBe(true);

              const uses = (await store().getPromoCodeByCode(event.id, code.code))!.uses;
              expect(uses).toBeLessThanOrEqual(setup.maxUses);
              expect(uses).toBe(regs.filter((r) => r.promo && (r.status === 'confirmed' || r.status === 'pending_payment')).length);

              for (const r of regs) {
                expect(r.amountCents).toBeGreaterThanOrEqual(0);
                const refunds = await store().listOrderRefunds(r.id);
                const refunded = refunds.reduce((n, x) => n + x.amountCents, 0);
                expect(await store().refundedCents(r.id)).toBe(refunded);
                expect(refunded).toBeLessThanOrEqual(r.amountCents);
              }
            }
          }),
          { numRuns: NUM_RUNS },
        );
      },
      TIMEOUT_MS,
    );
  });
}
