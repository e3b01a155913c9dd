import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
    const event = await organizer.post('/api/events', eventInput({ capacity: 50, ticketTypes: undefined, priceCents: 0 }));
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
    const event = await organizer.post('/api/events', eventInput({ capacity: 30, ticketTypes: undefined, priceCents: 1000 }));
    const results = await Promise.all(
      Array.from({ length: 100 }, (_, i) => attendees[i % attendees.length]!.post(`/api/events/${event.body.id}/registrations`, { quantity: 2 })),
    );
    expect(results.filter((r) => r.status === 201)).toHaveLength(15);
    const stats = await organizer.get(`/api/events/${event.body.id}/stats`);
    expect(stats.body).toMatchObject({ sold: 0, held: 30, spotsRemaining: 0 });
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
});
