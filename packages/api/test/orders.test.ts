import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pdfFile, pdftotext } from '../../tickets/test/poppler.js';
import { decodeQrFromPdf } from '../../../e2e/support/qr-media.js';
import { startTestServer, type TestServer } from './support/server.js';
import { ApiClient, TEST_CARDS, eventInput } from './support/client.js';

interface Ticket { id: string; qr: string; status: string; attendeeName: string }
interface MailboxItem { subject: string; text: string; attachments: { filename: string }[] }

describe("the organizer's order tools and the attendee's cancel of one ticket", () => {
  let t: TestServer;
  let organizer: ApiClient;
  let otherOrganizer: ApiClient;
  let attendee: ApiClient;

  beforeAll(async () => {
    t = await startTestServer();
    [organizer, otherOrganizer, attendee] = await Promise.all([
      t.client().signUpVerified('organizer', 'Olga Organizer'),
      t.client().signUpVerified('organizer', 'Otto Other'),
      t.client().signUpVerified('attendee', 'Ada Attendee'),
    ]);
  });
  afterAll(() => t.stop());

  const mailbox = async (): Promise<MailboxItem[]> => (await t.client().get(`/api/dev/mailbox?to=${encodeURIComponent(attendee.user!.email)}`)).body.items;
  const ledger = () => readFileSync(join(t.dataDir, 'mock-gateway.jsonl'), 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line));

  /** A paid order of `quantity` tickets at `priceCents` each, on an event with `capacity` spots. */
  const paidOrder = async (quantity: number, priceCents: number, extra: Record<string, unknown> = {}) => {
    const event = await organizer.post('/api/events', eventInput({ capacity: 10, ticketTypes: undefined, priceCents, ...extra }));
    expect(event.status).toBe(201);
    const reg = await attendee.post(`/api/events/${event.body.id}/registrations`, { quantity });
    const intent = await attendee.post(`/api/registrations/${reg.body.id}/payment-intents`);
    expect((await attendee.post(`/api/payment-intents/${intent.body.id}/confirm`, { card: TEST_CARDS.ok })).status).toBe(200);
    const paid = await attendee.get(`/api/registrations/${reg.body.id}`);
    return { eventId: event.body.id as string, registrationId: reg.body.id as string, tickets: paid.body.tickets as Ticket[] };
  };

  it('refunds 1 of 3 tickets: exactly its share back through the gateway, one spot released, the reason kept and mailed', async () => {
    const { eventId, registrationId, tickets } = await paidOrder(3, 1500);
    const refund = await organizer.post(`/api/registrations/${registrationId}/refund`, { ticketIds: [tickets[1]!.id], reason: 'Moved to another date' });
    expect(refund.status).toBe(200);
    expect(refund.body).toMatchObject({ status: 'confirmed', quantity: 2 });
    expect(refund.body.tickets.map((tk: Ticket) => tk.status)).toEqual(['valid', 'cancelled', 'valid']);
    expect((await t.client().get(`/api/events/${eventId}`)).body.spotsRemaining).toBe(8);

    const refunds = ledger().filter((e) => e.type === 'refund' && e.amountCents !== undefined);
    expect(refunds.at(-1)).toMatchObject({ amountCents: 1500 });

    const history = await organizer.get(`/api/registrations/${registrationId}/history`);
    expect(history.status).toBe(200);
    expect(history.body).toMatchObject({ amountCents: 4500, refundedCents: 1500 });
    expect(history.body.items.map((i: { kind: string }) => i.kind)).toEqual(['placed', 'paid', 'refunded']);
    expect(history.body.items[2]).toMatchObject({ amountCents: 1500, ticketIds: [tickets[1]!.id], reason: 'Moved to another date', by: 'organizer' });

    const mail = (await mailbox()).find((m) => m.subject.startsWith('Refunded: 1 ticket'));
    expect(mail?.text).toContain('Moved to another date');
    expect(mail?.text).toContain('EUR 15.00');

    const stats = await organizer.get(`/api/events/${eventId}/stats`);
    expect(stats.body).toMatchObject({ sold: 2, revenueCents: 3000 });
    expect(stats.body.byTicketType).toEqual([expect.objectContaining({ sold: 2, revenueCents: 3000, checkedIn: 0 })]);
  });

  it('refunds the same ticket once, and a whole order refunded ticket by ticket adds up to what was paid', async () => {
    const { registrationId, tickets } = await paidOrder(3, 1000);
    const twice = await Promise.all([0, 1, 2, 3, 4].map(() => organizer.post(`/api/registrations/${registrationId}/refund`, { ticketIds: [tickets[0]!.id] })));
    expect(twice.map((r) => r.status).sort()).toEqual([200, 409, 409, 409, 409]);
    const rest = await organizer.post(`/api/registrations/${registrationId}/refund`, {});
    expect(rest.status).toBe(200);
    expect(rest.body.status).toBe('refunded');
    const history = await organizer.get(`/api/registrations/${registrationId}/history`);
    expect(history.body.refundedCents).toBe(3000);
  });

  it("answers another organizer 404 and the buyer 404 (attendees cancel, organizers refund), changing nothing", async () => {
    const { registrationId, tickets } = await paidOrder(1, 1000);
    expect((await otherOrganizer.post(`/api/registrations/${registrationId}/refund`, {})).status).toBe(404);
    expect((await attendee.post(`/api/registrations/${registrationId}/refund`, {})).status).toBe(404);
    expect((await otherOrganizer.patch(`/api/tickets/${tickets[0]!.id}`, { attendeeName: 'Mallory' })).status).toBe(404);
    expect((await otherOrganizer.post(`/api/registrations/${registrationId}/resend`)).status).toBe(404);
    expect((await otherOrganizer.get(`/api/registrations/${registrationId}/history`)).status).toBe(404);
    expect((await attendee.get(`/api/registrations/${registrationId}`)).body.tickets[0]).toMatchObject({ status: 'valid', attendeeName: 'Ada Attendee' });
  });

  it('refuses a refund of an admitted ticket, and a ticket of another order', async () => {
    const { eventId, registrationId, tickets } = await paidOrder(2, 1000);
    expect((await organizer.post(`/api/events/${eventId}/checkins`, { qr: tickets[0]!.qr })).body.result).toBe('admitted');
    const used = await organizer.post(`/api/registrations/${registrationId}/refund`, { ticketIds: [tickets[0]!.id] });
    expect(used.status).toBe(409);
    expect(used.body.error).toMatchObject({ code: 'invalid_state', details: { reason: 'ticket_used' } });
    const stranger = await organizer.post(`/api/registrations/${registrationId}/refund`, { ticketIds: ['tkt_not_in_this_order'] });
    expect(stranger.status).toBe(400);
  });

  it('resends the ticket mail with the PDFs again', async () => {
    const { registrationId } = await paidOrder(2, 1000);
    const before = (await mailbox()).filter((m) => m.subject.startsWith('Your tickets')).length;
    expect((await organizer.post(`/api/registrations/${registrationId}/resend`)).status).toBe(202);
    expect((await attendee.post(`/api/registrations/${registrationId}/resend`)).status).toBe(202);
    const after = (await mailbox()).filter((m) => m.subject.startsWith('Your tickets'));
    expect(after.length).toBe(before + 2);
    expect(after[0]!.attachments.map((a) => a.filename)).toEqual(['ticket-1.pdf', 'ticket-2.pdf', 'event.ics']);
  });

  it('renames a ticket: the downloaded PDF shows the new name, the QR is the same; refused once admitted', async () => {
    const { eventId, tickets } = await paidOrder(2, 1000);
    const downloaded = async (ticketId: string) => {
      const pdf = await attendee.ticketPdf(ticketId);
      const file = pdfFile(new Uint8Array(await pdf.arrayBuffer()));
      return { text: pdftotext(file), qr: decodeQrFromPdf(file) };
    };
    const before = await downloaded(tickets[0]!.id);
    expect(before.text).toContain('Ada Attendee');
    expect(before.qr).toBe(tickets[0]!.qr);
    const renamed = await organizer.patch(`/api/tickets/${tickets[0]!.id}`, { attendeeName: 'Grace Hopper' });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ attendeeName: 'Grace Hopper', qr: tickets[0]!.qr });
    const after = await downloaded(tickets[0]!.id);
    expect(after.text).toContain('Grace Hopper');
    expect(after.text).not.toContain('Ada Attendee');
    expect(after.qr).toBe(tickets[0]!.qr);

    expect((await organizer.post(`/api/events/${eventId}/checkins`, { qr: tickets[1]!.qr })).body.result).toBe('admitted');
    const late = await attendee.patch(`/api/tickets/${tickets[1]!.id}`, { attendeeName: 'Someone Else' });
    expect(late.status).toBe(409);
    expect(late.body.error.details).toEqual({ reason: 'ticket_used' });
    expect((await attendee.patch(`/api/tickets/${tickets[0]!.id}`, { attendeeName: '  ' })).status).toBe(400);
  });

  it("lets the attendee cancel one ticket with its share refunded before the cutoff, and refuses after it", async () => {
    const startsAt = new Date(t.clock.now().getTime() + 72 * 3_600_000);
    const { eventId, registrationId, tickets } = await paidOrder(3, 2000, {
      startsAt: startsAt.toISOString(), endsAt: new Date(startsAt.getTime() + 3_600_000).toISOString(), attendeeCancellationCutoffHours: 48,
    });
    const cancelled = await attendee.post(`/api/tickets/${tickets[2]!.id}/cancel`);
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.status).toBe('cancelled');
    expect(ledger().filter((e) => e.type === 'refund').at(-1)).toMatchObject({ amountCents: 2000 });
    expect((await attendee.get(`/api/registrations/${registrationId}`)).body).toMatchObject({ status: 'confirmed', quantity: 2 });
    expect((await t.client().get(`/api/events/${eventId}`)).body.spotsRemaining).toBe(8);
    // Someone else's ticket is not theirs to cancel.
    expect((await organizer.post(`/api/tickets/${tickets[0]!.id}/cancel`)).status).toBe(404);

    t.clock.advance(25 * 3_600_000);
    await Promise.all([attendee.renew(), organizer.renew()]);
    const late = await attendee.post(`/api/tickets/${tickets[0]!.id}/cancel`);
    expect(late.status).toBe(409);
    expect(late.body.error).toMatchObject({ code: 'cancellation_closed', details: { reason: 'cutoff_passed' } });
    expect((await attendee.get(`/api/tickets/${tickets[0]!.id}`)).body.status).toBe('valid');
  });

  it('exports one CSV row per ticket, UTF-8 with a BOM, a Cyrillic and a CJK name intact', async () => {
    const { eventId, tickets } = await paidOrder(2, 1250, { timezone: 'Asia/Tokyo' });
    await organizer.patch(`/api/tickets/${tickets[0]!.id}`, { attendeeName: 'Анна Каренина' });
    await organizer.patch(`/api/tickets/${tickets[1]!.id}`, { attendeeName: '山田 太郎' });
    expect((await organizer.post(`/api/events/${eventId}/checkins`, { qr: tickets[1]!.qr })).body.result).toBe('admitted');
    const res = await fetch(`${t.url}/api/events/${eventId}/registrations.csv`, { headers: { authorization: `Bearer ${organizer.token}` } });
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parse(new TextDecoder('utf-8', { ignoreBOM: false }).decode(bytes), { columns: true }) as Record<string, string>[];
    expect(rows.map((r) => r.attendeeName)).toEqual(['Анна Каренина', '山田 太郎']);
    expect(rows[0]).toMatchObject({ ticketId: tickets[0]!.id, amount: '12.50', currency: 'EUR', status: 'valid', attendeeEmail: attendee.user!.email });
    expect(rows[1]!['checkedInAt (Asia/Tokyo)']).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
  });
});
