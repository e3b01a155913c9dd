import { describe, expect, it } from 'vitest';
import { useServerWithAccounts } from './support/server-with-accounts.js';
import { TEST_CARDS, eventInput } from './support/client.js';

describe('promo codes over HTTP', () => {
  const app = useServerWithAccounts();

  /** A published event: Standard at 25.00 EUR, VIP at 99.00 EUR. */
  const paidEvent = async (overrides: Record<string, unknown> = {}) => {
    const res = await app.organizer.post('/api/events', eventInput(overrides));
    expect(res.status).toBe(201);
    const [standard, vip] = res.body.ticketTypes as { id: string }[];
    return { id: res.body.id as string, standard: standard!.id, vip: vip!.id };
  };
  const createCode = async (eventId: string, body: Record<string, unknown>) => app.organizer.post(`/api/events/${eventId}/promo-codes`, body);

  it('the organizer creates a code (stored in upper case), the attendee sees the discount, registers with it in any case, and pays the discounted amount', async () => {
    const event = await paidEvent();
    const created = await createCode(event.id, { code: 'early-bird', percentOff: 20, maxUses: 5 });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ code: 'EARLY-BIRD', percentOff: 20, amountOffCents: null, maxUses: 5, uses: 0, disabled: false, ticketTypeIds: [] });

    const quote = await app.attendee.post(`/api/events/${event.id}/quote`, { lines: [{ ticketTypeId: event.standard, quantity: 2 }], promoCode: 'Early-Bird' });
    expect([quote.status, quote.body]).toEqual([200, { subtotalCents: 5000, discountCents: 1000, amountCents: 4000, currency: 'EUR', promoCode: 'EARLY-BIRD' }]);

    const registered = await app.attendee.post(`/api/events/${event.id}/registrations`, { lines: [{ ticketTypeId: event.standard, quantity: 2 }], promoCode: ' early-BIRD ' });
    expect(registered.status).toBe(201);
    expect(registered.body).toMatchObject({ status: 'pending_payment', amountCents: 4000, discountCents: 1000, promoCode: 'EARLY-BIRD' });
    const intent = await app.attendee.post(`/api/registrations/${registered.body.id}/payment-intents`);
    expect(intent.body.amountCents).toBe(4000);
    expect((await app.attendee.post(`/api/payment-intents/${intent.body.id}/confirm`, { card: TEST_CARDS.ok })).status).toBe(200);

    const listed = await app.organizer.get(`/api/events/${event.id}/promo-codes`);
    expect(listed.body.items).toMatchObject([{ code: 'EARLY-BIRD', uses: 1 }]);
    // Without a code nothing changes.
    const plain = await app.t.client().signUpVerified('attendee');
    const full = await plain.post(`/api/events/${event.id}/registrations`, { lines: [{ ticketTypeId: event.standard, quantity: 1 }] });
    expect(full.body).toMatchObject({ amountCents: 2500, discountCents: 0, promoCode: null });
  });

  it('a fixed amount off applies per ticket to the ticket types it names only', async () => {
    const event = await paidEvent();
    expect((await createCode(event.id, { code: 'VIPFIVE', amountOffCents: 500, ticketTypeIds: [event.vip] })).status).toBe(201);
    const quote = await app.attendee.post(`/api/events/${event.id}/quote`, {
      lines: [{ ticketTypeId: event.standard, quantity: 1 }, { ticketTypeId: event.vip, quantity: 2 }], promoCode: 'vipfive',
    });
    expect(quote.body).toMatchObject({ subtotalCents: 2500 + 2 * 9900, discountCents: 1000, amountCents: 2500 + 2 * 9900 - 1000 });
  });

  it('a code that takes the whole price off confirms at once with tickets, as a free event does', async () => {
    const event = await paidEvent();
    await createCode(event.id, { code: 'GUEST', percentOff: 100 });
    const buyer = await app.t.client().signUpVerified('attendee');
    const registered = await buyer.post(`/api/events/${event.id}/registrations`, { quantity: 2, promoCode: 'guest' });
    expect(registered.status).toBe(201);
    expect(registered.body).toMatchObject({ status: 'confirmed', amountCents: 0, discountCents: 5000, holdExpiresAt: null });
    expect(registered.body.tickets).toHaveLength(2);
  });

  it('answers an unknown, disabled, expired or not-yet-valid code 400 invalid_promo_code, on the quote and on registering, and holds nothing', async () => {
    const event = await paidEvent({ capacity: 5 });
    const now = app.t.clock.now().getTime();
    await createCode(event.id, { code: 'LATER', percentOff: 10, validFrom: new Date(now + 3_600_000).toISOString() });
    await createCode(event.id, { code: 'GONE', percentOff: 10, validUntil: new Date(now + 60_000).toISOString() });
    await createCode(event.id, { code: 'VIPONLY', percentOff: 10, ticketTypeIds: [event.vip] });
    const off = await createCode(event.id, { code: 'OFF', percentOff: 10 });
    expect((await app.organizer.request('DELETE', `/api/events/${event.id}/promo-codes/${off.body.id}`)).status).toBe(204);
    app.t.clock.advance(60_000);
    for (const promoCode of ['NOPE', 'LATER', 'GONE', 'OFF', 'viponly']) {
      const quote = await app.attendee.post(`/api/events/${event.id}/quote`, { quantity: 1, promoCode });
      expect([promoCode, quote.status, quote.body.error.code]).toEqual([promoCode, 400, 'invalid_promo_code']);
      const registered = await app.attendee.post(`/api/events/${event.id}/registrations`, { quantity: 1, promoCode });
      expect([promoCode, registered.status, registered.body.error.code]).toEqual([promoCode, 400, 'invalid_promo_code']);
    }
    expect((await app.organizer.get(`/api/events/${event.id}/stats`)).body).toMatchObject({ held: 0, sold: 0 });
    expect((await app.organizer.get(`/api/events/${event.id}/promo-codes`)).body.items.find((p: { code: string }) => p.code === 'OFF')).toMatchObject({ disabled: true, uses: 0 });
  });

  it('50 simultaneous registrations with a code of 10 uses: exactly 10 discounted, 40 answered 409 promo_code_used_up', async () => {
    const event = await paidEvent({ capacity: 200, maxTicketsPerAccount: 100 });
    await createCode(event.id, { code: 'TEN', percentOff: 50, maxUses: 10 });
    const buyers = await Promise.all(Array.from({ length: 50 }, () => app.t.client().signUpVerified('attendee')));
    const results = await Promise.all(buyers.map((b) => b.post(`/api/events/${event.id}/registrations`, { quantity: 1, promoCode: 'ten' })));
    const placed = results.filter((r) => r.status === 201);
    expect(placed).toHaveLength(10);
    expect(placed.every((r) => r.body.amountCents === 1250 && r.body.discountCents === 1250)).toBe(true);
    expect(results.filter((r) => r.status === 409 && r.body.error.code === 'promo_code_used_up')).toHaveLength(40);
    expect((await app.organizer.get(`/api/events/${event.id}/promo-codes`)).body.items[0].uses).toBe(10);
    expect((await app.organizer.get(`/api/events/${event.id}/stats`)).body.held).toBe(10);
  });

  it('an expired hold gives its use back to the code', async () => {
    const event = await paidEvent();
    await createCode(event.id, { code: 'ONCE', percentOff: 10, maxUses: 1 });
    const first = await app.t.client().signUpVerified('attendee');
    const second = await app.t.client().signUpVerified('attendee');
    expect((await first.post(`/api/events/${event.id}/registrations`, { quantity: 1, promoCode: 'ONCE' })).status).toBe(201);
    const refused = await second.post(`/api/events/${event.id}/registrations`, { quantity: 1, promoCode: 'ONCE' });
    expect([refused.status, refused.body.error.code]).toEqual([409, 'promo_code_used_up']);
    const usedUpQuote = await second.post(`/api/events/${event.id}/quote`, { quantity: 1, promoCode: 'ONCE' });
    expect([usedUpQuote.status, usedUpQuote.body.error.code]).toEqual([409, 'promo_code_used_up']);
    app.t.clock.advance(16 * 60_000);
    await Promise.all([second.renew(), app.organizer.renew(), app.attendee.renew()]);
    const again = await second.post(`/api/events/${event.id}/registrations`, { quantity: 1, promoCode: 'ONCE' });
    expect([again.status, again.body.discountCents, again.body.error]).toEqual([201, 250, undefined]);
  });

  it('refuses a percent outside 1..100, an amount off above the price, both or neither, and a code taken in any case', async () => {
    const event = await paidEvent();
    const refusals = [
      { code: 'ZERO', percentOff: 0 },
      { code: 'MANY', percentOff: 101 },
      { code: 'HALFPCT', percentOff: 12.5 },
      { code: 'TOOMUCH', amountOffCents: 2501 },
      { code: 'BOTH', percentOff: 10, amountOffCents: 100 },
      { code: 'NEITHER' },
      { code: 'x', percentOff: 10 },
      { code: 'OTHER', percentOff: 10, ticketTypeIds: ['tt_not_here'] },
    ];
    for (const body of refusals) {
      const res = await createCode(event.id, body);
      expect([body.code, res.status, res.body.error.code]).toEqual([body.code, 400, 'validation_failed']);
    }
    // The VIP alone costs 99.00: 50.00 off it is fine.
    expect((await createCode(event.id, { code: 'VIPFIFTY', amountOffCents: 5000, ticketTypeIds: [event.vip] })).status).toBe(201);
    expect((await createCode(event.id, { code: 'SAME', percentOff: 10 })).status).toBe(201);
    const taken = await createCode(event.id, { code: 'same', percentOff: 20 });
    expect([taken.status, taken.body.error.code]).toEqual([409, 'code_taken']);
  });

  it("only the event's organizer sees and manages its codes; another organizer is told the event does not exist", async () => {
    const event = await paidEvent();
    const code = await createCode(event.id, { code: 'MINE', percentOff: 10 });
    const other = await app.t.client().signUpVerified('organizer');
    for (const res of [
      await other.get(`/api/events/${event.id}/promo-codes`),
      await other.post(`/api/events/${event.id}/promo-codes`, { code: 'THEIRS', percentOff: 10 }),
      await other.request('DELETE', `/api/events/${event.id}/promo-codes/${code.body.id}`),
    ]) expect([res.status, res.body.error.code]).toEqual([404, 'not_found']);
    expect((await app.organizer.request('DELETE', `/api/events/${event.id}/promo-codes/promo_missing`)).status).toBe(404);
    expect((await app.organizer.get(`/api/events/${event.id}/promo-codes`)).body.items).toMatchObject([{ code: 'MINE', disabled: false }]);
  });
});
