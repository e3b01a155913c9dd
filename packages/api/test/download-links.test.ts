import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCapturedLine } from '@ticketbooth/testkit';
import { startTestServer, type TestServer } from './support/server.js';
import { ApiClient, eventInput } from './support/client.js';

describe('download links under concurrency', () => {
  let t: TestServer;
  let organizer: ApiClient;
  let attendees: ApiClient[];

  beforeAll(async () => {
    t = await startTestServer();
    organizer = await t.client().signUpVerified('organizer');
    attendees = await Promise.all(Array.from({ length: 3 }, () => t.client().signUpVerified('attendee')));
  });
  afterAll(() => t.stop());

  it('90 concurrent link requests for 30 fresh tickets: no 5xx, every link downloads the PDF, each ticket rendered once', async () => {
    const event = await organizer.post('/api/events', eventInput({ capacity: 100, ticketTypes: undefined, priceCents: 0 }));
    const owned = await Promise.all(
      attendees.map(async (attendee) => {
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
