import { describe, expect, it } from 'vitest';
import { promoDiscount, randomIds, type Event, type PromoCode, type Registration, type Store } from '@ticketbooth/core';
import { T0, at, makeEvent, makePromoCode, makeRegistration, makeTickets } from '@ticketbooth/testkit';
import type { StoreHarness } from './contract.js';

/** Promo codes: their uses are a counter under the same atomic guard as the spots. */
export function describePromoContract(harness: () => StoreHarness): void {
  const store = (): Store => harness().store;
  const another = async (): Promise<Store> => (harness().openAnother ? harness().openAnother!() : store());

  const published = async (capacity = 100): Promise<Event> => {
    const event = makeEvent({ capacity });
    await store().insertEvent(event);
    return event;
  };
  const withCode = async (event: Event, overrides: Partial<PromoCode> = {}): Promise<PromoCode> => {
    const code = makePromoCode(event, overrides);
    expect(await store().insertPromoCode(code)).toEqual({ ok: true });
    return code;
  };
  /** A registration placed with the code, by a fresh account. */
  const using = (event: Event, code: PromoCode, overrides: Partial<Registration> = {}): Registration => {
    const r = makeRegistration(event, { userId: randomIds.newId('usr'), ...overrides });
    const discountCents = promoDiscount(code, r.lines);
    return { ...r, amountCents: r.amountCents - discountCents, promo: { promoCodeId: code.id, code: code.code, discountCents } };
  };
  const usesOf = async (code: PromoCode): Promise<number> => (await store().getPromoCodeByCode(code.eventId, code.code))!.uses;

  describe('promo codes', () => {
    it('finds a code by its event and code, lists the event codes oldest first, and refuses the same code twice in one event', async () => {
      const event = await published();
      const other = await published();
      const first = await withCode(event, { code: 'EARLY', createdAt: at(1) });
      const second = await withCode(event, { code: 'LATE', amountOffCents: 300, percentOff: null, maxUses: 5, ticketTypeIds: [event.ticketTypes[0]!.id], createdAt: at(2) });
      expect(await store().getPromoCodeByCode(event.id, 'EARLY')).toEqual(first);
      expect(await store().getPromoCodeByCode(other.id, 'EARLY')).toBeNull();
      expect(await store().insertPromoCode(makePromoCode(event, { code: 'EARLY' }))).toEqual({ ok: false, reason: 'code_taken' });
      expect(await store().insertPromoCode(makePromoCode(other, { code: 'EARLY' }))).toEqual({ ok: true });
      expect(await store().listPromoCodes(event.id)).toEqual([first, second]);
    });

    it('records the code and its discount on the registration, and counts the use', async () => {
      const event = await published();
      const code = await withCode(event);
      const r = using(event, code, { quantity: 2 });
      expect(r.promo!.discountCents).toBe(400);
      expect(await store().placeRegistration(r, [], [], T0)).toEqual({ ok: true });
      expect(await store().getRegistration(r.id)).toEqual(r);
      expect((await store().getRegistration(r.id))!.amountCents).toBe(1600);
      expect(await usesOf(code)).toBe(1);
    });

    it('of 50 concurrent registrations with a code of 10 uses, exactly 10 are placed and the rest are used up', async () => {
      const event = await published(100);
      const code = await withCode(event, { maxUses: 10 });
      const other = await another();
      const results = await Promise.all(Array.from({ length: 50 }, (_, i) => (i % 2 ? other : store()).placeRegistration(using(event, code, { status: 'confirmed', holdExpiresAt: null }), [], [], T0)));
      expect(results.filter((r) => r.ok)).toHaveLength(10);
      expect(results.filter((r) => !r.ok && r.reason === 'promo_code_used_up')).toHaveLength(40);
      expect(await usesOf(code)).toBe(10);
      const event10 = await store().getEvent(event.id);
      expect(event10!.counts[event.ticketTypes[0]!.id]).toEqual({ sold: 10, held: 0 });
    });

    it('an expired hold gives its use back; so does a cancelled one', async () => {
      const event = await published();
      const code = await withCode(event, { maxUses: 1 });
      const hold = using(event, code, { holdExpiresAt: at(15) });
      expect(await store().placeRegistration(hold, [], [], T0)).toEqual({ ok: true });
      expect(await store().placeRegistration(using(event, code), [], [], at(14))).toEqual({ ok: false, reason: 'promo_code_used_up' });
      expect(await store().expireHolds(at(15), 100)).toBeGreaterThanOrEqual(1);
      expect((await store().getRegistration(hold.id))!.status).toBe('expired');
      expect(await usesOf(code)).toBe(0);

      const next = using(event, code, { createdAt: at(16), holdExpiresAt: at(31) });
      expect(await store().placeRegistration(next, [], [], at(16))).toEqual({ ok: true });
      expect(await usesOf(code)).toBe(1);
      expect(await store().transitionRegistration(next.id, ['pending_payment'], 'cancelled', at(17), [])).toMatchObject({ status: 'cancelled' });
      expect(await usesOf(code)).toBe(0);
    });

    it('a hold that lapsed unswept gives its use to the next placement on the event', async () => {
      const event = await published();
      const code = await withCode(event, { maxUses: 1 });
      expect(await store().placeRegistration(using(event, code, { holdExpiresAt: at(15) }), [], [], T0)).toEqual({ ok: true });
      expect(await store().placeRegistration(using(event, code, { holdExpiresAt: at(30) }), [], [], at(15))).toEqual({ ok: true });
      expect(await usesOf(code)).toBe(1);
    });

    it('a paid registration keeps its use; a refund gives it back', async () => {
      const event = await published();
      const code = await withCode(event, { maxUses: 1 });
      const r = using(event, code, { status: 'confirmed', holdExpiresAt: null });
      expect(await store().placeRegistration(r, makeTickets(r), [], T0)).toEqual({ ok: true });
      expect(await store().placeRegistration(using(event, code, { status: 'confirmed', holdExpiresAt: null }), [], [], T0)).toEqual({ ok: false, reason: 'promo_code_used_up' });
      await store().transitionRegistration(r.id, ['confirmed'], 'refunded', at(5), []);
      expect(await usesOf(code)).toBe(0);
    });

    it('a disabled code, or one outside its window, is refused as invalid and places nothing', async () => {
      const event = await published(5);
      const disabled = await withCode(event);
      expect(await store().disablePromoCode(event.id, disabled.id, at(1))).toBe(true);
      expect(await store().disablePromoCode(event.id, disabled.id, at(2))).toBe(true);
      expect((await store().getPromoCodeByCode(event.id, disabled.code))!.disabledAt).toBe(at(1));
      expect(await store().disablePromoCode(randomIds.newId('evt'), disabled.id, at(1))).toBe(false);
      expect(await store().placeRegistration(using(event, disabled), [], [], at(3))).toEqual({ ok: false, reason: 'invalid_promo_code' });
      const ended = await withCode(event, { validUntil: at(10) });
      expect(await store().placeRegistration(using(event, ended), [], [], at(10))).toEqual({ ok: false, reason: 'invalid_promo_code' });
      const loaded = await store().getEvent(event.id);
      expect(loaded!.counts[event.ticketTypes[0]!.id]).toEqual({ sold: 0, held: 0 });
    });

    it('a sold-out event answers sold_out before the code is looked at, and uses none of it', async () => {
      const event = await published(1);
      const code = await withCode(event, { maxUses: 5 });
      expect((await store().placeRegistration(using(event, code), [], [], T0)).ok).toBe(true);
      expect(await store().placeRegistration(using(event, code), [], [], T0)).toEqual({ ok: false, reason: 'sold_out', spotsRemaining: 0 });
      expect(await usesOf(code)).toBe(1);
    });
  });
}
