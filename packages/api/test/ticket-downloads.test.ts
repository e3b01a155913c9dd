import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './support/server.js';
import { ApiClient, eventInput } from './support/client.js';

/** A POST with headers fetch may not set (Host), as a phone on the LAN or a proxy sends it. */
function postRaw(url: string, token: string, headers: Record<string, string>): Promise<{ status: number; body: { url: string } }> {
  return new Promise((done, fail) => {
    request(url, { method: 'POST', headers: { authorization: `Bearer ${token}`, ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => done({ status: res.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString()) }));
    })
      .on('error', fail)
      .end();
  });
}

const pages = (pdf: Buffer) => pdf.toString('latin1').match(/\/Type \/Page\b/g)?.length ?? 0;

async function registeredFor(organizer: ApiClient, attendee: ApiClient, overrides: Record<string, unknown>) {
  const event = await organizer.post('/api/events', eventInput({ ticketTypes: undefined, priceCents: 0, ...overrides }));
  expect(event.status).toBe(201);
  const registration = await attendee.post(`/api/events/${event.body.id}/registrations`, { quantity: 2 });
  expect(registration.body.status).toBe('confirmed');
  return registration.body as { id: string; tickets: { id: string }[] };
}

describe('ticket downloads', () => {
  let t: TestServer;
  let organizer: ApiClient;
  let attendee: ApiClient;
  let order: { id: string; tickets: { id: string }[] };

  beforeAll(async () => {
    t = await startTestServer();
    organizer = await t.client().signUpVerified('organizer', 'Olga Organizer');
    attendee = await t.client().signUpVerified('attendee', 'Ada Lovelace');
    order = await registeredFor(organizer, attendee, { name: 'Tech Summit 2026', timezone: 'America/New_York' });
  });
  afterAll(() => t.stop());

  it('builds the link from the address the request came to when PUBLIC_URL is not set, and ignores untrusted forwarded headers', async () => {
    const link = await postRaw(`${t.url}/api/tickets/${order.tickets[0]!.id}/download-link`, attendee.token!, {
      host: '192.168.1.5:3000',
      'x-forwarded-host': 'evil.example',
      'x-forwarded-proto': 'https',
    });
    expect(link.status).toBe(200);
    expect(link.body.url).toMatch(/^http:\/\/192\.168\.1\.5:3000\/api\/files\/tickets\//);
  });

  it('names the PDF after the event and the attendee, and prints a US event on Letter', async () => {
    const link = await attendee.post(`/api/tickets/${order.tickets[0]!.id}/download-link`);
    expect(new URL(link.body.url).origin).toBe(t.url);
    const pdf = await fetch(link.body.url);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-disposition')).toBe(`attachment; filename="tech-summit-2026-ada-lovelace.pdf"; filename*=UTF-8''tech-summit-2026-ada-lovelace.pdf`);
    expect(Buffer.from(await pdf.arrayBuffer()).toString('latin1')).toContain('/MediaBox [0 0 612 792]');
  });

  it('gives the owner every ticket of the order in one PDF, a page each; nobody else', async () => {
    const all = await fetch(`${t.url}/api/registrations/${order.id}/tickets.pdf`, { headers: { authorization: `Bearer ${attendee.token}` } });
    expect(all.status).toBe(200);
    expect(all.headers.get('content-type')).toBe('application/pdf');
    expect(all.headers.get('content-disposition')).toContain('filename="tech-summit-2026-tickets.pdf"');
    expect(pages(Buffer.from(await all.arrayBuffer()))).toBe(2);

    const stranger = await t.client().signUpVerified('attendee');
    expect((await stranger.get(`/api/registrations/${order.id}/tickets.pdf`)).status).toBe(404);
    expect((await organizer.get(`/api/registrations/${order.id}/tickets.pdf`)).status).toBe(404);
    expect((await t.client().get(`/api/registrations/${order.id}/tickets.pdf`)).status).toBe(401);
  });

  it('slugs a name in any alphabet and sends it exactly as filename*, and prints a Berlin event on A4', async () => {
    const other = await registeredFor(organizer, attendee, { name: '東京 Meetup', timezone: 'Europe/Berlin' });
    const link = await attendee.post(`/api/tickets/${other.tickets[0]!.id}/download-link`);
    const pdf = await fetch(link.body.url);
    expect(pdf.headers.get('content-disposition')).toBe(
      `attachment; filename="__-meetup-ada-lovelace.pdf"; filename*=UTF-8''${encodeURIComponent('東京-meetup-ada-lovelace.pdf')}`,
    );
    expect(Buffer.from(await pdf.arrayBuffer()).toString('latin1')).toMatch(/\/MediaBox \[0 0 595\.2\d* 841\.8\d*\]/);
  });
});

describe('ticket links behind a trusted proxy', () => {
  let t: TestServer;

  beforeAll(async () => {
    t = await startTestServer({ env: { TRUST_PROXY: '1' } });
  });
  afterAll(() => t.stop());

  it('follow the forwarded host and protocol', async () => {
    const organizer = await t.client().signUpVerified('organizer');
    const attendee = await t.client().signUpVerified('attendee');
    const order = await registeredFor(organizer, attendee, {});
    const link = await postRaw(`${t.url}/api/tickets/${order.tickets[0]!.id}/download-link`, attendee.token!, { 'x-forwarded-host': 'tickets.example.org', 'x-forwarded-proto': 'https' });
    expect(link.body.url).toMatch(/^https:\/\/tickets\.example\.org\/api\/files\/tickets\//);
  });
});
