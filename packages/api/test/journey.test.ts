import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './support/server.js';
import { ApiClient, TEST_CARDS, eventInput } from './support/client.js';

describe('the whole journey over HTTP', () => {
  let t: TestServer;
  let organizer: ApiClient;
  let attendee: ApiClient;
  let eventId: string;
  let vipId: string;
  let standardId: string;
  let paidRegistrationId: string;
  let tickets: { id: string; qr: string; status: string }[];

  beforeAll(async () => {
    t = await startTestServer();
    organizer = await t.client().signUpVerified('organizer', 'Olga Organizer');
    attendee = await t.client().signUpVerified('attendee', 'Ada Attendee');
  });
  afterAll(() => t.stop());

  it('an organizer creates an event with two ticket types, edits it and it is found by search', async () => {
    const created = await organizer.post('/api/events', eventInput({ name: 'Rust Conf Berlin', publish: false }));
    expect(created.status).toBe(201);
    expect(created.body.status).toBe('draft');
    expect(created.body.ticketTypes.map((tt: { name: string }) => tt.name)).toEqual(['Standard', 'VIP']);
    eventId = created.body.id;
    [standardId, vipId] = created.body.ticketTypes.map((tt: { id: string }) => tt.id);

    expect((await t.client().get(`/api/events/${eventId}`)).status).toBe(404); // drafts are private
    const published = await organizer.post(`/api/events/${eventId}/publish`);
    expect(published.status).toBe(200);
    expect(published.body.status).toBe('published');

    const edited = await organizer.patch(`/api/events/${eventId}`, { description: 'Now with a workshop day', capacity: 120 });
    expect(edited.status).toBe(200);
    expect(edited.body.capacity).toBe(120);
    expect(edited.body.spotsRemaining).toBe(120);

    const found = await t.client().get('/api/events?q=rust%20conf&category=technology');
    expect(found.status).toBe(200);
    expect(found.body.items.map((e: { id: string }) => e.id)).toContain(eventId);
    const notFound = await t.client().get('/api/events?q=nothing-like-this');
    expect(notFound.body.items).toEqual([]);
  });

  it('an attendee registers for a paid event: spots held, declined card explained, then paid and ticketed', async () => {
    const reg = await attendee.post(`/api/events/${eventId}/registrations`, {
      lines: [
        { ticketTypeId: standardId, quantity: 1 },
        { ticketTypeId: vipId, quantity: 1 },
      ],
    });
    expect(reg.status).toBe(201);
    expect(reg.body.status).toBe('pending_payment');
    expect(reg.body.amountCents).toBe(2500 + 9900);
    expect(Date.parse(reg.body.holdExpiresAt)).toBeGreaterThan(t.clock.now().getTime());
    paidRegistrationId = reg.body.id;

    const event = await t.client().get(`/api/events/${eventId}`);
    expect(event.body.spotsRemaining).toBe(118);
    // The cached public listing (read in the test before) shows the held spots at once.
    const listed = await t.client().get('/api/events?q=rust%20conf&category=technology');
    expect(listed.body.items.find((e: { id: string }) => e.id === eventId).spotsRemaining).toBe(118);

    const intent = await attendee.post(`/api/registrations/${paidRegistrationId}/payment-intents`);
    expect(intent.status).toBe(201);
    expect(intent.body).toMatchObject({ amountCents: 12400, currency: 'EUR', status: 'requires_payment_method' });

    const declined = await attendee.post(`/api/payment-intents/${intent.body.id}/confirm`, { card: TEST_CARDS.declined });
    expect(declined.status).toBe(402);
    expect(declined.body.error.code).toBe('card_declined');
    const poor = await attendee.post(`/api/payment-intents/${intent.body.id}/confirm`, { card: TEST_CARDS.insufficient });
    expect(poor.status).toBe(402);
    expect(poor.body.error.code).toBe('insufficient_funds');

    const paid = await attendee.post(`/api/payment-intents/${intent.body.id}/confirm`, { card: TEST_CARDS.ok });
    expect(paid.status).toBe(200);
    expect(paid.body.status).toBe('succeeded');

    const confirmed = await attendee.get(`/api/registrations/${paidRegistrationId}`);
    expect(confirmed.body.status).toBe('confirmed');
    expect(confirmed.body.holdExpiresAt).toBeNull();
    tickets = confirmed.body.tickets;
    expect(tickets).toHaveLength(2);
    expect(tickets.every((tk) => tk.status === 'valid' && tk.qr.startsWith('TB1.'))).toBe(true);
  });

  it('the attendee downloads each ticket as a PDF through an expiring link, and the calendar file', async () => {
    const link = await attendee.post(`/api/tickets/${tickets[0]!.id}/download-link`);
    expect(link.status).toBe(200);
    const url = new URL(link.body.url);
    const pdf = await fetch(`${t.url}${url.pathname}${url.search}`); // no token needed
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    const bytes = Buffer.from(await pdf.arrayBuffer());
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');

    t.clock.advance(10 * 60_000); // links live 5 minutes
    await Promise.all([attendee.renew(), organizer.renew()]);
    const expired = await fetch(`${t.url}${url.pathname}${url.search}`);
    expect(expired.status).toBe(410);

    const ics = await attendee.get(`/api/registrations/${paidRegistrationId}/calendar.ics`);
    expect(ics.status).toBe(200);
    expect(ics.headers.get('content-type')).toContain('text/calendar');
    expect(ics.text).toContain('BEGIN:VEVENT');
  });

  it('the confirmation mail carries the PDF tickets as attachments', async () => {
    await t.server.home.services.jobs.drain();
    const mailbox = await t.client().get(`/api/dev/mailbox?to=${encodeURIComponent(attendee.user!.email)}`);
    const mail = mailbox.body.items.find((m: { subject: string }) => m.subject.startsWith('Your tickets for Rust Conf Berlin'));
    expect(mail).toBeDefined();
    const pdfs = mail.attachments.filter((a: { contentType: string }) => a.contentType === 'application/pdf');
    expect(pdfs).toHaveLength(2);
    expect(pdfs.every((a: { size: number }) => a.size > 1000)).toBe(true);
  });

  it('a free event confirms at once with tickets', async () => {
    const free = await organizer.post('/api/events', eventInput({ name: 'Free Meetup', ticketTypes: undefined, priceCents: 0, capacity: 5 }));
    expect(free.status).toBe(201);
    const reg = await attendee.post(`/api/events/${free.body.id}/registrations`, { quantity: 3 });
    expect(reg.status).toBe(201);
    expect(reg.body.status).toBe('confirmed');
    expect(reg.body.tickets).toHaveLength(3);
    const again = await attendee.post(`/api/events/${free.body.id}/registrations`, { quantity: 3 });
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({ code: 'sold_out', details: { spotsRemaining: 2 } });
  });

  it('the door admits a ticket once; tampered, invented and other-event codes are refused', async () => {
    const scan = (qr: string, nonce?: string) => organizer.post(`/api/events/${eventId}/checkins`, nonce ? { qr, nonce } : { qr });
    const first = await scan(tickets[0]!.qr, 'scan-1');
    expect(first.status).toBe(200);
    expect(first.body.result).toBe('admitted');
    expect(first.body.ticket).toMatchObject({ id: tickets[0]!.id, attendeeName: 'Ada Attendee', ticketTypeName: 'Standard' });
    expect((await scan(tickets[0]!.qr, 'scan-2')).body.result).toBe('already_used');
    expect((await scan(tickets[0]!.qr, 'scan-1')).body.result).toBe('admitted'); // a retried request is not a second scan

    const qr = tickets[1]!.qr;
    const flipped = qr.slice(0, 10) + (qr[10] === 'A' ? 'B' : 'A') + qr.slice(11);
    expect((await scan(flipped)).body.result).toBe('invalid');
    expect((await scan('TB1.aGVsbG8.d29ybGQ')).body.result).toBe('invalid');
    expect((await scan('not a ticket at all')).body.result).toBe('invalid');

    const other = await organizer.post('/api/events', eventInput({ name: 'Other Event', priceCents: 0, ticketTypes: undefined }));
    const wrong = await organizer.post(`/api/events/${other.body.id}/checkins`, { qr });
    expect(wrong.body.result).toBe('wrong_event');

    const keys = await organizer.get(`/api/events/${eventId}/checkin-keys`);
    expect(keys.status).toBe(200);
    expect(keys.body.keys[0]).toMatchObject({ algorithm: 'Ed25519' });
  });

  it('the organizer sees registrants, exports CSV and reads stats', async () => {
    const list = await organizer.get(`/api/events/${eventId}/registrations`);
    expect(list.status).toBe(200);
    expect(list.body.items).toHaveLength(1);
    expect(list.body.items[0]).toMatchObject({ attendeeName: 'Ada Attendee', quantity: 2, amountCents: 12400, status: 'confirmed', checkedIn: 1 });

    const csv = await organizer.get(`/api/events/${eventId}/registrations.csv`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect(csv.text.split('\r\n')[0]).toContain('attendeeEmail');
    expect(csv.text).toContain(attendee.user!.email);

    const stats = await organizer.get(`/api/events/${eventId}/stats`);
    expect(stats.status).toBe(200);
    expect(stats.body).toMatchObject({ capacity: 120, sold: 2, held: 0, spotsRemaining: 118, registrations: 1, confirmed: 1, revenueCents: 12400, currency: 'EUR', checkedIn: 1 });
    expect(stats.body.utilization).toBeCloseTo(2 / 120, 4);
    expect(stats.body.timeline).toEqual([{ date: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/), registrations: 1, revenueCents: 12400 }]);
  });

  it('capacity cannot drop below what is sold', async () => {
    const res = await organizer.patch(`/api/events/${eventId}`, { capacity: 1 });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('capacity_below_sold');
  });

  it('cancelling the event cancels registrations, refunds the paid ones and mails the attendees', async () => {
    const cancelled = await organizer.post(`/api/events/${eventId}/cancel`, { reason: 'The venue flooded.' });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.status).toBe('cancelled');
    const reg = await attendee.get(`/api/registrations/${paidRegistrationId}`);
    expect(reg.body.status).toBe('refunded');
    expect(reg.body.tickets.every((tk: { status: string }) => tk.status === 'cancelled')).toBe(true);
    await t.server.home.services.jobs.drain();
    const mailbox = await t.client().get(`/api/dev/mailbox?to=${encodeURIComponent(attendee.user!.email)}`);
    expect(mailbox.body.items.some((m: { subject: string; text: string }) => m.subject === 'Cancelled: Rust Conf Berlin' && m.text.includes('The venue flooded.'))).toBe(true);
    const scan = await organizer.post(`/api/events/${eventId}/checkins`, { qr: tickets[1]!.qr });
    expect(scan.body.result).toBe('cancelled');
    const search = await t.client().get('/api/events?q=rust');
    expect(search.body.items).toEqual([]);
  });

  it('serves the OpenAPI document and a docs page', async () => {
    const doc = await t.client().get('/api/openapi.json');
    expect(doc.status).toBe(200);
    expect(doc.body.openapi).toBe('3.1.0');
    for (const path of ['/api/events', '/api/events/{id}/registrations', '/api/payment-intents/{id}/confirm', '/api/events/{id}/checkins', '/api/events/{id}/stats']) {
      expect(Object.keys(doc.body.paths)).toContain(path);
    }
    // The page is Swagger UI, which draws the operations from the document in the browser (e2e/ checks that).
    const docs = await fetch(`${t.url}/api/docs`);
    expect(docs.status).toBe(200);
    expect(await docs.text()).toContain('/api/docs/swagger-ui-bundle.js');
  });
});
