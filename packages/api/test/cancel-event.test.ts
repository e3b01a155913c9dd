import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { useServerWithAccounts } from './support/server-with-accounts.js';
import { TEST_CARDS, eventInput } from './support/client.js';

describe('cancelling an event when the registrations listing lags behind', () => {
  const app = useServerWithAccounts();

  it('a registration the first pass did not see is cancelled by the retried pass', async () => {
    const eventId = (await app.organizer.post('/api/events', eventInput({ capacity: 5, ticketTypes: undefined, priceCents: 0 }))).body.id;
    const registration = await app.attendee.post(`/api/events/${eventId}/registrations`, { quantity: 2 });
    expect(registration.body.status).toBe('confirmed');

    // As a DynamoDB index that has not caught up yet: the first listing does not show the registration.
    const { services } = app.t.server.home;
    const lagging = vi.spyOn(services.deps.store, 'listRegistrantsByEvent').mockResolvedValueOnce({ items: [], nextCursor: null });
    const cancelled = await app.organizer.post(`/api/events/${eventId}/cancel`, { reason: 'Storm warning.' });
    expect(cancelled.status).toBe(200);
    expect(lagging).toHaveBeenCalledTimes(1);
    expect((await app.attendee.get(`/api/registrations/${registration.body.id}`)).body.status).toBe('confirmed');
    expect(app.t.logs.some((line) => line.includes('job failed; will retry') && line.includes('still taken'))).toBe(true);
    lagging.mockRestore();

    app.t.clock.advance(30_000); // past the retry's backoff (5 s doubling per attempt)
    await Promise.all([app.organizer.renew(), app.attendee.renew()]);
    await services.jobs.drain();
    const after = await app.attendee.get(`/api/registrations/${registration.body.id}`);
    expect(after.body.status).toBe('cancelled');
    expect(after.body.tickets.every((ticket: { status: string }) => ticket.status === 'cancelled')).toBe(true);
    expect((await app.organizer.get(`/api/events/${eventId}/stats`)).body).toMatchObject({ sold: 0, held: 0 });
  });

  it('a refund job that does not see the payment yet runs again instead of keeping the money', async () => {
    const eventId = (await app.organizer.post('/api/events', eventInput({ capacity: 5, ticketTypes: undefined, priceCents: 3000 }))).body.id;
    const held = await app.attendee.post(`/api/events/${eventId}/registrations`, { quantity: 1 });
    const intent = await app.attendee.post(`/api/registrations/${held.body.id}/payment-intents`);
    expect((await app.attendee.post(`/api/payment-intents/${intent.body.id}/confirm`, { card: TEST_CARDS.ok })).status).toBe(200);
    const refundsOnLedger = () => readFileSync(join(app.t.dataDir, 'mock-gateway.jsonl'), 'utf8').split('\n').filter((line) => line.includes('"type":"refund"')).length;
    const before = refundsOnLedger();

    const { services } = app.t.server.home;
    const lagging = vi.spyOn(services.deps.store, 'listPaymentIntentsByRegistration').mockResolvedValueOnce([]);
    expect((await app.organizer.post(`/api/events/${eventId}/cancel`, { reason: 'Storm warning.' })).status).toBe(200);
    expect((await app.attendee.get(`/api/registrations/${held.body.id}`)).body.status).toBe('refunded');
    expect(lagging).toHaveBeenCalledTimes(1);
    expect(refundsOnLedger()).toBe(before);
    expect(app.t.logs.some((line) => line.includes('job failed; will retry') && line.includes('not listed yet'))).toBe(true);
    lagging.mockRestore();

    app.t.clock.advance(30_000);
    await Promise.all([app.organizer.renew(), app.attendee.renew()]);
    await services.jobs.drain();
    expect(refundsOnLedger()).toBe(before + 1);
  });
});
