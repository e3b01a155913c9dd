import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './support/server.js';
import { ApiClient, eventInput } from './support/client.js';

describe('bad input gets a 4xx with the documented error body, never a 500', () => {
  let t: TestServer;
  let organizer: ApiClient;
  let attendee: ApiClient;
  let eventId: string;

  beforeAll(async () => {
    t = await startTestServer();
    organizer = await t.client().signUpVerified('organizer');
    attendee = await t.client().signUpVerified('attendee');
    eventId = (await organizer.post('/api/events', eventInput())).body.id;
  });
  afterAll(() => t.stop());

  const expectError = (res: { status: number; body: any }, status: number, code: string) => {
    expect(res.status).toBe(status);
    expect(res.body.error.code).toBe(code);
    expect(typeof res.body.error.message).toBe('string');
  };

  it('names of only invisible characters, or with control characters, are refused; any script is taken', async () => {
    const signUp = (name: string) => t.client().post('/api/auth/signup', { email: `n${Math.random().toString(36).slice(2)}@example.org`, password: 'a-long-passphrase', name, role: 'attendee' });
    for (const name of ['\u200B\u200B', '\u3164', ' \u2060 ', 'Ada\u0000', 'Ada\nLovelace']) {
      const refused = await signUp(name);
      expectError(refused, 400, 'validation_failed');
      expect(Object.keys(refused.body.error.details.fields)).toContain('name');
    }
    expect((await signUp('  Владимир 山田  ')).status).toBe(201);
    expectError(await organizer.post('/api/events', eventInput({ name: '\u200D\u200D' })), 400, 'validation_failed');
    expectError(await organizer.post('/api/events', eventInput({ location: 'Hall\u00001' })), 400, 'validation_failed');
    expectError(await organizer.post('/api/events', eventInput({ description: 'Doors\u0000open' })), 400, 'validation_failed');
    const multiLine = await organizer.post('/api/events', eventInput({ name: 'Фестиваль 音楽祭 👩‍💻', description: 'Doors at 7.\n\tTalks at 8.' }));
    expect(multiLine.status).toBe(201);
    expect(multiLine.body.description).toBe('Doors at 7.\n\tTalks at 8.');
  });

  it('malformed JSON', async () => {
    expectError(await organizer.post('/api/events', '{"name": "x",'), 400, 'invalid_json');
    expectError(await t.client().post('/api/auth/login', 'not json'), 400, 'invalid_json');
  });

  it('wrong types, unknown fields and missing fields name the offending fields', async () => {
    const wrongType = await organizer.post('/api/events', eventInput({ capacity: 'lots' }));
    expectError(wrongType, 400, 'validation_failed');
    expect(Object.keys(wrongType.body.error.details.fields)).toContain('capacity');
    expectError(await organizer.post('/api/events', eventInput({ isAdmin: true })), 400, 'validation_failed');
    expectError(await organizer.post('/api/events', { name: 'Only a name' }), 400, 'validation_failed');
    expectError(await t.client().post('/api/auth/signup', { email: 'not-an-email', password: 'short', name: '', role: 'admin' }), 400, 'validation_failed');
    expectError(await attendee.post(`/api/events/${eventId}/registrations`, { quantity: 11 }), 400, 'validation_failed');
    expectError(await attendee.post(`/api/events/${eventId}/registrations`, { quantity: 0 }), 400, 'validation_failed');
    expectError(await attendee.post(`/api/events/${eventId}/registrations`, { lines: [{ ticketTypeId: 'tt_nope', quantity: 1 }] }), 400, 'validation_failed');
    expectError(await attendee.post(`/api/events/${eventId}/registrations`, { quantity: 1.5 }), 400, 'validation_failed');
  });

  it('bad dates, currencies, time zones and schedules', async () => {
    expectError(await organizer.post('/api/events', eventInput({ startsAt: 'next tuesday' })), 400, 'validation_failed');
    expectError(await organizer.post('/api/events', eventInput({ startsAt: '2026-02-30T10:00:00Z' })), 400, 'validation_failed');
    expectError(await organizer.post('/api/events', eventInput({ currency: 'EURO' })), 400, 'validation_failed');
    expectError(await organizer.post('/api/events', eventInput({ timezone: 'Mars/Olympus' })), 400, 'validation_failed');
    const start = new Date(Date.now() + 86_400_000).toISOString();
    expectError(await organizer.post('/api/events', eventInput({ startsAt: start, endsAt: start })), 400, 'validation_failed');
    expectError(await t.client().get('/api/events?from=yesterday'), 400, 'validation_failed');
    expectError(await t.client().get('/api/events?limit=1000'), 400, 'validation_failed');
  });

  it('bad and unknown ids', async () => {
    expectError(await t.client().get('/api/events/evt_doesnotexist'), 404, 'not_found');
    expectError(await t.client().get(`/api/events/${'x'.repeat(500)}`), 400, 'validation_failed');
    expectError(await t.client().get('/api/events/%27%20OR%201=1'), 400, 'validation_failed');
    expectError(await attendee.post('/api/events/evt_nope/registrations', { quantity: 1 }), 404, 'not_found');
    expectError(await attendee.get('/api/registrations/reg_nope'), 404, 'not_found');
    expectError(await t.client().get('/api/no/such/route'), 404, 'not_found');
    expectError(await t.client().get('/api/events?cursor=%%%garbage'), 400, 'validation_failed');
  });

  it('bodies over 100 KB are refused with 413', async () => {
    const res = await organizer.post('/api/events', eventInput({ description: 'x'.repeat(150 * 1024) }));
    expectError(res, 413, 'payload_too_large');
  });

  it('a bad Idempotency-Key is refused', async () => {
    const res = await attendee.post(`/api/events/${eventId}/registrations`, { quantity: 1 }, { 'Idempotency-Key': 'spaces are not allowed' });
    expectError(res, 400, 'validation_failed');
  });

  it('the server never answered with a 5xx', () => {
    expect(t.logs.filter((l) => l.includes('"unhandled error"'))).toEqual([]);
  });
});
