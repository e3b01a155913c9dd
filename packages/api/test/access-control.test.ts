import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SignJWT } from 'jose';
import { startTestServer, type TestServer } from './support/server.js';
import { ApiClient, TEST_CARDS, eventInput } from './support/client.js';

describe('nobody reads or changes what is not theirs', () => {
  let t: TestServer;
  let orgA: ApiClient;
  let orgB: ApiClient;
  let attA: ApiClient;
  let attB: ApiClient;
  let eventA: string;
  let registrationA: string;
  let ticketA: { id: string; qr: string };

  beforeAll(async () => {
    t = await startTestServer();
    [orgA, orgB, attA, attB] = await Promise.all([
      t.client().signUpVerified('organizer'),
      t.client().signUpVerified('organizer'),
      t.client().signUpVerified('attendee'),
      t.client().signUpVerified('attendee'),
    ]);
    eventA = (await orgA.post('/api/events', eventInput({ ticketTypes: undefined, priceCents: 1000 }))).body.id;
    const reg = await attA.post(`/api/events/${eventA}/registrations`, { quantity: 1 });
    registrationA = reg.body.id;
    const intent = await attA.post(`/api/registrations/${registrationA}/payment-intents`);
    await attA.post(`/api/payment-intents/${intent.body.id}/confirm`, { card: TEST_CARDS.ok });
    ticketA = (await attA.get(`/api/registrations/${registrationA}`)).body.tickets[0];
  });
  afterAll(() => t.stop());

  it('attendees cannot create events', async () => {
    const res = await attA.post('/api/events', eventInput());
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('forbidden');
  });

  it("an attendee cannot read another attendee's registration, tickets, links or calendar", async () => {
    expect((await attB.get(`/api/registrations/${registrationA}`)).status).toBe(404);
    expect((await attB.get(`/api/tickets/${ticketA.id}`)).status).toBe(404);
    expect((await attB.post(`/api/tickets/${ticketA.id}/download-link`)).status).toBe(404);
    expect((await attB.get(`/api/registrations/${registrationA}/calendar.ics`)).status).toBe(404);
    expect((await attB.post(`/api/registrations/${registrationA}/cancel`)).status).toBe(404);
    expect((await attB.post(`/api/registrations/${registrationA}/payment-intents`)).status).toBe(404);
    const mine = await attB.get('/api/me/tickets');
    expect(mine.body.items).toEqual([]);
  });

  it("organizer B cannot read, edit or scan organizer A's event", async () => {
    for (const path of [`/api/events/${eventA}/registrations`, `/api/events/${eventA}/registrations.csv`, `/api/events/${eventA}/stats`, `/api/events/${eventA}/checkin-keys`, `/api/registrations/${registrationA}`, `/api/tickets/${ticketA.id}`]) {
      expect((await orgB.get(path)).status, path).toBe(404);
    }
    expect((await orgB.patch(`/api/events/${eventA}`, { name: 'Hijacked' })).status).toBe(404);
    expect((await orgB.post(`/api/events/${eventA}/cancel`, {})).status).toBe(404);
    expect((await orgB.post(`/api/events/${eventA}/publish`)).status).toBe(404);
    expect((await orgB.post(`/api/events/${eventA}/checkins`, { qr: ticketA.qr })).status).toBe(404);
    // ...and the ticket is still unused.
    expect((await orgA.post(`/api/events/${eventA}/checkins`, { qr: ticketA.qr })).body.result).toBe('admitted');
  });

  it("the event's organizer may read its registrations and tickets", async () => {
    expect((await orgA.get(`/api/registrations/${registrationA}`)).status).toBe(200);
    expect((await orgA.get(`/api/tickets/${ticketA.id}`)).status).toBe(200);
    // but only the holder gets the bearer download link
    expect((await orgA.post(`/api/tickets/${ticketA.id}/download-link`)).status).toBe(404);
  });

  it('every protected route rejects a missing, expired or tampered token', async () => {
    const doc = await t.client().get('/api/openapi.json');
    const protectedOps: [string, string][] = [];
    // Protected: every alternative names a scheme (`[]` is public, `[{}, ...]` takes a token when sent).
    const needsToken = (security?: Record<string, unknown>[]) => !!security?.length && security.every((r) => Object.keys(r).length > 0);
    for (const [path, ops] of Object.entries<Record<string, { security?: Record<string, unknown>[] }>>(doc.body.paths)) {
      for (const [method, op] of Object.entries(ops)) if (needsToken(op.security)) protectedOps.push([method, path]);
    }
    expect(protectedOps.length).toBeGreaterThanOrEqual(20);

    const [header, payload, signature] = attA.token!.split('.');
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString());
    const tampered = [header, Buffer.from(JSON.stringify({ ...claims, role: 'organizer' })).toString('base64url'), signature].join('.');
    const expired = await new SignJWT({ ...claims, exp: Math.floor(Date.now() / 1000) - 60 }).setProtectedHeader({ alg: 'HS256' }).sign(new TextEncoder().encode('not-the-server-secret-not-the-server-secret'));
    const none = [Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url'), payload, ''].join('.');

    let checked = 0;
    for (const [method, path] of protectedOps) {
      const concrete = path.replace('{id}', eventA);
      for (const token of [null, tampered, expired, none, 'garbage']) {
        const res = await t.client().as(token).request(method.toUpperCase(), concrete, ['post', 'patch'].includes(method) ? {} : undefined);
        expect(res.status, `${method} ${path} with ${token ? 'bad' : 'no'} token`).toBe(401);
        expect(res.body.error.code).toBe('unauthorized');
        checked++;
      }
    }
    expect(checked).toBe(protectedOps.length * 5);
  });

  it('a logged-out session stops working at once', async () => {
    const c = await t.client().signUpVerified('attendee');
    expect((await c.get('/api/me')).status).toBe(200);
    expect((await c.post('/api/auth/logout', { refreshToken: c.refreshToken })).status).toBe(204);
    expect((await c.get('/api/me')).status).toBe(401);
    expect((await c.post('/api/auth/refresh', { refreshToken: c.refreshToken })).status).toBe(401);
  });
});
