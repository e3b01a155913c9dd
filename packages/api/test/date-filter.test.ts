import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './support/server.js';
import { ApiClient, eventInput } from './support/client.js';

describe('the date filter of the event listing reads each event on its own wall clock', () => {
  let t: TestServer;
  let organizer: ApiClient;
  const tag = `zdate${Math.random().toString(36).slice(2, 8)}`;
  beforeAll(async () => {
    t = await startTestServer();
    organizer = await t.client().signUpVerified('organizer');
    // 17:00 on 15 January 2027 in Portland is 01:00 on 16 January in UTC.
    const portland = eventInput({ name: `${tag} Portland`, startsAt: '2027-01-16T01:00:00.000Z', endsAt: '2027-01-16T03:00:00.000Z', timezone: 'America/Los_Angeles' });
    expect((await organizer.post('/api/events', portland)).status).toBe(201);
  });
  afterAll(() => t.stop());

  const names = async (query: string): Promise<string[]> => {
    const res = await t.client().get(`/api/events?q=${tag}&${query}`);
    expect(res.status).toBe(200);
    return res.body.items.map((e: { name: string }) => e.name);
  };

  it('finds the Portland evening of 15 January on that day, not on the 16th', async () => {
    expect(await names('from=2027-01-15&to=2027-01-15')).toEqual([`${tag} Portland`]);
    expect(await names('from=2027-01-16&to=2027-01-16')).toEqual([]);
  });

  it('still takes an exact instant as before', async () => {
    expect(await names('from=2027-01-16T00:00:00Z&to=2027-01-16T02:00:00Z')).toEqual([`${tag} Portland`]);
  });

  it('answers 400 to a day that does not exist, and an empty list to a range that ends before it starts', async () => {
    const bad = await t.client().get('/api/events?from=2027-02-30');
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('validation_failed');
    expect(await names('from=2027-01-16&to=2027-01-10')).toEqual([]);
  });
});
