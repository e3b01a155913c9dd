import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type * as Client from '../src/api/client.js';
import { ApiError } from '../src/api/errors.js';

/** The typed client's session behaviour, against a fake fetch: tokens, one refresh on 401, errors. */

interface Sent {
  method: string;
  url: string;
  authorization: string | null;
  idempotencyKey: string | null;
  body: string;
}

const storage = new Map<string, string>();
let sent: Sent[] = [];
let answer: (request: Sent) => Response = () => new Response(null, { status: 500 });
let client: typeof Client;

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const tokens = (n: number) => ({ accessToken: `access-${n}`, refreshToken: `refresh-${n}`, expiresIn: 900 });
const user = { id: 'usr_1', email: 'ada@example.org', name: 'Ada', role: 'attendee' as const, emailVerified: true };

beforeAll(async () => {
  vi.stubGlobal('location', { origin: 'http://app.test' });
  vi.stubGlobal('localStorage', {
    getItem: (k: string) => storage.get(k) ?? null,
    setItem: (k: string, v: string) => void storage.set(k, v),
    removeItem: (k: string) => void storage.delete(k),
  });
  vi.stubGlobal('fetch', async (request: Request) => {
    const seen: Sent = {
      method: request.method,
      url: request.url,
      authorization: request.headers.get('authorization'),
      idempotencyKey: request.headers.get('idempotency-key'),
      body: await request.text(),
    };
    sent.push(seen);
    return answer(seen);
  });
  client = await import('../src/api/client.js');
});

beforeEach(() => {
  sent = [];
  storage.clear();
  client.clearTokens();
});

describe('the typed API client', () => {
  it('sends the access token with api and none with publicApi', async () => {
    client.storeTokens(tokens(1));
    answer = () => json({ user });
    expect(await client.ok(client.api.GET('/api/me'))).toEqual({ user });
    await client.ok(client.publicApi.GET('/api/events', { params: { query: { limit: 5 } } })).catch(() => undefined);
    expect(sent.map((s) => [s.url, s.authorization])).toEqual([
      ['http://app.test/api/me', 'Bearer access-1'],
      ['http://app.test/api/events?limit=5', null],
    ]);
  });

  it('on a 401 refreshes once, then sends the same request again with the new token', async () => {
    client.storeTokens(tokens(1));
    answer = (r) => {
      if (r.url.endsWith('/api/auth/refresh')) return json(tokens(2));
      return r.authorization === 'Bearer access-2' ? json({ id: 'reg_1' }, 201) : json({ error: { code: 'unauthorized', message: 'Expired.' } }, 401);
    };
    const body = { lines: [{ ticketTypeId: 'tt_1', quantity: 2 }] };
    const registered = await client.ok(
      client.api.POST('/api/events/{id}/registrations', { params: { path: { id: 'evt_1' }, header: { 'Idempotency-Key': 'key-1' } }, body }),
    );
    expect(registered).toEqual({ id: 'reg_1' });
    expect(sent.map((s) => [s.url.replace('http://app.test', ''), s.authorization, s.idempotencyKey, s.body])).toEqual([
      ['/api/events/evt_1/registrations', 'Bearer access-1', 'key-1', JSON.stringify(body)],
      ['/api/auth/refresh', null, null, JSON.stringify({ refreshToken: 'refresh-1' })],
      ['/api/events/evt_1/registrations', 'Bearer access-2', 'key-1', JSON.stringify(body)],
    ]);
    expect(client.storedRefreshToken()).toBe('refresh-2');
  });

  it('says the session expired when the refresh is refused, and forgets the refresh token', async () => {
    client.storeTokens(tokens(1));
    const expired = vi.fn();
    client.setSessionExpiredHandler(expired);
    answer = () => json({ error: { code: 'unauthorized', message: 'Expired.' } }, 401);
    const error = await client.ok(client.api.GET('/api/me')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 401, code: 'unauthorized' });
    expect(expired).toHaveBeenCalledTimes(1);
    expect(client.storedRefreshToken()).toBeNull();
  });

  it("turns the server's error body into an ApiError with its code and details, and a lost connection into network", async () => {
    answer = () => json({ error: { code: 'sold_out', message: 'Sold out.', details: { spotsRemaining: 1 } } }, 409);
    const soldOut = await client.ok(client.publicApi.GET('/api/events')).catch((e: unknown) => e);
    expect(soldOut).toMatchObject({ status: 409, code: 'sold_out', serverMessage: 'Sold out.', details: { spotsRemaining: 1 }, message: 'Sorry, only 1 spot left.' });

    answer = () => new Response('<html>bad gateway</html>', { status: 502, statusText: 'Bad Gateway' });
    expect(await client.ok(client.publicApi.GET('/api/events')).catch((e: unknown) => e)).toMatchObject({ status: 502, code: 'http_502' });

    answer = () => {
      throw new TypeError('fetch failed');
    };
    expect(await client.ok(client.publicApi.GET('/api/events')).catch((e: unknown) => e)).toMatchObject({ status: 0, code: 'network' });
  });

  it('answers undefined for a success without a body', async () => {
    client.storeTokens(tokens(1));
    answer = () => new Response(null, { status: 204 });
    expect(await client.ok(client.api.POST('/api/auth/logout', { body: { refreshToken: 'refresh-1' } }))).toBeUndefined();
  });
});
