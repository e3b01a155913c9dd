import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCapturedLine } from '@ticketbooth/testkit';
import { startTestServer, type TestServer } from './support/server.js';
import { ApiClient, TEST_CARDS, eventInput } from './support/client.js';

describe('concurrency over HTTP', () => {
  let t: TestServer;
  let organizer: ApiClient;
  let attendees: ApiClient[];

  beforeAll(async () => {
    t = await startTestServer();
    organizer = await t.client().signUpVerified('organizer');
    attendees = await Promise.all(Array.from({ length: 10 }, () => t.client().signUpVerified('attendee')));
  });
  afterAll(() => t.stop());

  it('500 simultaneous registrations for 50 spots: exactly 50 succeed, the rest are sold_out, and stats agree', async () => {
    // Room for every account to take up to all 50: this test is about the capacity, not the per-account limit.
    const event = await organizer.post('/api/events', eventInput({ capacity: 50, ticketTypes: undefined, priceCents: 0, maxTicketsPerAccount: 50 }));
    const results = await Promise.all(
      Array.from({ length: 500 }, (_, i) => attendees[i % attendees.length]!.post(`/api/events/${event.body.id}/registrations`, { quantity: 1 })),
    );
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(50);
    expect(statuses.filter((s) => s === 409)).toHaveLength(450);
    expect(results.filter((r) => r.status === 409).every((r) => r.body.error.code === 'sold_out')).toBe(true);

    const stats = await organizer.get(`/api/events/${event.body.id}/stats`);
    expect(stats.body).toMatchObject({ sold: 50, held: 0, spotsRemaining: 0, confirmed: 50, registrations: 50 });
    const tickets = await Promise.all(attendees.map((a) => a.get('/api/me/tickets?limit=100')));
    expect(tickets.reduce((n, r) => n + r.body.items.filter((tk: { eventId: string }) => tk.eventId === event.body.id).length, 0)).toBe(50);
  });

  it('paid holds count against capacity while they last', async () => {
    // 7 holds of 2 fill 14 spots with 10 accounts (each holds at most one pending registration per event).
    const event = await organizer.post('/api/events', eventInput({ capacity: 14, ticketTypes: undefined, priceCents: 1000 }));
    const results = await Promise.all(
      Array.from({ length: 100 }, (_, i) => attendees[i % attendees.length]!.post(`/api/events/${event.body.id}/registrations`, { quantity: 2 })),
    );
    expect(results.filter((r) => r.status === 201)).toHaveLength(7);
    const stats = await organizer.get(`/api/events/${event.body.id}/stats`);
    expect(stats.body).toMatchObject({ sold: 0, held: 14, spotsRemaining: 0 });
  });

  it('20 simultaneous paid registrations by one account for one event: one hold, 19 hold_exists naming it', async () => {
    const event = await organizer.post('/api/events', eventInput({ capacity: 50, ticketTypes: undefined, priceCents: 1000 }));
    const buyer = attendees[0]!;
    const results = await Promise.all(Array.from({ length: 20 }, () => buyer.post(`/api/events/${event.body.id}/registrations`, { quantity: 1 })));
    const placed = results.filter((r) => r.status === 201);
    expect(placed).toHaveLength(1);
    const refused = results.filter((r) => r.status !== 201);
    expect(refused.map((r) => [r.status, r.body.error.code, r.body.error.details])).toEqual(
      Array.from({ length: 19 }, () => [409, 'hold_exists', { registrationId: placed[0]!.body.id }]),
    );
    const stats = await organizer.get(`/api/events/${event.body.id}/stats`);
    expect(stats.body).toMatchObject({ held: 1, spotsRemaining: 49 });
  });

  it('40 simultaneous payment-intent creations for one registration make one intent, and paying it charges once', async () => {
    const event = await organizer.post('/api/events', eventInput({ capacity: 5, ticketTypes: undefined, priceCents: 2500 }));
    const buyer = attendees[0]!;
    const reg = await buyer.post(`/api/events/${event.body.id}/registrations`, { quantity: 2 });
    const created = await Promise.all(Array.from({ length: 40 }, () => buyer.post(`/api/registrations/${reg.body.id}/payment-intents`)));
    expect(created.map((r) => r.status).filter((s) => s >= 300)).toEqual([]);
    const intentIds = [...new Set(created.map((r) => r.body.id as string))];
    expect(intentIds).toHaveLength(1);
    // A buyer's page that kept every answer pays each of them: only one charge can come of it.
    for (const id of intentIds) await buyer.post(`/api/payment-intents/${id}/confirm`, { card: TEST_CARDS.ok });
    const charges = readFileSync(join(t.dataDir, 'mock-gateway.jsonl'), 'utf8')
      .split('\n')
      .filter((line) => line.trim())
      .map((line) => JSON.parse(line) as { type: string; key: string })
      .filter((entry) => entry.type === 'charge' && entry.key.startsWith(`${intentIds[0]}:`));
    expect(charges).toHaveLength(1);
    expect((await buyer.get(`/api/registrations/${reg.body.id}`)).body.status).toBe('confirmed');
  });

  it('20 simultaneous scans of one ticket admit exactly one', async () => {
    const event = await organizer.post('/api/events', eventInput({ capacity: 5, ticketTypes: undefined, priceCents: 0 }));
    const reg = await attendees[0]!.post(`/api/events/${event.body.id}/registrations`, { quantity: 1 });
    const qr = reg.body.tickets[0].qr;
    const scans = await Promise.all(Array.from({ length: 20 }, () => organizer.post(`/api/events/${event.body.id}/checkins`, { qr })));
    const results = scans.map((s) => s.body.result);
    expect(results.filter((r) => r === 'admitted')).toHaveLength(1);
    expect(results.filter((r) => r === 'already_used')).toHaveLength(19);
    const stats = await organizer.get(`/api/events/${event.body.id}/stats`);
    expect(stats.body.checkedIn).toBe(1);
  });

  it('90 concurrent link requests for 30 fresh tickets: no 5xx, every link downloads the PDF, each ticket rendered once', async () => {
    const event = await organizer.post('/api/events', eventInput({ capacity: 100, ticketTypes: undefined, priceCents: 0 }));
    const owned = await Promise.all(
      attendees.slice(0, 3).map(async (attendee) => {
        const registration = await attendee.post(`/api/events/${event.body.id}/registrations`, { quantity: 10 });
        expect(registration.status).toBe(201);
        return (registration.body.tickets as { id: string }[]).map((ticket) => ({ attendee, ticketId: ticket.id }));
      }),
    );
    const tickets = owned.flat();
    expect(tickets).toHaveLength(30);

    // Each fresh ticket is asked for three times at once, as a double click and a second tab would.
    const requests = tickets.flatMap((ticket) => [ticket, ticket, ticket]);
    const links = await Promise.all(requests.map(({ attendee, ticketId }) => attendee.post(`/api/tickets/${ticketId}/download-link`)));
    expect(links.filter((link) => link.status >= 500).map((link) => link.text)).toEqual([]);
    expect(links.map((link) => link.status)).toEqual(Array(90).fill(200));

    const downloads = await Promise.all(
      links.map(async (link) => {
        const url = new URL(link.body.url);
        const response = await fetch(`${t.url}${url.pathname}${url.search}`);
        return { status: response.status, type: response.headers.get('content-type'), head: Buffer.from(await response.arrayBuffer()).subarray(0, 5).toString() };
      }),
    );
    expect(downloads.filter((d) => d.status !== 200 || d.type !== 'application/pdf' || d.head !== '%PDF-')).toEqual([]);

    const renders = new Map<string, number>();
    for (const line of t.logs.map(parseCapturedLine)) {
      if (line.msg === 'ticket pdf rendered') renders.set(String(line.ticketId), (renders.get(String(line.ticketId)) ?? 0) + 1);
    }
    expect(Object.fromEntries(renders)).toEqual(Object.fromEntries(tickets.map(({ ticketId }) => [ticketId, 1])));
  });
});
