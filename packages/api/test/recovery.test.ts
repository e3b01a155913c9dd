import { afterAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './support/server.js';
import { TEST_CARDS, eventInput } from './support/client.js';

describe('paid means ticketed, even across a crash', () => {
  const servers: TestServer[] = [];
  afterAll(async () => {
    for (const s of servers) await s.stop().catch(() => undefined);
  });

  it('a charge that succeeded before the process died is settled on restart: confirmed, tickets issued and mailed', async () => {
    const a = await startTestServer();
    servers.push(a);
    const organizer = await a.client().signUpVerified('organizer');
    const attendee = await a.client().signUpVerified('attendee');
    const eventId = (await organizer.post('/api/events', eventInput({ capacity: 10, ticketTypes: undefined, priceCents: 4200 }))).body.id;
    const reg = await attendee.post(`/api/events/${eventId}/registrations`, { quantity: 2 });
    const intent = await attendee.post(`/api/registrations/${reg.body.id}/payment-intents`);

    // The process "dies" right after the gateway charged the card: the charge is recorded in the
    // gateway's ledger, but our database never hears of it.
    const { services } = a.server.home;
    const gateway = services.deps.payments;
    const realCharge = gateway.charge.bind(gateway);
    gateway.charge = async (input) => {
      await realCharge(input);
      return new Promise(() => undefined);
    };
    void attendee.post(`/api/payment-intents/${intent.body.id}/confirm`, { card: TEST_CARDS.ok }).catch(() => undefined);
    await waitFor(async () => (await services.deps.store.getPaymentIntent(intent.body.id))?.status === 'processing');
    await a.server.close({ graceMs: 0 }); // the database connection goes away with the process

    const b = await startTestServer({ dataDir: a.dataDir, clock: a.clock });
    servers.push(b);
    const again = b.client();
    await again.logIn(attendee.user!.email, 'correct horse battery');
    const registration = await again.get(`/api/registrations/${reg.body.id}`);
    expect(registration.body.status).toBe('confirmed');
    expect(registration.body.tickets).toHaveLength(2);
    const paid = await b.server.home.services.deps.store.getPaymentIntent(intent.body.id);
    expect(paid?.status).toBe('succeeded');
    const mail = await again.get(`/api/dev/mailbox?to=${encodeURIComponent(attendee.user!.email)}`);
    expect(mail.body.items.some((m: { subject: string }) => m.subject.startsWith('Your tickets for'))).toBe(true);
  });

  it('a charge that never reached the gateway leaves the intent payable again', async () => {
    const a = await startTestServer();
    servers.push(a);
    const organizer = await a.client().signUpVerified('organizer');
    const attendee = await a.client().signUpVerified('attendee');
    const eventId = (await organizer.post('/api/events', eventInput({ capacity: 10, ticketTypes: undefined, priceCents: 4200 }))).body.id;
    const reg = await attendee.post(`/api/events/${eventId}/registrations`, { quantity: 1 });
    const intent = await attendee.post(`/api/registrations/${reg.body.id}/payment-intents`);
    const { services } = a.server.home;
    services.deps.payments.charge = () => new Promise(() => undefined);
    void attendee.post(`/api/payment-intents/${intent.body.id}/confirm`, { card: TEST_CARDS.ok }).catch(() => undefined);
    await waitFor(async () => (await services.deps.store.getPaymentIntent(intent.body.id))?.status === 'processing');
    await a.server.close({ graceMs: 0 });

    const b = await startTestServer({ dataDir: a.dataDir, clock: a.clock });
    servers.push(b);
    const again = b.client();
    await again.logIn(attendee.user!.email, 'correct horse battery');
    const paid = await again.post(`/api/payment-intents/${intent.body.id}/confirm`, { card: TEST_CARDS.ok });
    expect(paid.status).toBe(200);
    expect((await again.get(`/api/registrations/${reg.body.id}`)).body.tickets).toHaveLength(1);
  });

  it('ticket mail left in the outbox by a dead process is sent after restart', async () => {
    const a = await startTestServer();
    servers.push(a);
    const organizer = await a.client().signUpVerified('organizer');
    const attendee = await a.client().signUpVerified('attendee');
    const eventId = (await organizer.post('/api/events', eventInput({ capacity: 10, ticketTypes: undefined, priceCents: 0 }))).body.id;
    await attendee.post(`/api/events/${eventId}/registrations`, { quantity: 1 });
    await a.server.close({ graceMs: 0 }); // the worker never ran: the mail job is still in the outbox
    const b = await startTestServer({ dataDir: a.dataDir, clock: a.clock });
    servers.push(b);
    const mail = await b.client().get(`/api/dev/mailbox?to=${encodeURIComponent(attendee.user!.email)}`);
    expect(mail.body.items.some((m: { subject: string; attachments: unknown[] }) => m.subject.startsWith('Your tickets for') && m.attachments.length >= 1)).toBe(true);
  });
});

async function waitFor(check: () => Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error('condition not met in time');
}
