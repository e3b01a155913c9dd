import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './support/server.js';
import { ApiClient, eventInput } from './support/client.js';

describe('public reads can be cached by browsers and CDNs; answers to a token never are', () => {
  let t: TestServer;
  let organizer: ApiClient;
  let anonymous: ApiClient;
  let eventId: string;
  let draftId: string;
  const tag = `zcache${Math.random().toString(36).slice(2, 8)}`;
  const listing = `/api/events?q=${tag}`;

  beforeAll(async () => {
    t = await startTestServer();
    organizer = await t.client().signUpVerified('organizer');
    anonymous = t.client();
    eventId = (await organizer.post('/api/events', eventInput({ name: `${tag} free`, ticketTypes: [{ name: 'Free', priceCents: 0 }] }))).body.id;
    draftId = (await organizer.post('/api/events', eventInput({ name: `${tag} draft`, publish: false }))).body.id;
    // A second published event, so the listing holds more than one.
    expect((await organizer.post('/api/events', eventInput({ name: `${tag} later`, startsAt: '2030-01-01T10:00:00.000Z', endsAt: '2030-01-01T12:00:00.000Z' }))).status).toBe(201);
  });
  afterAll(() => t.stop());

  const publicCacheControl = /^public, max-age=\d+, s-maxage=\d+, stale-while-revalidate=\d+$/;

  it('answers the anonymous listing and event page with public cache headers and a strong ETag', async () => {
    for (const path of [listing, `/api/events/${eventId}`]) {
      const res = await anonymous.request('GET', path, undefined, { 'accept-encoding': 'identity' });
      expect(res.status).toBe(200);
      expect(res.headers.get('cache-control')).toMatch(publicCacheControl);
      expect(res.headers.get('etag')).toMatch(/^"[A-Za-z0-9_-]+"$/);
      expect(res.headers.get('vary')).toMatch(/Authorization/);
    }
  });

  it('answers 304 with no body to the current ETag, weak or strong, and 200 to another', async () => {
    const first = await anonymous.get(`/api/events/${eventId}`);
    const etag = first.headers.get('etag')!;
    for (const ifNoneMatch of [etag, `W/${etag}`, `"other", ${etag}`, '*']) {
      const again = await anonymous.request('GET', `/api/events/${eventId}`, undefined, { 'if-none-match': ifNoneMatch });
      expect(again.status).toBe(304);
      expect(again.text).toBe('');
      expect(again.headers.get('etag')).toBe(etag);
      expect(again.headers.get('cache-control')).toMatch(publicCacheControl);
    }
    const stale = await anonymous.request('GET', `/api/events/${eventId}`, undefined, { 'if-none-match': '"not-this-version"' });
    expect(stale.status).toBe(200);
    expect(stale.body.id).toBe(eventId);
  });

  it('serves gzip prepared once, under a strong ETag of its own that a gzip client gets 304 for', async () => {
    const plain = await anonymous.request('GET', listing, undefined, { 'accept-encoding': 'identity' });
    expect(plain.headers.get('content-encoding')).toBeNull();
    const gzipped = await fetch(t.url + listing, { headers: { 'accept-encoding': 'gzip' } });
    expect((await gzipped.json()).items[0].name).toBe(`${tag} free`);
    expect(gzipped.headers.get('content-encoding')).toBe('gzip');
    const etag = gzipped.headers.get('etag')!;
    expect(etag).toMatch(/^"[A-Za-z0-9_.-]+"$/);
    expect(etag).not.toBe(plain.headers.get('etag'));
    expect((await fetch(t.url + listing, { headers: { 'accept-encoding': 'gzip', 'if-none-match': etag } })).status).toBe(304);
    expect((await fetch(t.url + listing, { headers: { 'accept-encoding': 'identity', 'if-none-match': etag } })).status).toBe(200);
  });

  it('changes the ETag once a registration changes spots remaining, in the listing and on the event page', async () => {
    const before = await anonymous.get(`/api/events/${eventId}`);
    const listed = await anonymous.get(listing);
    const attendee = await t.client().signUpVerified('attendee');
    expect((await attendee.post(`/api/events/${eventId}/registrations`, { quantity: 2 })).status).toBe(201);

    const after = await anonymous.request('GET', `/api/events/${eventId}`, undefined, { 'if-none-match': before.headers.get('etag')! });
    expect(after.status).toBe(200);
    expect(after.body.spotsRemaining).toBe(before.body.spotsRemaining - 2);
    expect(after.headers.get('etag')).not.toBe(before.headers.get('etag'));
    const relisted = await anonymous.request('GET', listing, undefined, { 'if-none-match': listed.headers.get('etag')! });
    expect(relisted.status).toBe(200);
    expect(relisted.body.items[0].spotsRemaining).toBe(before.body.spotsRemaining - 2);
  });

  it('answers a request with a token private and unstored, with no ETag, and never 304 from the public tag', async () => {
    const etag = (await anonymous.get(`/api/events/${eventId}`)).headers.get('etag')!;
    for (const path of [listing, `/api/events/${eventId}`]) {
      const res = await organizer.request('GET', path, undefined, { 'if-none-match': etag });
      expect(res.status).toBe(200);
      expect(res.headers.get('cache-control')).toBe('private, no-store');
      expect(res.headers.get('etag')).toBeNull();
    }
  });

  it('never lets a draft be cached publicly: 404 unstored to anyone, private to its organizer', async () => {
    const hidden = await anonymous.get(`/api/events/${draftId}`);
    expect(hidden.status).toBe(404);
    expect(hidden.headers.get('cache-control')).toBe('no-store');
    expect(hidden.headers.get('etag')).toBeNull();
    const own = await organizer.get(`/api/events/${draftId}`);
    expect(own.status).toBe(200);
    expect(own.body.status).toBe('draft');
    expect(own.headers.get('cache-control')).toBe('private, no-store');
    expect(own.headers.get('etag')).toBeNull();
    // Published later, it becomes public, and the 404 was not kept.
    expect((await organizer.post(`/api/events/${draftId}/publish`)).status).toBe(200);
    const published = await anonymous.get(`/api/events/${draftId}`);
    expect(published.status).toBe(200);
    expect(published.headers.get('cache-control')).toMatch(publicCacheControl);
  });
});
