import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './support/server.js';
import { eventInput, type ApiClient } from './support/client.js';

interface RawAnswer {
  status: number;
  /** Every header but Date, which Node sets on each answer. */
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** A GET over a fresh socket, undecoded: the bytes and headers as they left the server. */
function rawGet(url: string, headers: Record<string, string> = {}): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const { date: _date, ...rest } = res.headers;
        resolve({ status: res.statusCode!, headers: rest, body: Buffer.concat(chunks) });
      });
    });
    req.on('error', reject);
    req.end();
  });
}

describe('the Node server answers repeated anonymous public reads from kept answers, exactly as the app would', () => {
  const allowedOrigin = 'https://partner.example';
  let t: TestServer;
  let organizer: ApiClient;
  let eventId: string;
  const tag = `zkept${Math.random().toString(36).slice(2, 8)}`;

  beforeAll(async () => {
    t = await startTestServer({ env: { CORS_ORIGINS: allowedOrigin } });
    organizer = await t.client().signUpVerified('organizer');
    eventId = (await organizer.post('/api/events', eventInput({ name: `${tag} kept`, ticketTypes: [{ name: 'Free', priceCents: 0 }] }))).body.id;
  });
  afterAll(() => t.stop());

  /** The first answer comes from the app (a miss), the second from the kept copy (a hit). */
  async function missThenHit(path: string, headers: Record<string, string>) {
    const hits = t.server.publicAnswers.hits;
    const fromApp = await rawGet(t.url + path, headers);
    expect(t.server.publicAnswers.hits).toBe(hits);
    const kept = await rawGet(t.url + path, headers);
    expect(t.server.publicAnswers.hits).toBe(hits + 1);
    return { fromApp, kept };
  }

  /** Makes sure `path` is kept (answered from the kept copy at least once). */
  async function keep(path: string, headers: Record<string, string>): Promise<RawAnswer> {
    await rawGet(t.url + path, headers);
    const hits = t.server.publicAnswers.hits;
    const kept = await rawGet(t.url + path, headers);
    expect(t.server.publicAnswers.hits).toBe(hits + 1);
    return kept;
  }

  it('sends header for header and byte for byte what the app sent: each encoding, with and without Origin, 200 and 304', async () => {
    const requests: Record<string, string>[] = [
      { 'accept-encoding': 'identity' },
      { 'accept-encoding': 'gzip, deflate, br' },
      { 'accept-encoding': 'gzip', origin: allowedOrigin },
      { 'accept-encoding': 'gzip', origin: 'https://elsewhere.example' },
    ];
    for (const path of [`/api/events?q=${tag}`, `/api/events/${eventId}`]) {
      for (const headers of requests) {
        const { fromApp, kept } = await missThenHit(path, headers);
        expect(fromApp.status).toBe(200);
        expect(kept).toEqual(fromApp);
        expect(fromApp.headers['x-content-type-options']).toBe('nosniff');
        expect(fromApp.headers['content-security-policy']).toBeTruthy();
        // A revalidation with the ETag the representation was sent with.
        const revalidated = await missThenHit(path, { ...headers, 'if-none-match': String(fromApp.headers.etag) });
        expect(revalidated.fromApp.status).toBe(304);
        expect(revalidated.kept).toEqual(revalidated.fromApp);
      }
    }
    const cors = await rawGet(`${t.url}/api/events/${eventId}`, { 'accept-encoding': 'gzip', origin: allowedOrigin });
    expect(cors.headers['access-control-allow-origin']).toBe(allowedOrigin);
    const foreign = await rawGet(`${t.url}/api/events/${eventId}`, { 'accept-encoding': 'gzip', origin: 'https://elsewhere.example' });
    expect(foreign.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('never answers a request with Authorization or a Cookie from a kept answer', async () => {
    const path = `/api/events/${eventId}`;
    await keep(path, { 'accept-encoding': 'identity' });
    const hits = t.server.publicAnswers.hits;
    const withCookie = await rawGet(t.url + path, { 'accept-encoding': 'identity', cookie: 'session=abc' });
    expect(withCookie.status).toBe(200);
    const withToken = await rawGet(t.url + path, { 'accept-encoding': 'identity', authorization: `Bearer ${organizer.token}` });
    expect(withToken.headers['cache-control']).toBe('private, no-store');
    expect(t.server.publicAnswers.hits).toBe(hits);
  });

  it('keeps an answer no longer than its s-maxage', async () => {
    const path = `/api/events/${eventId}`;
    const kept = await keep(path, { 'accept-encoding': 'identity' });
    const sMaxAge = Number(/s-maxage=(\d+)/.exec(String(kept.headers['cache-control']))![1]);
    t.clock.advance(sMaxAge * 1000);
    const hits = t.server.publicAnswers.hits;
    await rawGet(t.url + path, { 'accept-encoding': 'identity' });
    expect(t.server.publicAnswers.hits).toBe(hits);
  });

  it('drops every kept answer when an event changes, so the next read shows the change', async () => {
    const path = `/api/events/${eventId}`;
    await keep(path, { 'accept-encoding': 'identity' });
    await keep(`/api/events?q=${tag}`, { 'accept-encoding': 'identity' });
    expect((await organizer.patch(`/api/events/${eventId}`, { name: `${tag} renamed` })).status).toBe(200);
    const hits = t.server.publicAnswers.hits;
    expect(JSON.parse((await rawGet(t.url + path, { 'accept-encoding': 'identity' })).body.toString()).name).toBe(`${tag} renamed`);
    expect(JSON.parse((await rawGet(`${t.url}/api/events?q=${tag}`, { 'accept-encoding': 'identity' })).body.toString()).items[0].name).toBe(`${tag} renamed`);
    expect(t.server.publicAnswers.hits).toBe(hits);
  });
});
