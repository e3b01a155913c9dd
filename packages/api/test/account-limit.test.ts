import { describe, expect, it } from 'vitest';
import { useServerWithAccounts } from './support/server-with-accounts.js';
import { TEST_CARDS, eventInput } from './support/client.js';

describe("an account's tickets per event over HTTP (maxTicketsPerAccount)", () => {
  const app = useServerWithAccounts();

  it('50 simultaneous free registrations by one account: exactly 10 placed, 40 answered 409 account_limit', async () => {
    const event = await app.organizer.post('/api/events', eventInput({ capacity: 200, ticketTypes: undefined, priceCents: 0 }));
    expect(event.body.maxTicketsPerAccount).toBe(10);
    const results = await Promise.all(Array.from({ length: 50 }, () => app.attendee.post(`/api/events/${event.body.id}/registrations`, { quantity: 1 })));
    expect(results.filter((r) => r.status === 201)).toHaveLength(10);
    const refused = results.filter((r) => r.status !== 201);
    expect(refused.map((r) => [r.status, r.body.error.code, r.body.error.details])).toEqual(
      Array.from({ length: 40 }, () => [409, 'account_limit', { maxTicketsPerAccount: 10, held: 10 }]),
    );
    const stats = await app.organizer.get(`/api/events/${event.body.id}/stats`);
    expect(stats.body).toMatchObject({ sold: 10, held: 0, spotsRemaining: 190 });
  });

  it('counts a live hold with confirmed tickets, and lets the hold go back to the limit when cancelled', async () => {
    const event = await app.organizer.post('/api/events', eventInput({ capacity: 100, maxTicketsPerAccount: 6 }));
    const [standard] = event.body.ticketTypes as { id: string }[];
    const buyer = await app.t.client().signUpVerified('attendee');
    const paid = await buyer.post(`/api/events/${event.body.id}/registrations`, { lines: [{ ticketTypeId: standard!.id, quantity: 4 }] });
    const intent = await buyer.post(`/api/registrations/${paid.body.id}/payment-intents`);
    expect((await buyer.post(`/api/payment-intents/${intent.body.id}/confirm`, { card: TEST_CARDS.ok })).status).toBe(200);
    const hold = await buyer.post(`/api/events/${event.body.id}/registrations`, { lines: [{ ticketTypeId: standard!.id, quantity: 2 }] });
    expect(hold.status).toBe(201);
    const over = await buyer.post(`/api/events/${event.body.id}/registrations`, { quantity: 1 });
    // The live hold answers first: one pending registration per account and event.
    expect(over.body.error.code).toBe('hold_exists');
    expect((await buyer.post(`/api/registrations/${hold.body.id}/cancel`)).status).toBe(200);
    const tooMany = await buyer.post(`/api/events/${event.body.id}/registrations`, { quantity: 3 });
    expect([tooMany.status, tooMany.body.error]).toMatchObject([409, { code: 'account_limit', details: { maxTicketsPerAccount: 6, held: 4 } }]);
    expect((await buyer.post(`/api/events/${event.body.id}/registrations`, { quantity: 2 })).status).toBe(201);
  });

  it('lowering the limit below what an account holds cancels nothing and refuses it more', async () => {
    const event = await app.organizer.post('/api/events', eventInput({ capacity: 100, ticketTypes: undefined, priceCents: 0 }));
    const buyer = await app.t.client().signUpVerified('attendee');
    const placed = await buyer.post(`/api/events/${event.body.id}/registrations`, { quantity: 8 });
    expect(placed.status).toBe(201);
    const lowered = await app.organizer.patch(`/api/events/${event.body.id}`, { maxTicketsPerAccount: 3 });
    expect([lowered.status, lowered.body.maxTicketsPerAccount]).toEqual([200, 3]);
    expect((await buyer.get(`/api/registrations/${placed.body.id}`)).body.status).toBe('confirmed');
    const more = await buyer.post(`/api/events/${event.body.id}/registrations`, { quantity: 1 });
    expect([more.status, more.body.error]).toMatchObject([409, { code: 'account_limit', details: { maxTicketsPerAccount: 3, held: 8 } }]);
  });

  it('refuses a limit or a cutoff out of range with 400, and takes null as no attendee cancellation', async () => {
    for (const bad of [{ maxTicketsPerAccount: 0 }, { maxTicketsPerAccount: 101 }, { maxTicketsPerAccount: 2.5 }, { maxTicketsPerAccount: '5' },
      { attendeeCancellationCutoffHours: -1 }, { attendeeCancellationCutoffHours: 8761 }, { attendeeCancellationCutoffHours: 1.5 }, { attendeeCancellationCutoffHours: '48' }]) {
      const created = await app.organizer.post('/api/events', eventInput(bad));
      expect([created.status, created.body.error?.code], JSON.stringify(bad)).toEqual([400, 'validation_failed']);
    }
    const event = await app.organizer.post('/api/events', eventInput({ maxTicketsPerAccount: 100, attendeeCancellationCutoffHours: null }));
    expect(event.body).toMatchObject({ maxTicketsPerAccount: 100, attendeeCancellationCutoffHours: null });
    const defaults = await app.organizer.post('/api/events', eventInput());
    expect(defaults.body).toMatchObject({ maxTicketsPerAccount: 10, attendeeCancellationCutoffHours: 48 });
    const patched = await app.organizer.patch(`/api/events/${defaults.body.id}`, { attendeeCancellationCutoffHours: 8760, maxTicketsPerAccount: 1 });
    expect(patched.body).toMatchObject({ maxTicketsPerAccount: 1, attendeeCancellationCutoffHours: 8760 });
    expect((await app.organizer.patch(`/api/events/${defaults.body.id}`, { maxTicketsPerAccount: null })).status).toBe(400);
  });
});
