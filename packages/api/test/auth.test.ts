import { readFileSync, readdirSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './support/server.js';
import { TEST_CARDS, eventInput } from './support/client.js';

/** A login sent from another loopback address (127.0.0.2), which the server sees as another client. */
function logInFrom(localAddress: string, baseUrl: string, email: string, password: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(new URL('/api/auth/login', baseUrl), { method: 'POST', localAddress, headers: { 'content-type': 'application/json' } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode!));
    });
    req.on('error', reject);
    req.end(JSON.stringify({ email, password }));
  });
}

describe('accounts and sessions', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer();
  });
  afterAll(() => t.stop());

  it('sign up -> code by mail -> verify -> log in -> /api/me', async () => {
    const c = t.client();
    const email = 'Mixed.Case@Example.test';
    const signup = await c.post('/api/auth/signup', { email, password: 'a long passphrase', name: 'Mia', role: 'attendee' });
    expect(signup.status).toBe(201);
    expect(signup.body.user).toMatchObject({ email: 'mixed.case@example.test', emailVerified: false, role: 'attendee' });
    expect((await c.logIn(email, 'a long passphrase')).body.error.code).toBe('email_not_verified');
    expect((await c.post('/api/auth/verify-email', { email, code: '000000' })).body.error.code).toBe('invalid_code');
    const code = await c.latestCode('mixed.case@example.test');
    expect((await c.post('/api/auth/verify-email', { email, code })).status).toBe(200);
    const login = await c.logIn('MIXED.case@example.test', 'a long passphrase');
    expect(login.status).toBe(200);
    expect(login.body.expiresIn).toBeGreaterThan(0);
    expect((await c.get('/api/me')).body.user.email).toBe('mixed.case@example.test');
    expect((await t.client().post('/api/auth/signup', { email: 'MIXED.CASE@example.test', password: 'another one!', name: 'X', role: 'organizer' })).body.error.code).toBe('email_taken');
  });

  it('wrong password and unknown email get the same answer', async () => {
    const c = await t.client().signUpVerified('attendee');
    const wrong = await t.client().logIn(c.user!.email, 'wrong password');
    const unknown = await t.client().logIn('nobody-here@example.test', 'wrong password');
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body).toEqual(unknown.body);
    const resendKnown = await t.client().post('/api/auth/resend-verification', { email: c.user!.email });
    const resendUnknown = await t.client().post('/api/auth/resend-verification', { email: 'nobody-here@example.test' });
    expect(resendKnown.status).toBe(202);
    expect(resendUnknown.status).toBe(202);
  });

  it('login attempts are rate limited', async () => {
    const c = await t.client().signUpVerified('attendee');
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) statuses.push((await t.client().logIn(c.user!.email, `wrong-${i}`)).status);
    expect(statuses).toContain(429);
    expect(statuses.slice(0, 3).every((s) => s === 401)).toBe(true);
    const blocked = await t.client().logIn(c.user!.email, 'correct horse battery');
    expect(blocked.status).toBe(429);
    expect(blocked.body.error.code).toBe('too_many_attempts');
    expect(Number(blocked.headers.get('retry-after'))).toBe(15 * 60);
  });

  it("5 wrong passwords from one address do not stop the owner's correct login from another", async () => {
    const c = await t.client().signUpVerified('attendee');
    for (let i = 0; i < 6; i++) await t.client().logIn(c.user!.email, `attacker-guess-${i}`);
    expect((await t.client().logIn(c.user!.email, 'correct horse battery')).status).toBe(429);
    expect(await logInFrom('127.0.0.2', t.url, c.user!.email, 'correct horse battery')).toBe(200);
  });

  it('refresh rotates the token, and reusing a rotated one after 30 s ends the whole session family', async () => {
    const c = await t.client().signUpVerified('attendee');
    const old = c.refreshToken!;
    const rotated = await c.post('/api/auth/refresh', { refreshToken: old });
    expect(rotated.status).toBe(200);
    expect(rotated.body.refreshToken).not.toBe(old);
    t.clock.advance(31_000);
    const reuse = await c.post('/api/auth/refresh', { refreshToken: old });
    expect(reuse.status).toBe(401);
    const afterTheft = await c.post('/api/auth/refresh', { refreshToken: rotated.body.refreshToken });
    expect(afterTheft.status).toBe(401);
    expect((await c.as(rotated.body.accessToken).get('/api/me')).status).toBe(401);
  });

  it('two tabs refreshing at once both get the same new pair, and the session lives', async () => {
    const c = await t.client().signUpVerified('attendee');
    const [a, b] = await Promise.all([0, 1].map(() => c.post('/api/auth/refresh', { refreshToken: c.refreshToken })));
    expect([a!.status, b!.status]).toEqual([200, 200]);
    expect(b!.body).toEqual(a!.body);
    expect((await c.as(a!.body.accessToken).get('/api/me')).status).toBe(200);
    expect((await c.post('/api/auth/refresh', { refreshToken: a!.body.refreshToken })).status).toBe(200);
  });

  it('with the password-hash queue full, sign-up answers 503 busy with Retry-After instead of waiting', async () => {
    const tiny = await startTestServer({ env: { PASSWORD_HASH_CONCURRENCY: '1', PASSWORD_HASH_QUEUE: '0' } });
    const answers = await Promise.all(
      Array.from({ length: 6 }, (_, i) => tiny.client().post('/api/auth/signup', { email: `rush-${i}@example.test`, password: 'a long passphrase', name: 'Rush', role: 'attendee' })),
    ).finally(() => tiny.stop());
    const busy = answers.filter((a) => a.status === 503);
    expect(answers.filter((a) => a.status === 201).length).toBeGreaterThanOrEqual(1);
    expect(busy.length).toBeGreaterThanOrEqual(1);
    expect(busy.every((a) => a.body.error.code === 'busy' && Number(a.headers.get('retry-after')) >= 1)).toBe(true);
    expect(answers.every((a) => a.status === 201 || a.status === 503)).toBe(true);
  });

  it('passwords, codes, tokens and card numbers are never stored in clear or logged', async () => {
    const password = 'Sup3r-Secret-Passphrase';
    const c = t.client();
    const email = 'secret-keeper@example.test';
    await c.post('/api/auth/signup', { email, password, name: 'Keeper', role: 'attendee' });
    const code = await c.latestCode(email);
    await c.post('/api/auth/verify-email', { email, code });
    await c.logIn(email, password);
    const organizer = await t.client().signUpVerified('organizer');
    const eventId = (await organizer.post('/api/events', eventInput({ ticketTypes: undefined, priceCents: 100 }))).body.id;
    const reg = await c.post(`/api/events/${eventId}/registrations`, { quantity: 1 });
    const intent = await c.post(`/api/registrations/${reg.body.id}/payment-intents`);
    await c.post(`/api/payment-intents/${intent.body.id}/confirm`, { card: TEST_CARDS.ok });
    const link = await c.post(`/api/tickets/${reg.body.tickets?.[0]?.id ?? (await c.get(`/api/registrations/${reg.body.id}`)).body.tickets[0].id}/download-link`);
    await fetch(link.body.url.replace('http://127.0.0.1:0', t.url));

    const stored = readdirSync(t.dataDir)
      .filter((f) => !f.endsWith('.json'))
      .map((f) => { try { return readFileSync(join(t.dataDir, f)).toString('latin1'); } catch { return ''; } })
      .join('\n');
    const logs = t.logs.join('\n');
    const sig = new URL(link.body.url).searchParams.get('sig')!;
    for (const secret of [password, c.token!, c.refreshToken!, '4242424242424242', '4242 4242 4242 4242', sig]) {
      expect(stored.includes(secret), `stored: ${secret.slice(0, 6)}…`).toBe(false);
      expect(logs.includes(secret), `logged: ${secret.slice(0, 6)}…`).toBe(false);
    }
    expect(logs.includes(code)).toBe(false);
    expect(t.logs.length).toBeGreaterThan(10);
  });
});
